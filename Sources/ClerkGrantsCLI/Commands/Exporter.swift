import ClerkClient
import ClerkModel
import Foundation
import GrantGraph

/// The main job without its front end: read a tenant, build the graph, wrap it in a snapshot. The CLI and
/// the benchmark both call this, so what is measured is what ships.
public enum Exporter {
    public static func snapshot(
        from reader: any TenantReader, collections: Set<ClerkCollection>, allowPartial: Bool, now: Date
    ) async throws(CLIError) -> Snapshot {
        var snapshot = try await unsealedSnapshot(from: reader, collections: collections, allowPartial: allowPartial, now: now)
        snapshot.seal()
        return snapshot
    }

    /// The same, with the digest left to be computed while the snapshot is written.
    public static func unsealedSnapshot(
        from reader: any TenantReader, collections: Set<ClerkCollection>, allowPartial: Bool, now: Date
    ) async throws(CLIError) -> Snapshot {
        let tenant: ClerkTenant
        do {
            tenant = try await reader.read(collections)
        } catch {
            throw .read(error)
        }
        if !tenant.isComplete, !allowPartial {
            throw .incomplete(tenant.incomplete.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" })
        }
        let complete = tenant.isComplete
        let graph = GraphBuilder.build(from: consume tenant)
        return Snapshot.unsealed(
            generatedAt: Timestamp.rfc3339(seconds: Int64(now.timeIntervalSince1970.rounded(.down))),
            tool: Snapshot.Tool(version: ClerkClientConfiguration.toolVersion),
            source: Snapshot.Source(apiURL: reader.apiURL, instance: reader.instance, collections: Array(collections)),
            complete: complete, graph: graph)
    }
}
