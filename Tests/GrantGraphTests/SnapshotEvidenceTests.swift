import CanonicalJSON
import Foundation
import GoldenFiles
@testable import SnapshotFormat
import Testing

/// Snapshot 1.2's evidence members: `provenance`, `chain` and `signature` are declared by the layout, written
/// by the encoder, checked by the validator, left out of the digest; the signature seals the file's bytes.
@Suite struct SnapshotEvidenceTests {
    static let key = Array("the auditor's key, long enough".utf8)

    static func demo() throws -> Snapshot {
        var snapshot = try SnapshotDecoder.decode(try Data(contentsOf: DemoSnapshotFiles.demo))
        snapshot.schemaVersion = "1.2"
        snapshot.header.provenance = SnapshotProvenance(
            toolVersion: "0.1.0", apiVersion: "2025-11-10", apiURL: "https://api.clerk.com", collections: ["users"], requests: 42,
            retries: 3, startedAt: "2026-11-20T00:00:00.000Z", finishedAt: "2026-11-20T00:00:07.250Z", host: "audit-runner")
        snapshot.header.chain = SnapshotChainLink(
            previousFile: "000001-20261113T000000Z-0123456789ab.json", previousFileDigest: "sha256:" + String(repeating: "ab", count: 32))
        return snapshot
    }

    static func encode(_ snapshot: Snapshot, key: [UInt8]? = nil) -> Data {
        var bytes: [UInt8] = []
        SnapshotEncoder.encode(snapshot.header, body: snapshot.graph, digest: snapshot.digest, signingKey: key) { bytes += $0 }
        return Data(bytes)
    }

    @Test func version12AddsTheEvidenceMembersOnly() {
        let added = Set(SnapshotLayout.Version.v1_2.members.map(\.key)).subtracting(SnapshotLayout.Version.v1_1.members.map(\.key))
        #expect(added == ["chain", "provenance", "signature"])
        #expect(SnapshotLayout.Version.v1_2.digestSections == SnapshotLayout.Version.v1_1.digestSections)
        #expect(SnapshotLayout.Version.v1_2.counts.map(\.key) == SnapshotLayout.Version.v1_1.counts.map(\.key))
        #expect(SnapshotLayout.Version(reading: "1.2") == .v1_2)
        #expect(SnapshotLayout.Version(reading: "1.9") == .latest)
        #expect(SnapshotLayout.Version.latest == .v1_2)
    }

    @Test func evidenceRoundTripsAndLeavesTheDigestAlone() throws {
        let snapshot = try Self.demo()
        let data = Self.encode(snapshot)
        let decoded = try SnapshotDecoder.decode(data)
        #expect(decoded.header == snapshot.header)
        #expect(decoded.digest == DemoSnapshotFiles.demoDigest)
        let indexed = try #require(IndexedSnapshot(data))
        #expect(indexed.header.provenance == snapshot.header.provenance)
        #expect(indexed.header.chain == snapshot.header.chain)
        var other = snapshot
        other.header.provenance.requests = 7
        other.header.chain = nil
        let otherData = Self.encode(other)
        #expect(try SnapshotDecoder.decode(otherData).digest == decoded.digest)
        #expect(String(decoding: otherData, as: UTF8.self).contains("\n  \"chain\": null,\n"))
    }

    @Test func aSignedFileVerifiesWithItsKeyOnly() throws {
        let data = Self.encode(try Self.demo(), key: Self.key)
        #expect(SnapshotValidator.validate(data).isValid)
        #expect(SnapshotSeal.verify(data, key: Self.key) == .valid)
        #expect(SnapshotSeal.verify(data, key: Array("another key of the same kind".utf8)) == .mismatch)
        // The sealed digest is SHA-256 over every line but the signature's, as `grep -v` gives it.
        let text = String(decoding: data, as: UTF8.self)
        let rest = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  \"signature\": ") }
            .joined(separator: "\n")
        let sealed = try #require(SnapshotSeal.sealed(data))
        #expect(sealed.digest == SHA256.hash(Array(rest.utf8)))
        #expect(sealed.signature == SnapshotSeal.signature(key: Self.key, sealedDigest: sealed.digest))
    }

    /// Every byte outside the signature line is covered: a change anywhere (records, provenance, chain,
    /// even white space) fails, as does the signature line itself.
    @Test(arguments: ["\"Mallory Moore\"", "\"requests\":42", "\"previous_file\":\"000001", "\"complete\": true", "\"tool\": {"])
    func anyEditBreaksTheSignature(target: String) throws {
        var text = String(decoding: Self.encode(try Self.demo(), key: Self.key), as: UTF8.self)
        let range = try #require(text.range(of: target))
        text.replaceSubrange(range, with: target.replacingOccurrences(of: "o", with: "0").replacingOccurrences(of: "4", with: "5").replacingOccurrences(of: "true", with: "false").replacingOccurrences(of: "{", with: "{ "))
        #expect(SnapshotSeal.verify(Data(text.utf8), key: Self.key) == .mismatch, "\(target)")
    }

    @Test func unsignedEarlierAndDoubledSignaturesAreToldApart() throws {
        let unsigned = Self.encode(try Self.demo())
        #expect(SnapshotSeal.verify(unsigned, key: Self.key) == .unsigned)
        var older = try Self.demo()
        older.schemaVersion = "1.1"
        #expect(SnapshotSeal.verify(Self.encode(older), key: Self.key) == .noSignatureLine)
        let signed = String(decoding: Self.encode(try Self.demo(), key: Self.key), as: UTF8.self)
        let line = try #require(signed.split(separator: "\n").first { $0.hasPrefix("  \"signature\": ") })
        let doubled = signed.replacingOccurrences(of: "  \"schema\": ", with: line + "\n  \"schema\": ")
        #expect(SnapshotSeal.verify(Data(doubled.utf8), key: Self.key) == .noSignatureLine)
        let forged = signed.replacingOccurrences(of: String(line), with: "  \"signature\": \"hmac-sha256:\(String(repeating: "0", count: 64))\",")
        #expect(SnapshotSeal.verify(Data(forged.utf8), key: Self.key) == .mismatch)
    }

    @Test func macsAreComparedWholeWhateverTheirLength() {
        #expect(SnapshotSeal.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!SnapshotSeal.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!SnapshotSeal.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(SnapshotSeal.constantTimeEqual([], []))
    }

    /// Each evidence member broken in its own way is refused at its place by the validator (and so by every
    /// reader); the indexer gives up on it too.
    @Test(arguments: [
        ("\"host\":\"audit-runner\"", "\"host\":\"\"", "provenance.host"),
        ("\"requests\":42", "\"requests\":-1", "provenance.requests"),
        ("\"started_at\":\"2026-11-20T00:00:00.000Z\"", "\"started_at\":\"yesterday\"", "provenance.started_at"),
        ("\"previous_file\":\"000001", "\"previous_file\":\"../000001", "chain.previous_file"),
        ("\"previous_file_sha256\":\"sha256:ab", "\"previous_file_sha256\":\"md5:ab", "chain.previous_file_sha256"),
        ("\"signature\": null", "\"signature\": \"hmac-sha256:xyz\"", "signature"),
        ("\"signature\": null", "\"signature\": 5", "signature"),
        (",\"tool_version\":\"0.1.0\"", "", "provenance.tool_version"),
    ])
    func brokenEvidenceIsRefusedAtItsPlace(target: String, replacement: String, place: String) throws {
        let text = String(decoding: Self.encode(try Self.demo()), as: UTF8.self)
        #expect(text.contains(target))
        let broken = Data(text.replacingOccurrences(of: target, with: replacement).utf8)
        let report = SnapshotValidator.validate(broken)
        #expect(report.problems.map(\.location) == [place], "\(report.problems)")
        #expect(IndexedSnapshot(broken) == nil)
    }

    @Test func evidenceIsRefusedInAnEarlierVersionAndRequiredIn12() throws {
        let text = String(decoding: Self.encode(try Self.demo()), as: UTF8.self)
        let older = Data(text.replacingOccurrences(of: "\"schema_version\": \"1.2\"", with: "\"schema_version\": \"1.1\"").utf8)
        let problems = SnapshotValidator.validate(older).problems
        #expect(problems.map(\.location).sorted() == ["chain", "provenance", "signature"])
        #expect(problems.allSatisfy { $0.message.hasSuffix("(introduced in 1.2)") })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let withoutChain = Data(lines.filter { !$0.hasPrefix("  \"chain\": ") }.joined(separator: "\n").utf8)
        #expect(SnapshotValidator.validate(withoutChain).problems.map(\.location) == ["chain"])
    }
}
