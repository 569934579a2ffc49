import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// How each Clerk object becomes a resource. Attribute sets are fixed per type (nullable values written
/// as null, never omitted) so consumers and the JSON schema can rely on every key being present; the one
/// exception is what an opt-in read adds (a user's session attributes, only for users in its scope).
enum UserResource {
    /// A user attribute's value, as the record states it.
    enum Value {
        case flag(Bool)
        case text(String?)
        /// Milliseconds since 1970, written as RFC 3339; nil is `null`.
        case time(Int64?)

        var json: JSONValue {
            switch self {
            case .flag(let flag): .bool(flag)
            case .text(let text): .optional(text)
            case .time(let milliseconds): .optional(milliseconds.map(Timestamp.rfc3339(milliseconds:)))
            }
        }

        func write(to writer: inout CanonicalJSONWriter) {
            switch self {
            case .flag(let flag): writer.writeRaw(flag ? "true" : "false")
            case .text(let text?): writer.writeString(text)
            case .time(let milliseconds?):
                writer.writeRaw(UInt8(ascii: "\""))
                writer.appendRaw { Timestamp.appendRFC3339(milliseconds: milliseconds, to: &$0) }
                writer.writeRaw(UInt8(ascii: "\""))
            case .text(nil), .time(nil): writer.writeRaw("null")
            }
        }
    }

    /// A listed user's attributes, in key order (code-point order, as canonical JSON writes them): the one
    /// statement of what a user record holds, which `make` builds a value from and `write` writes directly.
    static func attributes(of user: ClerkUser, inUserList: Bool, _ body: (_ key: StaticString, _ value: Value) -> Void) {
        body("banned", .flag(user.banned))
        body("created_at", .time(user.createdAt))
        body("email_verified", .flag(user.primaryEmailVerified))
        body("first_name", .text(user.firstName))
        body("in_user_list", .flag(inUserList))
        body("last_active_at", .time(user.lastActiveAt))
        body("last_name", .text(user.lastName))
        body("last_sign_in_at", .time(user.lastSignInAt))
        body("locked", .flag(user.locked))
        body("primary_email", .text(user.primaryEmail))
        body("two_factor_enabled", .flag(user.twoFactorEnabled))
        body("username", .text(user.username))
    }

    /// `sessions`: for a user in the `--sessions` scope, its active sessions (the two attributes sort
    /// before `banned`); nil leaves them out, as for every user when sessions were not read.
    static func make(_ user: ClerkUser, inUserList: Bool, sessions: SessionSummary? = nil) -> Resource {
        var attributes: [(key: String, value: JSONValue)] = []
        if let sessions {
            attributes = [
                (key: "active_sessions", value: .int(Int64(sessions.activeSessions))),
                (key: "active_sessions_last_active_at", value: .optional(sessions.lastActiveAt.map(Timestamp.rfc3339(milliseconds:)))),
            ]
        }
        Self.attributes(of: user, inUserList: inUserList) { key, value in attributes.append((key: "\(key)", value: value.json)) }
        return Resource(type: .user, clerkID: user.id, displayName: displayName(of: user), attributes: JSONObject(attributes))
    }

    /// The record `make(user, inUserList:)` gives, written without building it: an export writes one per
    /// listed user as the page arrives.
    static func write(_ user: ClerkUser, inUserList: Bool, to writer: inout CanonicalJSONWriter) {
        writer.writeResourceRecord(type: .user, clerkID: user.id, displayName: displayName(of: user)) { writer in
            writer.writeRaw(UInt8(ascii: "{"))
            var first = true
            attributes(of: user, inUserList: inUserList) { key, value in
                if !first { writer.writeRaw(UInt8(ascii: ",")) }
                first = false
                writer.writeRaw(UInt8(ascii: "\""))
                writer.appendRaw { $0.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)) }
                writer.writeRaw("\":")
                value.write(to: &writer)
            }
            writer.writeRaw(UInt8(ascii: "}"))
        }
    }

    static func displayName(of user: ClerkUser) -> String {
        displayName(first: user.firstName, last: user.lastName, email: user.primaryEmail, username: user.username, id: user.id)
    }

    /// A user seen only through a membership: what the membership shows, the rest unknown (null/false).
    static func make(_ user: ClerkMembership.PublicUserData) -> Resource {
        let email = user.identifier.flatMap { $0.contains("@") ? $0 : nil }
        return Resource(
            type: .user, clerkID: user.userID,
            displayName: displayName(
                first: user.firstName, last: user.lastName, email: email, username: user.username, id: user.userID),
            attributes: JSONObject([
                (key: "banned", value: .bool(user.banned ?? false)),
                (key: "created_at", value: .null),
                (key: "email_verified", value: .bool(false)),
                (key: "first_name", value: .optional(user.firstName)),
                (key: "in_user_list", value: .bool(false)),
                (key: "last_active_at", value: .null),
                (key: "last_name", value: .optional(user.lastName)),
                (key: "last_sign_in_at", value: .null),
                (key: "locked", value: .bool(false)),
                (key: "primary_email", value: .optional(email)),
                (key: "two_factor_enabled", value: .bool(false)),
                (key: "username", value: .optional(user.username)),
            ]))
    }

    static func displayName(first: String?, last: String?, email: String?, username: String?, id: String) -> String {
        let name = [first, last].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " ")
        if !name.isEmpty { return name }
        if let email, !email.isEmpty { return email }
        if let username, !username.isEmpty { return username }
        return id
    }
}

enum OrganizationResource {
    /// `manualInvitationDomains` is nil when domains were not exported: the attribute is then left out,
    /// as a 1.0 snapshot has it.
    static func make(_ organization: ClerkOrganization, inList: Bool, manualInvitationDomains: [String]? = nil) -> Resource {
        var attributes: [(key: String, value: JSONValue)] = [
            (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: organization.createdAt))),
            (key: "in_organization_list", value: .bool(inList)),
        ]
        if let manualInvitationDomains {
            let names = manualInvitationDomains.sorted(by: codePointPrecedes)
            attributes.append((key: "manual_invitation_domains", value: .array(names.map { .string($0) })))
        }
        attributes += [
            (key: "members_count", value: .optional(organization.membersCount)),
            (key: "name", value: .string(organization.name)),
            (key: "role_set_key", value: .optional(organization.roleSetKey)),
            (key: "slug", value: .string(organization.slug)),
        ]
        return Resource(type: .organization, clerkID: organization.id, displayName: organization.name, attributes: JSONObject(attributes))
    }
}

enum RoleResource {
    static func make(_ role: ClerkRole) -> Resource {
        let permissions = role.permissions.sorted { codePointPrecedes($0.id, $1.id) }
        return Resource(
            type: .role, clerkID: role.id, displayName: role.name,
            attributes: JSONObject([
                (key: "description", value: .optional(role.description)),
                (key: "key", value: .string(role.key)),
                (key: "name", value: .string(role.name)),
                (key: "permission_ids", value: .array(permissions.map { .string($0.id) })),
                (key: "permission_keys", value: .array(role.permissions.map(\.key).sorted().map { .string($0) })),
            ]))
    }
}

enum PermissionResource {
    static func make(_ permission: ClerkPermission) -> Resource {
        Resource(
            type: .permission, clerkID: permission.id, displayName: permission.name,
            attributes: JSONObject([
                (key: "description", value: .optional(permission.description)),
                (key: "key", value: .string(permission.key)),
                (key: "name", value: .string(permission.name)),
                (key: "type", value: .string(permission.type)),
            ]))
    }
}

enum RoleSetResource {
    /// `role_ids` holds only the roles in `heldRoleIDs` (the snapshot's roles), since each must name a role
    /// resource; `role_keys` holds every key the set names. Both sorted, without repeats.
    static func make(_ roleSet: ClerkRoleSet, heldRoleIDs: Set<String>) -> Resource {
        let migration: JSONValue = roleSet.migration.map { migration in
            .object(
                JSONObject([
                    (key: "destination_role_set_id", value: .optional(migration.destinationRoleSetID)),
                    (key: "source_role_set_id", value: .string(migration.sourceRoleSetID)),
                    (key: "status", value: .string(migration.status)),
                    (key: "trigger", value: .string(migration.triggerType)),
                ]))
        } ?? .null
        return Resource(
            type: .roleSet, clerkID: roleSet.id, displayName: roleSet.name,
            attributes: JSONObject([
                (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: roleSet.createdAt))),
                (key: "creator_role_id", value: .optional(roleSet.creatorRole?.id)),
                (key: "default_role_id", value: .optional(roleSet.defaultRole?.id)),
                (key: "key", value: .string(roleSet.key)),
                (key: "migration", value: migration),
                (key: "name", value: .string(roleSet.name)),
                (key: "role_ids", value: sortedNames(roleSet.roles.map(\.id).filter(heldRoleIDs.contains))),
                (key: "role_keys", value: sortedNames(roleSet.roles.map(\.key))),
                (key: "type", value: .string(roleSet.type)),
            ]))
    }
}

/// Names in code-point order without repeats, as a JSON array.
private func sortedNames(_ names: [String]) -> JSONValue {
    .array(Set(names).sorted(by: codePointPrecedes).map { .string($0) })
}

enum MachineResource {
    static func make(_ machine: ClerkMachine) -> Resource {
        Resource(
            type: .machine, clerkID: machine.id, displayName: machine.name,
            attributes: JSONObject([
                (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: machine.createdAt))),
                (key: "default_token_ttl", value: .optional(machine.defaultTokenTTL)),
                (key: "name", value: .string(machine.name)),
            ]))
    }
}
