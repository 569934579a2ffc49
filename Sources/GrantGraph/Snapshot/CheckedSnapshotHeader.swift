/// The fields of a snapshot file around its records, as `SnapshotValidator` checked them.
struct CheckedSnapshotHeader: Sendable {
    var version: String
    var generatedAt: String
    var tool: Snapshot.Tool
    var source: Snapshot.Source
    var complete: Bool
    var digest: String
}
