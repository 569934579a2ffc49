import CanonicalJSON
import OCSF
import SnapshotFormat

/// `diff --format ocsf`: one OCSF event per change, as NDJSON, for a SIEM that ingests OCSF.
///
/// - Account Change (3001): a user added (Create) or removed (Delete); `banned` turned on (Disable) or off
///   (Enable); `locked` on (Lock) or off (Unlock); `two_factor_enabled` on (MFA Factor Enable) or off (MFA
///   Factor Disable).
/// - Group Management (3006): a user added to an organization (Add User: a member grant added) or removed from
///   one (Remove User); a role's permissions granted (Assign Privileges) or revoked (Revoke Privileges), the
///   role as the group, since a role's permission is not a change to one user and User Access Management
///   requires the user.
/// - User Access Management (3005): a role assigned to a member (Assign Privileges, the role key as the
///   privilege, the organization as the resource) or removed (Revoke Privileges); a role change is its
///   revocation then its assignment.
///
/// Every event's `time` is the new snapshot's `generated_at` (when the change was seen, not when it was made:
/// the snapshots do not say). Events come in that class order, each class in the diff's own order, so the
/// same two snapshots give the same bytes. Machine scopes, access paths, role sets and diagnostics have no
/// OCSF event here; the other formats show them.
public enum DiffOCSFRenderer {
    /// The user attributes whose change is an Account Change, with the activities for turned on and off.
    static let accountFlags: [(field: String, on: OCSFActivity, off: OCSFActivity)] = [
        ("banned", .accountDisable, .accountEnable),
        ("locked", .accountLock, .accountUnlock),
        ("two_factor_enabled", .accountMFAFactorEnable, .accountMFAFactorDisable),
    ]

    public static func render(_ diff: SnapshotDiff, product: OCSFProduct) -> [UInt8] {
        var writer = CanonicalJSONWriter(reservingCapacity: 4096)
        var bytes: [UInt8] = []
        for event in events(diff, product: product) { bytes += event.line(using: &writer) }
        return bytes
    }

    /// The events `render` writes, in its order.
    public static func events(_ diff: SnapshotDiff, product: OCSFProduct) -> [OCSFEvent] {
        let time = Timestamp.milliseconds(rfc3339: diff.new.generatedAt) ?? 0
        var events: [OCSFEvent] = []
        func event(_ eventClass: OCSFClass, _ activity: OCSFActivity, severity: OCSFSeverity = .informational, message: String, _ attributes: JSONObject) {
            events.append(OCSFEvent(eventClass, activity: activity, severity: severity, time: time, product: product, message: message, attributes: attributes))
        }
        func user(_ ref: SnapshotDiff.ResourceRef) -> JSONValue { .object(userObject(ref)) }
        func label(_ ref: SnapshotDiff.ResourceRef) -> String { Resource.clerkID(of: ref.id) }

        // Account Change.
        for ref in diff.resourcesAdded where ref.type == .user {
            event(.accountChange, .accountCreate, message: "user \(label(ref)) appeared", JSONObject([("user", user(ref))]))
        }
        for ref in diff.resourcesRemoved where ref.type == .user {
            event(.accountChange, .accountDelete, message: "user \(label(ref)) disappeared", JSONObject([("user", user(ref))]))
        }
        for change in diff.resourcesChanged where change.record.type == .user {
            for flag in accountFlags {
                guard let field = change.changes.first(where: { $0.field == flag.field }), let now = field.new?.boolValue else { continue }
                let activity = now ? flag.on : flag.off
                let severity: OCSFSeverity = (flag.field == "two_factor_enabled" && !now) ? .low : .informational
                event(
                    .accountChange, activity, severity: severity, message: "user \(label(change.record)): \(flag.field) \(now)",
                    JSONObject([("user", user(change.record))]))
            }
        }

        // Group Management: organization membership.
        for (grants, activity, verb) in [(diff.grantsAdded, OCSFActivity.groupAddUser, "added to"), (diff.grantsRemoved, .groupRemoveUser, "removed from")] {
            for grant in grants where grant.kind == .member {
                guard let organization = grant.organization else { continue }
                event(
                    .groupManagement, activity, message: "user \(label(grant.principal)) \(verb) organization \(label(organization))",
                    JSONObject([("group", organizationGroup(organization)), ("user", user(grant.principal))]))
            }
        }

        // User Access Management: roles of members.
        for (grants, activity, verb) in [(diff.grantsAdded, OCSFActivity.assignPrivileges, "assigned"), (diff.grantsRemoved, .revokePrivileges, "removed")] {
            for grant in grants where grant.kind == .role {
                guard let organization = grant.organization, let key = grant.roleKey else { continue }
                event(
                    .userAccessManagement, activity, severity: grant.privilegeIncrease ? .medium : .informational,
                    message: "role \(key) \(verb) for user \(label(grant.principal)) in organization \(label(organization))",
                    roleAttributes(key: key, user: user(grant.principal), organization: organization))
            }
        }
        for change in diff.roleChanges {
            let subject = "user \(label(change.principal)) in organization \(label(change.organization))"
            if let old = change.oldRoleKey {
                event(
                    .userAccessManagement, .revokePrivileges, message: "role \(old) removed for \(subject)",
                    roleAttributes(key: old, user: user(change.principal), organization: change.organization))
            }
            if let new = change.newRoleKey {
                event(
                    .userAccessManagement, .assignPrivileges, severity: change.privilegeIncrease ? .medium : .informational,
                    message: "role \(new) assigned for \(subject)",
                    roleAttributes(key: new, user: user(change.principal), organization: change.organization))
            }
        }

        // Group Management: a role's permissions.
        for (grants, activity, verb) in [(diff.grantsAdded, OCSFActivity.assignPrivileges, "granted to"), (diff.grantsRemoved, .revokePrivileges, "revoked from")] {
            for grant in grants where grant.kind == .permission {
                guard let role = grant.role, let permission = grant.permission?.key ?? grant.permission.map({ Resource.clerkID(of: $0.id) }) else { continue }
                var group = JSONObject([("uid", .string(Resource.clerkID(of: role.id))), ("name", .string(role.key ?? role.name)), ("type", "Role")])
                group["privileges"] = [.string(permission)]
                event(
                    .groupManagement, activity, severity: grant.privilegeIncrease ? .medium : .informational,
                    message: "permission \(permission) \(verb) role \(role.key ?? Resource.clerkID(of: role.id))",
                    JSONObject([("group", .object(group)), ("privileges", [.string(permission)])]))
            }
        }
        return events
    }

    /// An OCSF `user` object: the Clerk user id (`uid`), the primary email (`email_addr`) and the display
    /// name (`full_name`); a redacted diff (`SnapshotDiff.redacted`) already carries tokens for both.
    static func userObject(_ ref: SnapshotDiff.ResourceRef) -> JSONObject {
        var object = OCSFObject.user(clerkID: Resource.clerkID(of: ref.id))
        if let email = ref.email { object["email_addr"] = .string(email) }
        // A user without a name is displayed by id; that is no name to report.
        if ref.name != ref.id, ref.name != Resource.clerkID(of: ref.id) { object["full_name"] = .string(ref.name) }
        return object
    }

    /// An organization as an OCSF `group`.
    static func organizationGroup(_ organization: SnapshotDiff.ResourceRef) -> JSONValue {
        .object(OCSFObject.organization(clerkID: Resource.clerkID(of: organization.id), name: organization.name))
    }

    static func roleAttributes(key: String, user: JSONValue, organization: SnapshotDiff.ResourceRef) -> JSONObject {
        JSONObject([
            ("user", user), ("privileges", [.string(key)]),
            ("resource", .object(OCSFObject.organization(clerkID: Resource.clerkID(of: organization.id), name: organization.name))),
        ])
    }

}
