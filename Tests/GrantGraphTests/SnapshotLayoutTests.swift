import CanonicalJSON
import Foundation
import GoldenFiles
@testable import SnapshotFormat
import Testing

/// `SnapshotLayout` is what the encoder, the validator, the indexer and the digest read the file's shape
/// from: these hold it to the files this tool has written (the demo golden) and to its own invariants.
@Suite struct SnapshotLayoutTests {
    static func demo() throws -> Data { try Data(contentsOf: DemoSnapshotFiles.demo) }

    @Test func membersAreDeclaredInTheOrderTheFileListsThem() throws {
        let keys = SnapshotLayout.Member.allCases.map(\.key)
        #expect(keys == keys.sorted(by: codePointPrecedes))
        let root = try #require(try JSONParser.parse(Self.demo()).objectValue)
        let version = try #require(root["schema_version"]?.stringValue.flatMap(SnapshotLayout.Version.init(reading:)))
        #expect(root.keys == version.members.map(\.key))
        let evidence: Set = ["chain", "provenance", "signature"]
        #expect(SnapshotLayout.Version.v1_2.members.map(\.key) == keys)
        #expect(SnapshotLayout.Version.v1_1.members.map(\.key) == keys.filter { !evidence.contains($0) })
        #expect(SnapshotLayout.Version.v1_0.members.map(\.key) == keys.filter { $0 != "access_paths" && !evidence.contains($0) })
    }

    @Test func recordArraysAreTheDiagnosticsAndTheDigestSections() {
        #expect(SnapshotLayout.recordArrays.map(\.key) == ["access_paths", "diagnostics", "entitlements", "grants", "resources"])
        #expect(SnapshotLayout.recordArrays.compactMap(\.section) == SnapshotSection.allCases)
        #expect(SnapshotLayout.Version.v1_0.recordArrays.map(\.key) == ["diagnostics", "entitlements", "grants", "resources"])
        #expect(SnapshotLayout.Version.v1_0.digestSections == [.entitlements, .grants, .resources])
        #expect(SnapshotLayout.Version.v1_1.digestSections == [.accessPaths, .entitlements, .grants, .resources])
        #expect(SnapshotLayout.Member(recordArray: "grants") == .grants)
        #expect(SnapshotLayout.Member(recordArray: "access_paths") == .accessPaths)
        #expect(SnapshotLayout.Member(recordArray: "digest") == nil)
    }

    @Test func versionsAreReadByMajorAndMinor() {
        #expect(SnapshotLayout.Version(reading: "1.0") == .v1_0)
        #expect(SnapshotLayout.Version(reading: "1") == .v1_0)
        #expect(SnapshotLayout.Version(reading: "1.1") == .v1_1)
        #expect(SnapshotLayout.Version(reading: "1.3") == .latest)
        #expect(SnapshotLayout.Version(reading: "1.0.2") == .v1_0)
        for refused in ["2.0", "0.9", "", "1.", "1.x", "v1.0", "1.0.0.0", "١.٠"] {
            #expect(SnapshotLayout.Version(reading: refused) == nil, "\(refused)")
        }
    }

    @Test func countsAreTheOnesTheDemoSnapshotStates() throws {
        let root = try #require(try JSONParser.parse(Self.demo()).objectValue)
        let stated = try #require(root["counts"]?.objectValue)
        #expect(Set(SnapshotLayout.Version.v1_1.counts.map(\.key)) == Set(stated.keys))
        let computed = SnapshotLayout.counts(
            .v1_1,
            records: { [.resources: 40, .entitlements: 36, .grants: 57, .accessPaths: 8][$0]! }, diagnostics: 9,
            resources: [.user: 14, .organization: 4, .role: 4, .permission: 13, .roleSet: 2, .machine: 3],
            grants: [.member: 20, .role: 18, .permission: 16, .access: 3])
        for (key, value) in computed {
            #expect(stated[key]?.int64Value == Int64(value), "counts.\(key)")
        }
    }

    /// The validator's shortcut (the records' bytes as they stand) and the digest over values frame the
    /// sections alike: both give the stated digest, of the 1.1 demo file and of the frozen 1.0 one.
    @Test(arguments: [
        (SnapshotLayout.Version.v1_2, "fixtures/snapshots/demo.snapshot.json", DemoSnapshotFiles.demoDigest),
        (SnapshotLayout.Version.v1_0, "schemas/examples/demo-1.0.snapshot.json",
         "sha256:ee4c9e2cf68d75994e397f990a03271ae65aad5e46776fa1371d66fffd3b01cf"),
    ])
    func fileOrderDigestFramesSectionsAsTheEncoderDoes(version: SnapshotLayout.Version, path: String, stated: String) throws {
        let data = try Data(contentsOf: Self.packageRoot.appendingPathComponent(path))
        var digest = FileOrderDigest()
        try JSONParser.streamObject(data, streaming: Set(version.recordArrays.map(\.key))) { event in
            switch event {
            case .arrayStart(let key): digest.start(key)
            case .element(let key, let index, _, let raw): digest.element(key, raw: raw, first: index == 0)
            case .arrayEnd(let key): digest.end(key)
            case .member: break
            }
        }
        for other in SnapshotLayout.Version.allCases {
            // A digest stands only for the versions whose sections were all seen, in order (1.2 frames 1.1's).
            #expect(digest.value(for: other) == (other.digestSections == version.digestSections ? stated : nil), "\(other.rawValue)")
        }
        let decoded = try #require(SnapshotValidator.validate(data).snapshot)
        #expect(SnapshotDigest.compute(decoded.graph, version: version) == stated)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func fileOrderDigestGivesUpOnSectionsOutOfOrder() {
        var digest = FileOrderDigest()
        for key in ["grants", "entitlements", "resources"] {
            digest.start(key)
            digest.end(key)
        }
        #expect(digest.value(for: .v1_0) == nil)
    }
}
