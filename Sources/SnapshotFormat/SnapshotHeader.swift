/// What a snapshot says about itself, above its records: when and by what it was made, from where, and
/// whether it is complete.
public struct SnapshotHeader: Sendable, Equatable {
    public var schemaVersion: String
    /// RFC 3339 UTC, seconds precision. The only field that differs between exports of an unchanged tenant.
    public var generatedAt: String
    public var tool: Snapshot.Tool
    public var source: Snapshot.Source
    /// True only when every requested collection was read to the end.
    public var complete: Bool
    /// How the snapshot was collected (1.2 and later; an earlier file's is derived from the fields above).
    public var provenance: SnapshotProvenance
    /// The link to the stored snapshot before it: only `export --store` writes one (1.2 and later).
    public var chain: SnapshotChainLink?

    /// Without a `provenance`, the one these fields alone can state (`SnapshotProvenance(generatedAt:tool:source:)`).
    public init(
        generatedAt: String, tool: Snapshot.Tool, source: Snapshot.Source, complete: Bool,
        schemaVersion: String = Snapshot.schemaVersion, provenance: SnapshotProvenance? = nil, chain: SnapshotChainLink? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.generatedAt = generatedAt
        self.tool = tool
        self.source = source
        self.complete = complete
        self.chain = chain
        self.provenance = provenance ?? SnapshotProvenance(generatedAt: generatedAt, tool: tool, source: source)
    }

    /// The layout its file has: its schema version as `SnapshotLayout.Version(reading:)` reads it (the
    /// latest for a version this tool would refuse, which only a hand-built header can state).
    public var layout: SnapshotLayout.Version { SnapshotLayout.Version(reading: schemaVersion) ?? .latest }
}
