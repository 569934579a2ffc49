import ClerkClient
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat

/// The main job without its front end: read a tenant into the graph page by page, and put a header on
/// it; `SnapshotWriter` then writes it. Every export of the CLI (and so the benchmark's, which runs the
/// executable) goes through these two, so what is measured is what ships.
public enum Exporter {
    /// Reads `collections` from `reader` into the graph and heads it with when (`now`), by what and from
    /// where. Throws `.incomplete` when a collection could not be read to the end, unless `allowPartial`.
    /// With `sessions`, the active sessions of the users in that scope are read after everything else (the
    /// scope needs the users, roles and memberships read to the end); `planSessions` is told the scope and
    /// how many users are in it before the first session request. With `run`, the header's `provenance`
    /// says how the read went: started at `now`, ended when the last page was in, with the run's counters.
    public static func draft(
        from reader: any TenantReader, collections: Set<ClerkCollection>, sessions: SessionScope? = nil,
        allowPartial: Bool, now: Date, run: ExportRun? = nil, planSessions: (@Sendable (SessionScope, Int) -> Void)? = nil
    ) async throws(ExportError) -> SnapshotDraft {
        var collections = collections
        collections.remove(.sessions)
        let sink = GraphBuildingSink(requested: sessions == nil ? collections : collections.union([.sessions]))
        var report: TenantReadReport
        do {
            report = try await reader.read(collections, into: sink)
        } catch {
            throw .read(error)
        }
        if !report.isComplete, !allowPartial {
            throw .incomplete(collections: report.incomplete)
        }
        if let sessions {
            let users = sink.sessionScope(sessions)
            planSessions?(sessions, users.count)
            do {
                report.merge(try await reader.readSessions(of: users, into: sink))
            } catch {
                throw .read(error)
            }
        }
        let header = SnapshotHeader(
            generatedAt: Timestamp.rfc3339(seconds: Int64(now.timeIntervalSince1970.rounded(.down))),
            tool: Snapshot.Tool(version: ClerkClientConfiguration.toolVersion),
            // What was exported, not what was asked for: a default collection the key was refused is not in it.
            source: Snapshot.Source(apiURL: reader.apiURL, instance: reader.instance, collections: Array(report.exported)),
            complete: report.isComplete)
        var draft = SnapshotDraft(header: header, graph: sink.finish(report))
        if let run { draft.header.provenance = run.provenance(of: draft.header, startedAt: now) }
        return draft
    }

    /// The same as a sealed snapshot with its records as values: for small tenants and tests.
    public static func snapshot(
        from reader: any TenantReader, collections: Set<ClerkCollection>, sessions: SessionScope? = nil, allowPartial: Bool,
        now: Date
    ) async throws(ExportError) -> Snapshot {
        try await draft(from: reader, collections: collections, sessions: sessions, allowPartial: allowPartial, now: now).snapshot()
    }
}
