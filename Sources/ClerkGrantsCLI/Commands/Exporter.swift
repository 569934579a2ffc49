import ClerkClient
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat

/// The main job without its front end: read a tenant into the graph page by page, and put a header on
/// it. The CLI and the benchmark both call this, so what is measured is what ships.
public enum Exporter {
    public static func draft(
        from reader: any TenantReader, collections: Set<ClerkCollection>, allowPartial: Bool, now: Date
    ) async throws(CLIError) -> SnapshotDraft {
        let sink = GraphBuildingSink(requested: collections)
        let report: TenantReadReport
        do {
            report = try await reader.read(collections, into: sink)
        } catch {
            throw .read(error)
        }
        if !report.isComplete, !allowPartial {
            throw .incomplete(report.incomplete.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" })
        }
        let header = SnapshotHeader(
            generatedAt: Timestamp.rfc3339(seconds: Int64(now.timeIntervalSince1970.rounded(.down))),
            tool: Snapshot.Tool(version: ClerkClientConfiguration.toolVersion),
            source: Snapshot.Source(apiURL: reader.apiURL, instance: reader.instance, collections: Array(collections)),
            complete: report.isComplete)
        return SnapshotDraft(header: header, graph: sink.finish(report))
    }

    /// The same as a sealed snapshot with its records as values: for small tenants and tests.
    public static func snapshot(
        from reader: any TenantReader, collections: Set<ClerkCollection>, allowPartial: Bool, now: Date
    ) async throws(CLIError) -> Snapshot {
        try await draft(from: reader, collections: collections, allowPartial: allowPartial, now: now).snapshot()
    }
}
