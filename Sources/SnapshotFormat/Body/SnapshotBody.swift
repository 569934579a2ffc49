import CanonicalJSON
import ClerkModel

/// The part of a snapshot below its header: diagnostics, counts, and the three record lists in canonical
/// order. An `AccessGraph` (records as values, as a snapshot file decodes to) and a `CompactGraph` (records
/// in the compact form the export builds) both are one, so one encoder and one digest serve both.
public protocol SnapshotBody: Sendable {
    var diagnostics: [Diagnostic] { get }
    /// Record counts as written under `counts`.
    var counts: [(key: String, value: Int)] { get }
    func recordCount(_ section: SnapshotSection) -> Int
    /// Writes the canonical bytes of the record at `index` of `section`.
    func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter)
}

extension SnapshotBody {
    /// The counts under their usual names, from totals and per-kind figures.
    package static func counts(
        resources: Int, byType: [Resource.Kind: Int], entitlements: Int, grants: Int, byKind: [Entitlement.Kind: Int],
        diagnostics: Int
    ) -> [(key: String, value: Int)] {
        [
            (key: "resources", value: resources),
            (key: "entitlements", value: entitlements),
            (key: "grants", value: grants),
            (key: "diagnostics", value: diagnostics),
            (key: "users", value: byType[.user] ?? 0),
            (key: "organizations", value: byType[.organization] ?? 0),
            (key: "roles", value: byType[.role] ?? 0),
            (key: "permissions", value: byType[.permission] ?? 0),
            (key: "memberships", value: byKind[.member] ?? 0),
            (key: "member_grants", value: byKind[.member] ?? 0),
            (key: "role_grants", value: byKind[.role] ?? 0),
            (key: "permission_grants", value: byKind[.permission] ?? 0),
        ]
    }
}
