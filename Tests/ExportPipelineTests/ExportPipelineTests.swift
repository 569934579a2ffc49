import ClerkClient
import ClerkModel
import ExportPipeline
import Foundation
import GrantGraph
import SnapshotFormat
import Testing

/// The export pipeline's own contract, without the CLI: what it refuses, with which typed error and
/// context, and what it writes.
@Suite struct ExportPipelineTests {
    /// A reader that reads nothing and reports the given collections as incomplete, or as refused (with
    /// the diagnostic a refusal gets).
    struct ReportOnlyReader: TenantReader {
        var incomplete: [ClerkCollection: String] = [:]
        var refused: [ClerkCollection: String] = [:]
        var apiURL: String { "https://api.clerk.test" }
        var instance: String { "fixture:unfinished" }

        func read(_ collections: Set<ClerkCollection>, into sink: any TenantPageSink) async throws(ClerkReadError)
            -> TenantReadReport
        {
            var report = TenantReadReport(requested: collections)
            report.incomplete = incomplete
            report.refused = refused
            for (collection, reason) in refused {
                report.diagnostics.append(CollectionRefusal.diagnostic(collection, reason: reason))
            }
            return report
        }

        func readSessions(of userIDs: [String], into sink: any TenantPageSink) async throws(ClerkReadError) -> TenantReadReport {
            TenantReadReport(requested: [.sessions])
        }
    }

    static let now = Date(timeIntervalSince1970: 1_795_132_800)
    static let reasons: [ClerkCollection: String] = [.users: "page 3 failed", .memberships: "offset 500 failed"]

    @Test func anIncompleteReadIsRefusedNamingEachCollectionAndWhy() async {
        let reader = ReportOnlyReader(incomplete: Self.reasons)
        await #expect {
            _ = try await Exporter.draft(from: reader, collections: [.users, .memberships], allowPartial: false, now: Self.now)
        } throws: { error in
            guard let error = error as? ExportError, case .incomplete(let collections) = error else { return false }
            return collections == Self.reasons
                && error.description == """
                    the export is incomplete, so no snapshot was written:
                      - users: page 3 failed
                      - memberships: offset 500 failed
                    Re-run later, or pass --allow-partial to write it with "complete": false.
                    """
        }
    }

    @Test func anIncompleteReadWithPartialAllowedIsMarkedIncompleteAndVersioned() async throws {
        let reader = ReportOnlyReader(incomplete: [.users: "page 3 failed"])
        let draft = try await Exporter.draft(from: reader, collections: [.users], allowPartial: true, now: Self.now)
        #expect(draft.header.complete == false)
        #expect(draft.header.generatedAt == "2026-11-20T00:00:00Z")
        #expect(draft.header.tool == Snapshot.Tool(name: "clerk-grants", version: ClerkClientConfiguration.toolVersion))
        #expect(draft.header.source.instance == "fixture:unfinished")
        #expect(draft.header.source.collections == [.users])
    }

    @Test func writingOntoAFolderFailsNamingThePathAndReplacesNothing() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try await Exporter.draft(
            from: ReportOnlyReader(incomplete: [:]), collections: [.users], allowPartial: false, now: Self.now)
        #expect {
            try SnapshotWriter.write(draft, to: folder)
        } throws: { error in
            guard let error = error as? ExportError, case .outputFailed(let path, let reason) = error else { return false }
            return path == folder.path && reason == "it is a folder"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test func aWrittenSnapshotIsTheStreamedOneAndValid() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try await Exporter.draft(
            from: ReportOnlyReader(incomplete: [:]), collections: [.users], allowPartial: false, now: Self.now)
        let file = folder.appendingPathComponent("snapshot.json")
        try SnapshotWriter.write(draft, to: file)
        var streamed: [UInt8] = []
        SnapshotWriter.stream(draft) { streamed += $0 }
        let written = try Data(contentsOf: file)
        #expect(Array(written) == streamed)
        #expect(SnapshotValidator.validate(written).problems == [])
    }
}
