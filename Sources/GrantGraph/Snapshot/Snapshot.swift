import CanonicalJSON
import ClerkModel

/// A versioned access-governance snapshot: where it came from, whether it is complete, and the graph.
public struct Snapshot: Sendable, Equatable {
    public static let schemaName = "clerk-grants.snapshot"
    public static let schemaVersion = "1.0"
    public static let supportedMajor = 1

    public var schemaVersion: String
    /// RFC 3339 UTC, seconds precision. The only field that differs between exports of an unchanged tenant.
    public var generatedAt: String
    public var tool: Tool
    public var source: Source
    /// True only when every requested collection was read to the end.
    public var complete: Bool
    public var graph: AccessGraph
    /// `sha256:<hex>` over the canonical resources, entitlements and grants.
    public var digest: String

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
            generatedAt: generatedAt, tool: tool, source: source, complete: complete, graph: graph,
            digest: SnapshotDigest.compute(graph), schemaVersion: schemaVersion)
    }

    /// A snapshot whose digest is left empty, to be filled in as it is written
    /// (`SnapshotEncoder.encode(_:emit:patch:)`) instead of by a separate pass over every record.
    public static func unsealed(
        generatedAt: String, tool: Tool, source: Source, complete: Bool, graph: AccessGraph
    ) -> Snapshot {
        Snapshot(
            generatedAt: generatedAt, tool: tool, source: source, complete: complete, graph: graph, digest: "",
            schemaVersion: Snapshot.schemaVersion)
    }

    public var isSealed: Bool { !digest.isEmpty }

    /// Computes the digest of an unsealed snapshot.
    public mutating func seal() {
        if !isSealed { digest = SnapshotDigest.compute(graph) }
    }

    /// A snapshot as read from a file: the digest is the file's, checked by `SnapshotValidator`.
    init(
        generatedAt: String, tool: Tool, source: Source, complete: Bool, graph: AccessGraph, digest: String,
        schemaVersion: String
    ) {
        self.schemaVersion = schemaVersion
        self.generatedAt = generatedAt
        self.tool = tool
        self.source = source
        self.complete = complete
        self.graph = graph
        self.digest = digest
    }

    /// Everything above the records.
    public var header: SnapshotHeader {
        SnapshotHeader(generatedAt: generatedAt, tool: tool, source: source, complete: complete, schemaVersion: schemaVersion)
    }

    /// Record counts as written under `counts`.
    public var counts: [(key: String, value: Int)] { graph.counts }
}
