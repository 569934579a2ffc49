import CanonicalJSON
import ClerkModel

/// The part of a snapshot below its header: diagnostics, counts, and the record lists in canonical
/// order. An `AccessGraph` (records as values, as a snapshot file decodes to) and a `CompactGraph` (records
/// in the compact form the export builds) both are one, so one encoder and one digest serve both.
public protocol SnapshotBody: Sendable {
    var diagnostics: [Diagnostic] { get }
    /// Record counts of every version (`SnapshotLayout.counts`); a file states those of its version.
    var counts: [(key: String, value: Int)] { get }
    func recordCount(_ section: SnapshotSection) -> Int
    /// Writes the canonical bytes of the record at `index` of `section`.
    func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter)
    /// A writer for the records `range` of `section` that gathered what they need first, or nil to have
    /// each written by `writeRecord`. Records whose parts lie all over memory (an export's grants) are
    /// written several times faster this way: one tight pass lets the processor fetch many at once, where
    /// writing them one by one waits for each fetch in turn.
    func blockWriter(for section: SnapshotSection, range: Range<Int>) -> (any SnapshotBlockWriter)?
}

/// Writes records of one block that `SnapshotBody.blockWriter(for:range:)` prepared, by their index in the
/// section; the same bytes as `writeRecord`.
public protocol SnapshotBlockWriter {
    func writeRecord(_ index: Int, to writer: inout CanonicalJSONWriter)
}

extension SnapshotBody {
    public func blockWriter(for section: SnapshotSection, range: Range<Int>) -> (any SnapshotBlockWriter)? { nil }

    /// The counts `SnapshotLayout.counts` declares for every version, from totals and per-kind figures.
    package static func counts(
        resources: Int, byType: [Resource.Kind: Int], entitlements: Int, grants: Int, byKind: [Entitlement.Kind: Int],
        diagnostics: Int, accessPaths: Int = 0
    ) -> [(key: String, value: Int)] {
        SnapshotLayout.counts(
            records: { section in
                switch section {
                case .entitlements: return entitlements
                case .grants: return grants
                case .resources: return resources
                case .accessPaths: return accessPaths
                }
            }, diagnostics: diagnostics, resources: byType, grants: byKind)
    }
}
