import SnapshotFormat

/// The headline of a diff in one line, e.g. `users +1 -1 ~1, grants +3 -2, role changes 2, privilege increases 2`.
/// Zero counts are left out; an empty diff reads `no changes`.
public enum DiffSummary {
    public struct Row: Sendable, Equatable {
        public var label: String
        /// The resource type a row counts; nil for entitlements and grants.
        public var type: Resource.Kind?
        public var added: Int
        public var removed: Int
        public var changed: Int
    }

    /// The count rows in a fixed order: resource types, entitlements, grants.
    public static func rows(_ diff: SnapshotDiff) -> [Row] {
        var rows: [Row] = []
        for (type, label) in [(Resource.Kind.user, "users"), (.organization, "organizations"), (.role, "roles"), (.permission, "permissions")] {
            let counts = diff.resourceCounts(type)
            rows.append(Row(label: label, type: type, added: counts.added, removed: counts.removed, changed: counts.changed))
        }
        rows.append(
            Row(label: "entitlements", type: nil, added: diff.entitlementsAdded.count, removed: diff.entitlementsRemoved.count, changed: diff.entitlementsChanged.count))
        rows.append(Row(label: "grants", type: nil, added: diff.grantsAdded.count, removed: diff.grantsRemoved.count, changed: diff.grantsChanged.count))
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
        return parts.joined(separator: ", ")
    }
}
