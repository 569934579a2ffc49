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
        #expect(root.keys == keys)
    }

    @Test func recordArraysAreTheDiagnosticsAndTheDigestSections() {
        #expect(SnapshotLayout.recordArrays.map(\.key) == ["diagnostics", "entitlements", "grants", "resources"])
        #expect(SnapshotLayout.recordArrays.compactMap(\.section) == SnapshotSection.allCases)
        #expect(SnapshotLayout.Member(recordArray: "grants") == .grants)
        #expect(SnapshotLayout.Member(recordArray: "digest") == nil)
    }

    @Test func countsAreTheOnesTheDemoSnapshotStates() throws {
        let root = try #require(try JSONParser.parse(Self.demo()).objectValue)
        let stated = try #require(root["counts"]?.objectValue)
        #expect(Set(SnapshotLayout.counts.map(\.key)) == Set(stated.keys))
        let computed = SnapshotLayout.counts(
            records: { [.resources: 35, .entitlements: 33, .grants: 54][$0]! }, diagnostics: 3,
            resources: [.user: 14, .organization: 4, .role: 4, .permission: 13], grants: [.member: 20, .role: 18, .permission: 16])
        for (key, value) in computed {
            #expect(stated[key]?.int64Value == Int64(value), "counts.\(key)")
        }
    }

    /// The validator's shortcut (the records' bytes as they stand) and the digest over values frame the
    /// sections alike: both give the demo file's digest.
    @Test func fileOrderDigestFramesSectionsAsTheEncoderDoes() throws {
        let data = try Self.demo()
        var digest = FileOrderDigest()
        try JSONParser.streamObject(data, streaming: Set(SnapshotLayout.recordArrays.map(\.key))) { event in
            switch event {
            case .arrayStart(let key): digest.start(key)
            case .element(let key, let index, _, let raw): digest.element(key, raw: raw, first: index == 0)
            case .arrayEnd(let key): digest.end(key)
            case .member: break
            }
        }
        let stated = "sha256:ee4c9e2cf68d75994e397f990a03271ae65aad5e46776fa1371d66fffd3b01cf"
        #expect(digest.value == stated)
        let decoded = try #require(SnapshotValidator.validate(data).snapshot)
        #expect(SnapshotDigest.compute(decoded.graph) == stated)
    }

    @Test func fileOrderDigestGivesUpOnSectionsOutOfOrder() {
        var digest = FileOrderDigest()
        for key in ["grants", "entitlements", "resources"] {
            digest.start(key)
            digest.end(key)
        }
        #expect(digest.value == nil)
    }
}
