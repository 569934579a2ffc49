import CanonicalJSON
import Foundation
import GoldenFiles
import GrantGraph
import SnapshotFormat
import Testing

/// `export --store` decides "no change" from the two files' lines when it can; every other case must
/// answer false so that the full comparison decides.
@Suite struct SnapshotRecordComparisonTests {
    static let golden = DemoSnapshotFiles.demo

    static func variant(_ edit: (String) -> String) throws -> URL {
        let text = try String(contentsOf: golden, encoding: .utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString).json")
        try Data(edit(text).utf8).write(to: url)
        return url
    }

    @Test func sameRecordsDespiteANewTimestampAndOtherDiagnostics() throws {
        let later = try Self.variant {
            $0.replacingOccurrences(of: #""generated_at": "2026-11-20T00:00:00Z""#, with: #""generated_at": "2026-11-21T06:00:00Z""#)
                .replacingOccurrences(of: #""diagnostics":9"#, with: #""diagnostics":8"#)
                .replacingOccurrences(of: "has role key 'basic_member'", with: "has the role key 'basic_member'")
        }
        defer { try? FileManager.default.removeItem(at: later) }
        #expect(try String(contentsOf: later, encoding: .utf8) != String(contentsOf: Self.golden, encoding: .utf8))
        #expect(SnapshotRecordComparison.sameRecords(Self.golden, later))
    }

    /// A store's next run links to the file before it and was collected at another time: its `chain` and
    /// `provenance` lines differ from the stored file's whenever nothing else does.
    @Test func sameRecordsDespiteAnotherChainLinkAndProvenance() throws {
        let text = try String(contentsOf: Self.golden, encoding: .utf8)
        let later = try Self.variant {
            $0.replacingOccurrences(
                of: #""chain": null"#,
                with: #""chain": {"previous_file":"000001-20261120T000000Z-5d698438de4f.json","previous_file_sha256":"sha256:"# + String(repeating: "a", count: 64) + #""}"#
            )
            .replacingOccurrences(of: #""requests":0,"retries":0"#, with: #""requests":818,"retries":2"#)
        }
        defer { try? FileManager.default.removeItem(at: later) }
        let changed = try String(contentsOf: later, encoding: .utf8)
        #expect(changed.split(separator: "\n").count == text.split(separator: "\n").count)
        #expect(zip(changed.split(separator: "\n"), text.split(separator: "\n")).filter { $0 != $1 }.count == 2)
        #expect(SnapshotRecordComparison.sameRecords(Self.golden, later))
        // A 1.1 file and a 1.2 one are laid out differently: the full comparison decides.
        let example = SnapshotVersionTests.examples.appendingPathComponent("example-1.1.snapshot.json")
        #expect(!SnapshotRecordComparison.sameRecords(example, Self.golden))
    }

    @Test(arguments: [
        ("a grant's role key", "\"role_key\":\"org:admin\"}}", "\"role_key\":\"org:owner\"}}"),
        ("the digest line", "\"digest\": \"\(DemoSnapshotFiles.demoDigest)", "\"digest\": \"sha256:\(String(repeating: "f", count: 64))"),
        ("a resource's name", "\"display_name\":\"Acme Corp\"", "\"display_name\":\"Acme Corp.\""),
        ("the layout", "\n    {\"entitlement\"", "\n  {\"entitlement\""),
        ("the end", "  \"schema\": ", "  \"schema_name\": "),
    ])
    func anyOtherDifferenceIsNotTheSame(what: String, original: String, replacement: String) throws {
        let changed = try Self.variant { $0.replacingOccurrences(of: original, with: replacement) }
        defer { try? FileManager.default.removeItem(at: changed) }
        #expect(try String(contentsOf: changed, encoding: .utf8) != String(contentsOf: Self.golden, encoding: .utf8), "\(what)")
        #expect(!SnapshotRecordComparison.sameRecords(Self.golden, changed), "\(what)")
    }

    /// A 1.1 file's access paths precede the digest line, and are compared all the same.
    @Test func oneOneAccessPathsAreCompared() throws {
        let example = SnapshotVersionTests.examples.appendingPathComponent("example-1.1.snapshot.json")
        let text = try String(contentsOf: example, encoding: .utf8)
        func write(_ text: String) throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString).json")
            try Data(text.utf8).write(to: url)
            return url
        }
        let later = try write(text.replacingOccurrences(of: #""generated_at": "2026-11-20T00:00:00Z""#, with: #""generated_at": "2026-11-21T00:00:00Z""#))
        let otherPath = try write(text.replacingOccurrences(of: #""status":"pending""#, with: #""status":"expired""#))
        defer { for url in [later, otherPath] { try? FileManager.default.removeItem(at: url) } }
        #expect(SnapshotRecordComparison.sameRecords(example, later))
        #expect(!SnapshotRecordComparison.sameRecords(example, otherPath))
        #expect(!SnapshotRecordComparison.sameRecords(example, Self.golden))
    }

    @Test func aMissingOrTruncatedFileIsNotTheSame() throws {
        let truncated = try Self.variant { String($0.prefix($0.count / 2)) }
        defer { try? FileManager.default.removeItem(at: truncated) }
        #expect(!SnapshotRecordComparison.sameRecords(Self.golden, truncated))
        #expect(!SnapshotRecordComparison.sameRecords(Self.golden, URL(fileURLWithPath: "/nonexistent/snapshot.json")))
    }
}
