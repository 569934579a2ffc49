import CanonicalJSON
import ClerkModel
import Foundation
import GrantGraph
import Testing

@Suite struct SnapshotValidatorTests {
    static func validSnapshotText() -> String {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: [
            SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin"),
            SampleTenant.membership("mem_2", "user_bob", SampleTenant.globex, "org:gone"),
        ]))
        let snapshot = Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "https://api.clerk.com", instance: "sha256:0123456789abcdef", collections: ClerkCollection.allCases),
            complete: true, graph: graph)
        return String(decoding: SnapshotEncoder.encode(snapshot), as: UTF8.self)
    }

    static func problems(_ text: String) -> [SnapshotProblem] {
        SnapshotValidator.validate(Data(text.utf8)).problems
    }

    @Test func writtenSnapshotIsValidAndRoundTrips() throws {
        let text = Self.validSnapshotText()
        let report = SnapshotValidator.validate(Data(text.utf8))
        #expect(report.problems.isEmpty)
        let snapshot = try #require(report.snapshot)
        #expect(String(decoding: SnapshotEncoder.encode(snapshot), as: UTF8.self) == text)
    }

    @Test func reformattedButUnchangedSnapshotIsStillValid() throws {
        // Same values, another layout (every member on its own line): the digest is over canonical values.
        let pretty = CanonicalJSONWriter.encodePretty(try JSONParser.parse(Self.validSnapshotText()))
        #expect(String(decoding: pretty, as: UTF8.self) != Self.validSnapshotText())
        #expect(SnapshotValidator.validate(Data(pretty)).problems.isEmpty)
    }

    @Test func tamperedRecordBreaksTheDigest() {
        let text = Self.validSnapshotText().replacingOccurrences(of: "alice@example.com", with: "mallory@example.com")
        #expect(Self.problems(text).map(\.kind) == [.digest])
    }

    @Test func grantPointingAtNothingIsReported() {
        let text = Self.validSnapshotText().replacingOccurrences(
            of: #""entitlement":"organization:org_acme:member""#, with: #""entitlement":"organization:org_nowhere:member""#)
        let kinds = Self.problems(text).map(\.kind)
        #expect(kinds.contains(.reference))
        #expect(Self.problems(text).contains { $0.message.contains("organization:org_nowhere:member, which does not exist") })
    }

    @Test func repeatedIDsAreReported() throws {
        var lines = Self.validSnapshotText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains(#""id":"user:user_alice""#) && $0.contains("clerk_id") })
        lines.insert(lines[index], at: index)
        let problems = Self.problems(lines.joined(separator: "\n"))
        #expect(problems.contains { $0.kind == .reference && $0.message == "duplicate resource id user:user_alice" })
    }

    @Test func unknownMajorVersionIsRefused() {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""schema_version": "1.0""#, with: #""schema_version": "2.0""#)
        #expect(Self.problems(text).map(\.kind) == [.unsupportedVersion])
    }

    @Test func minorVersionIsAccepted() {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""schema_version": "1.0""#, with: #""schema_version": "1.3""#)
        #expect(Self.problems(text).isEmpty)
    }

    @Test func foreignAndBrokenDocumentsAreRefused() {
        #expect(Self.problems(#"{"openapi":"3.0.0"}"#).map(\.kind) == [.foreignDocument])
        #expect(Self.problems("[1,2]").map(\.kind) == [.foreignDocument])
        #expect(Self.problems(String(Self.validSnapshotText().prefix(500))).map(\.kind) == [.notJSON])
    }

    @Test func wrongCountsAndMissingFieldsAreReported() {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""users":2"#, with: #""users":3"#)
        #expect(Self.problems(text).map(\.description) == ["counts.users: says 3 but the file holds 2"])
        let missing = Self.validSnapshotText().replacingOccurrences(of: #""complete": true,"#, with: "")
        #expect(Self.problems(missing).map(\.description) == ["complete: missing or not a boolean"])
    }
}
