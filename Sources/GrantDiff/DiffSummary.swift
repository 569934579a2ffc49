import SnapshotFormat

/// The headline of a diff in one line, e.g. `users +1 -1 ~1, grants +3 -2, role changes 2, privilege increases 2`.
/// Zero counts are left out; an empty diff reads `no changes`.
public enum DiffSummary {
    /// What a row counts: the resources of one type, the entitlements, or the grants.
    public enum Counted: Sendable, Equatable {
        case resources(Resource.Kind)
        case entitlements
        case grants
        /// Snapshot 1.1's access paths.
        case accessPaths

        /// The row's name in every rendering (`users`, `entitlements`).
        public var label: String {
            switch self {
            case .resources(.user): return "users"
            case .resources(.organization): return "organizations"
            case .resources(.role): return "roles"
            case .resources(.permission): return "permissions"
            case .resources(.roleSet): return "role sets"
            case .resources(.machine): return "machines"
            case .entitlements: return "entitlements"
            case .grants: return "grants"
            case .accessPaths: return "access paths"
            }
        }
    }

    public struct Row: Sendable, Equatable {
        public var counted: Counted
        public var added: Int
        public var removed: Int
        public var changed: Int

        public var label: String { counted.label }
        /// The resource type a row counts; nil for entitlements and grants.
        public var type: Resource.Kind? {
            if case .resources(let type) = counted { return type }
            return nil
        }
    }

    /// The count rows in a fixed order: resource types, entitlements, grants, then access paths. Role sets,
    /// machines and access paths have rows only when a side is a 1.1 snapshot, so a diff of two 1.0 files
    /// reads as it always did.
    public static func rows(_ diff: SnapshotDiff) -> [Row] {
        var rows: [Row] = []
        var types: [Resource.Kind] = [.user, .organization, .role, .permission]
        if diff.comparesAccessPaths { types += [.roleSet, .machine] }
        for type in types {
            let counts = diff.resourceCounts(type)
            rows.append(Row(counted: .resources(type), added: counts.added, removed: counts.removed, changed: counts.changed))
        }
        rows.append(
            Row(counted: .entitlements, added: diff.entitlementsAdded.count, removed: diff.entitlementsRemoved.count, changed: diff.entitlementsChanged.count))
        rows.append(Row(counted: .grants, added: diff.grantsAdded.count, removed: diff.grantsRemoved.count, changed: diff.grantsChanged.count))
        if diff.comparesAccessPaths {
            rows.append(
                Row(
                    counted: .accessPaths, added: diff.accessPathsAdded.count, removed: diff.accessPathsRemoved.count,
                    changed: diff.accessPathsChanged.count))
        }
        return rows
    }

    public static func headline(_ diff: SnapshotDiff) -> String {
        if diff.isEmpty { return "no changes" }
        var parts: [String] = []
        for row in rows(diff) {
            var counts: [String] = []
            if row.added > 0 { counts.append("+\(row.added)") }
            if row.removed > 0 { counts.append("-\(row.removed)") }
            if row.changed > 0 { counts.append("~\(row.changed)") }
            if !counts.isEmpty { parts.append("\(row.label) " + counts.joined(separator: " ")) }
        }
        if !diff.roleChanges.isEmpty { parts.append("role changes \(diff.roleChanges.count)") }
        var diagnostics: [String] = []
        if !diff.diagnosticsAppeared.isEmpty { diagnostics.append("+\(diff.diagnosticsAppeared.count)") }
        if !diff.diagnosticsDisappeared.isEmpty { diagnostics.append("-\(diff.diagnosticsDisappeared.count)") }
        if !diagnostics.isEmpty { parts.append("diagnostics " + diagnostics.joined(separator: " ")) }
        if diff.privilegeIncreases > 0 { parts.append("privilege increases \(diff.privilegeIncreases)") }
        // Two files of the same graph in different schema versions: the header names the versions.
        if parts.isEmpty { return "schema version only" }
        return parts.joined(separator: ", ")
    }
}
