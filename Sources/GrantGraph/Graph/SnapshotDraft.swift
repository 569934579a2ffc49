import SnapshotFormat

/// A snapshot as an export produces it: its header and the compact graph. Its digest is computed as it is
/// written (`SnapshotEncoder.encode(_:body:emit:patch:)`), not by a separate pass over every record.
public struct SnapshotDraft: Sendable {
    public var header: SnapshotHeader
    public var graph: CompactGraph

    public init(header: SnapshotHeader, graph: CompactGraph) {
        self.header = header
        self.graph = graph
    }

    /// The snapshot with its records as values, for small tenants and tests.
    public func snapshot() -> Snapshot {
        let graph = graph.accessGraph()
        return Snapshot(header: header, graph: graph, digest: SnapshotDigest.compute(graph, version: header.layout))
    }
}
