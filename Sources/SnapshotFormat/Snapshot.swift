import CanonicalJSON
import ClerkModel

/// A versioned access-governance snapshot: where it came from, whether it is complete, and the graph.
public struct Snapshot: Sendable, Equatable {
    public static let schemaName = "clerk-grants.snapshot"
    /// The version a snapshot states unless told otherwise: the latest (`SnapshotLayout.Version.latest`),
    /// what the export writes. A 1.0 file is read by every reader of this major and written only on request.
    public static let schemaVersion = SnapshotLayout.Version.latest.rawValue
    public static let supportedMajor = 1

    /// Everything above the records: when and by what it was made, from where, whether it is complete.
    public var header: SnapshotHeader
    public var graph: AccessGraph
    /// `sha256:<hex>` over the canonical records of the version's digest sections.
    public var digest: String

    public var schemaVersion: String {
        get { header.schemaVersion }
        set { header.schemaVersion = newValue }
    }
    public var generatedAt: String {
        get { header.generatedAt }
        set { header.generatedAt = newValue }
    }
    public var tool: Tool {
        get { header.tool }
        set { header.tool = newValue }
    }
    public var source: Source {
        get { header.source }
        set { header.source = newValue }
    }
    public var complete: Bool {
        get { header.complete }
        set { header.complete = newValue }
    }

    public struct Tool: Sendable, Equatable {
        public var name: String
        public var version: String

        public init(name: String = "clerk-grants", version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct Source: Sendable, Equatable {
        public var system: String
        public var apiURL: String
        /// A non-secret fingerprint of the instance (of the secret key, or a fixture's declared name).
        public var instance: String
        public var collections: [ClerkCollection]

        public init(system: String = "clerk", apiURL: String, instance: String, collections: [ClerkCollection]) {
            self.system = system
            self.apiURL = apiURL
            self.instance = instance
            self.collections = collections.sorted()
        }
    }

    public init(
        generatedAt: String, tool: Tool, source: Source, complete: Bool, graph: AccessGraph,
        schemaVersion: String = Snapshot.schemaVersion
    ) {
        self.init(
            header: SnapshotHeader(
                generatedAt: generatedAt, tool: tool, source: source, complete: complete, schemaVersion: schemaVersion),
            graph: graph, digest: SnapshotDigest.compute(graph, version: SnapshotLayout.Version(reading: schemaVersion) ?? .latest))
    }

    /// A snapshot as read from a file: the digest is the file's, checked by `SnapshotValidator`.
    package init(header: SnapshotHeader, graph: AccessGraph, digest: String) {
        self.header = header
        self.graph = graph
        self.digest = digest
    }

    /// The layout its file has (`SnapshotHeader.layout`).
    public var layout: SnapshotLayout.Version { header.layout }

    /// Record counts as written under `counts`: the ones its version states.
    public var counts: [(key: String, value: Int)] { SnapshotLayout.counts(graph.counts, of: layout) }
}
