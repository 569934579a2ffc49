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

    /// Record counts as written under `counts`, computed in one pass over the graph.
    public var counts: [(key: String, value: Int)] {
        var resourceCounts: [Resource.Kind: Int] = [:]
        for resource in graph.resources { resourceCounts[resource.type, default: 0] += 1 }
        var kindOfEntitlement: [String: Entitlement.Kind] = [:]
        kindOfEntitlement.reserveCapacity(graph.entitlements.count)
        for entitlement in graph.entitlements { kindOfEntitlement[entitlement.id] = entitlement.kind }
        var grantCounts: [Entitlement.Kind: Int] = [:]
        for grant in graph.grants {
            if let kind = kindOfEntitlement[grant.entitlement] { grantCounts[kind, default: 0] += 1 }
        }
        return [
            (key: "resources", value: graph.resources.count),
            (key: "entitlements", value: graph.entitlements.count),
            (key: "grants", value: graph.grants.count),
            (key: "diagnostics", value: graph.diagnostics.count),
            (key: "users", value: resourceCounts[.user] ?? 0),
            (key: "organizations", value: resourceCounts[.organization] ?? 0),
            (key: "roles", value: resourceCounts[.role] ?? 0),
            (key: "permissions", value: resourceCounts[.permission] ?? 0),
            (key: "memberships", value: grantCounts[.member] ?? 0),
            (key: "member_grants", value: grantCounts[.member] ?? 0),
            (key: "role_grants", value: grantCounts[.role] ?? 0),
            (key: "permission_grants", value: grantCounts[.permission] ?? 0),
        ]
    }
}
