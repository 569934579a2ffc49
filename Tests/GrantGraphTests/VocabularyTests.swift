import ClerkModel
import Foundation
import GoldenFiles
import GrantDiff
import GrantGraph
import OCSF
import SnapshotFormat
import Testing

/// Named vocabulary: each code is written once, in its type, and the README lists exactly those.
@Suite struct VocabularyTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The backquoted names of the README paragraph that starts with `prefix`, up to its first blank line.
    static func readmeList(after prefix: String) throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: "\n" + prefix))
        let paragraph = String(text[start.upperBound...]).components(separatedBy: "\n\n")[0]
        return paragraph.matches(of: /`([a-z0-9_]+)`/).map { String($0.output.1) }
    }

    @Test func theReadmeListsExactlyTheDiagnosticCodesWritten() throws {
        #expect(try Self.readmeList(after: "Diagnostic codes:") == DiagnosticCode.written.map(\.rawValue))
        #expect(Set(DiagnosticCode.written).count == DiagnosticCode.written.count)
    }

    @Test func aCodeThisVersionDoesNotWriteIsKeptAsRead() throws {
        let text = try String(contentsOf: DemoSnapshotFiles.demo, encoding: .utf8)
        let future = text.replacingOccurrences(of: #""code":"dangling_user""#, with: #""code":"from_the_future""#)
        try #require(future != text)
        let snapshot = try SnapshotDecoder.decode(Data(future.utf8))
        #expect(snapshot.graph.diagnostics.map(\.code).contains(DiagnosticCode(rawValue: "from_the_future")))
        #expect(!snapshot.graph.diagnostics.map(\.code).contains(.danglingUser))
    }

    /// Each diff format renders through its own renderer: the golden files of each are its output.
    @Test(arguments: [(DiffFormat.text, "diff-demo.txt"), (.markdown, "diff-demo.md"), (.json, "diff-demo.json"), (.ocsf, "diff-demo.ocsf.ndjson")])
    func eachDiffFormatRendersItsGoldenFile(format: DiffFormat, golden: String) throws {
        let diff = SnapshotDiffer.diff(old: try DiffGolden.load(DemoSnapshotFiles.demoName), new: try DiffGolden.load(DemoSnapshotFiles.demoNextName))
        try DiffGolden.assertMatches(format.render(diff, color: false, product: OCSFProduct(version: "0.0.0-test")), file: golden)
    }

    @Test func summaryRowsAreNamedByWhatTheyCount() throws {
        let diff = SnapshotDiffer.diff(old: try DiffGolden.load(DemoSnapshotFiles.demoName), new: try DiffGolden.load(DemoSnapshotFiles.demoNextName))
        let rows = DiffSummary.rows(diff)
        #expect(rows.map(\.label) == ["users", "organizations", "roles", "permissions", "role sets", "machines", "entitlements", "grants", "access paths"])
        #expect(rows.map(\.type) == [.user, .organization, .role, .permission, .roleSet, .machine, nil, nil, nil])
        #expect(rows.first { $0.counted == .grants }.map { [$0.added, $0.removed, $0.changed] } == [4, 2, 0])
    }
}
