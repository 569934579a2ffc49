import CanonicalJSON
import ClerkModel

/// The diff as JSON, described by `schemas/diff.v1.schema.json`: canonical (sorted keys), pretty-printed.
public enum DiffJSONRenderer {
    public static let schemaName = "clerk-grants.diff"
    /// `1.0` for a diff of two 1.0 snapshots (unchanged from earlier releases); `1.1` when a side is a 1.1
    /// snapshot, which adds the optional role set, machine and access path content.
    public static let schemaVersion = "1.0"
    public static let accessPathsSchemaVersion = "1.1"

    public static func render(_ diff: SnapshotDiff) -> [UInt8] {
        CanonicalJSONWriter.encodePretty(json(diff))
    }

    public static func json(_ diff: SnapshotDiff) -> JSONValue {
        let rows = DiffSummary.rows(diff)
        var resourceSummary = JSONObject()
        for row in rows { if let type = row.type { resourceSummary[type.rawValue] = counts(row) } }
        let summary: JSONValue = [
            "resources": .object(resourceSummary),
            "entitlements": counts(rows.first { $0.counted == .entitlements }!),
            "grants": counts(rows.first { $0.counted == .grants }!),
            "role_changes": .int(Int64(diff.roleChanges.count)),
            "diagnostics": [
                "appeared": .int(Int64(diff.diagnosticsAppeared.count)),
                "disappeared": .int(Int64(diff.diagnosticsDisappeared.count)),
            ],
            "privilege_increases": .int(Int64(diff.privilegeIncreases)),
        ]
        var document: JSONValue = [
            "schema": .string(schemaName),
            "schema_version": .string(schemaVersion),
            "old": side(diff.old),
            "new": side(diff.new),
            "identical": .bool(diff.isEmpty),
            "digests_equal": .bool(diff.digestsEqual),
            "summary": summary,
            "resources": section(diff.resourcesAdded, diff.resourcesRemoved, diff.resourcesChanged, ref),
            "entitlements": section(diff.entitlementsAdded, diff.entitlementsRemoved, diff.entitlementsChanged, entitlement),
            "grants": section(diff.grantsAdded, diff.grantsRemoved, diff.grantsChanged, grant),
            "role_changes": .array(diff.roleChanges.map(roleChange)),
            "diagnostics": [
                "appeared": .array(diff.diagnosticsAppeared.map(diagnostic)),
                "disappeared": .array(diff.diagnosticsDisappeared.map(diagnostic)),
            ],
        ]
        guard diff.comparesAccessPaths, case .object(var object) = document, case .object(var counts) = summary else { return document }
        object["schema_version"] = .string(accessPathsSchemaVersion)
        counts["access_paths"] = self.counts(rows.first { $0.counted == .accessPaths }!)
        object["summary"] = .object(counts)
        object["access_paths"] = section(diff.accessPathsAdded, diff.accessPathsRemoved, diff.accessPathsChanged, accessPath)
        object["role_sets"] = .array(diff.roleSetChanges.map(roleSetChange))
        object["old"] = side(diff.old, withVersion: true)
        object["new"] = side(diff.new, withVersion: true)
        document = .object(object)
        return document
    }

    private static func accessPath(_ path: SnapshotDiff.AccessPathRecord) -> JSONValue {
        var object = members([
            "id": .string(path.id), "kind": .string(path.kind.rawValue), "organization": ref(path.organization),
            "entitlement": .string(path.entitlement), "principal": .string(path.principal), "status": .string(path.status),
            "privilege_increase": .bool(path.privilegeIncrease),
        ])
        if let role = path.role { object["role"] = ref(role) }
        if let user = path.matchingUser { object["matching_user"] = ref(user) }
        return .object(object)
    }

    private static func roleSetChange(_ change: SnapshotDiff.RoleSetChange) -> JSONValue {
        [
            "change": .string(change.mark.rawValue), "role_set": ref(change.roleSet),
            "roles_added": .array(change.rolesAdded.map(JSONValue.string)),
            "roles_removed": .array(change.rolesRemoved.map(JSONValue.string)),
            "changes": .array(change.otherChanges.map(field)),
        ]
    }

    /// `{added, removed, changed}` of one kind of record; a changed record carries its `changes`.
    private static func section<Record>(
        _ added: [Record], _ removed: [Record], _ changed: [SnapshotDiff.RecordChange<Record>],
        _ encode: (Record) -> JSONValue
    ) -> JSONValue {
        [
            "added": .array(added.map(encode)),
            "removed": .array(removed.map(encode)),
            "changed": .array(changed.map { change in
                var object = encode(change.record).objectValue!
                object["changes"] = .array(change.changes.map(field))
                return .object(object)
            }),
        ]
    }

    private static func members(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONObject {
        JSONObject(pairs.map { (key: $0.key, value: $0.value) })
    }

    private static func counts(_ row: DiffSummary.Row) -> JSONValue {
        ["added": .int(Int64(row.added)), "removed": .int(Int64(row.removed)), "changed": .int(Int64(row.changed))]
    }

    private static func side(_ side: SnapshotDiff.Side, withVersion: Bool = false) -> JSONValue {
        var object = members([
            "generated_at": .string(side.generatedAt), "digest": .string(side.digest), "instance": .string(side.instance),
            "api_url": .string(side.apiURL), "complete": .bool(side.complete),
        ])
        if withVersion { object["schema_version"] = .string(side.schemaVersion) }
        return .object(object)
    }

    private static func ref(_ ref: SnapshotDiff.ResourceRef) -> JSONValue {
        var object = members(["id": .string(ref.id), "name": .string(ref.name)])
        if let type = ref.type { object["type"] = .string(type.rawValue) }
        if let email = ref.email { object["email"] = .string(email) }
        if let key = ref.key { object["key"] = .string(key) }
        return .object(object)
    }

    private static func field(_ change: SnapshotDiff.FieldChange) -> JSONValue {
        var object = members(["field": .string(change.field)])
        if let old = change.old { object["old"] = old }
        if let new = change.new { object["new"] = new }
        return .object(object)
    }

    private static func entitlement(_ ref: SnapshotDiff.EntitlementRef) -> JSONValue {
        ["id": .string(ref.id), "kind": .string(ref.kind.rawValue), "name": .string(ref.name), "resource": .string(ref.resource)]
    }

    private static func grant(_ record: SnapshotDiff.GrantRecord) -> JSONValue {
        var object = members([
            "id": .string(record.id), "kind": .string(record.kind.rawValue), "entitlement": .string(record.entitlement),
            "principal": ref(record.principal), "privilege_increase": .bool(record.privilegeIncrease),
        ])
        if let organization = record.organization { object["organization"] = ref(organization) }
        if let role = record.role { object["role"] = ref(role) }
        if let roleKey = record.roleKey { object["role_key"] = .string(roleKey) }
        if let permission = record.permission { object["permission"] = ref(permission) }
        if let membershipID = record.membershipID { object["membership_id"] = .string(membershipID) }
        if let machine = record.machine { object["machine"] = ref(machine) }
        return .object(object)
    }

    private static func roleChange(_ change: SnapshotDiff.RoleChange) -> JSONValue {
        let object = members([
            "membership_id": .string(change.membershipID), "organization": ref(change.organization),
            "principal": ref(change.principal), "privilege_increase": .bool(change.privilegeIncrease),
            "gained_privileged_permissions": .array(change.gainedPrivileges.map(JSONValue.string)),
            "old_role_key": .optional(change.oldRoleKey), "new_role_key": .optional(change.newRoleKey),
            "removed_grant": .optional(change.removedGrant), "added_grant": .optional(change.addedGrant),
        ])
        return .object(object)
    }

    private static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        [
            "code": .string(diagnostic.code.rawValue), "severity": .string(diagnostic.severity.rawValue),
            "message": .string(diagnostic.message), "subject": .string(diagnostic.subject),
        ]
    }
}
