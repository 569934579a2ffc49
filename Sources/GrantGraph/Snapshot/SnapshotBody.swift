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

/// The record lists the digest covers, in the order the digest (and the file) lists them.
public enum SnapshotSection: String, CaseIterable, Sendable {
    case entitlements
    case grants
    case resources
}

extension SnapshotBody {
    /// The counts under their usual names, from totals and per-kind figures.
    static func counts(
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

extension AccessGraph: SnapshotBody {
    /// Computed in one pass over the graph. A grant whose entitlement is not in the graph counts in
    /// `grants` but under no kind.
    public var counts: [(key: String, value: Int)] {
        var resourceCounts: [Resource.Kind: Int] = [:]
        for resource in resources { resourceCounts[resource.type, default: 0] += 1 }
        var kindOfEntitlement: [String: Entitlement.Kind] = [:]
        kindOfEntitlement.reserveCapacity(entitlements.count)
        for entitlement in entitlements { kindOfEntitlement[entitlement.id] = entitlement.kind }
        var grantCounts: [Entitlement.Kind: Int] = [:]
        for grant in grants {
            if let kind = kindOfEntitlement[grant.entitlement] { grantCounts[kind, default: 0] += 1 }
        }
        return Self.counts(
            resources: resources.count, byType: resourceCounts, entitlements: entitlements.count, grants: grants.count,
            byKind: grantCounts, diagnostics: diagnostics.count)
    }

    public func recordCount(_ section: SnapshotSection) -> Int {
        switch section {
        case .entitlements: return entitlements.count
        case .grants: return grants.count
        case .resources: return resources.count
        }
    }

    public func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter) {
        switch section {
        case .entitlements: writer.writeRecord(entitlements[index])
        case .grants: writer.writeRecord(grants[index])
        case .resources: writer.writeRecord(resources[index])
        }
    }
}
