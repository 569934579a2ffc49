import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// `who-can PERMISSION_KEY`: every user holding a permission, per organization, with the membership and
/// role that give it. Organizations where nobody holds it are named too: for an auditor "nobody can" is
/// an answer, not an omission.
public struct WhoCanReport: Sendable {
    public struct Holder: Sendable, Equatable {
        public var permission: EffectivePermission
        public var userName: String
        public var email: String?
    }

    public let permissionKey: String
    /// Organizations in report order, each with its holders (possibly none).
    public let organizations: [(organization: Resource, holders: [Holder])]

    /// Nil when no permission in the snapshot has this key (a typo must not read as "nobody").
    public init?(_ index: AccessIndex, permissionKey: String, organization: Resource? = nil) {
        guard !index.permissions(withKey: permissionKey).isEmpty else { return nil }
        self.permissionKey = permissionKey
        let scope = organization.map { [$0] } ?? index.organizations
        organizations = scope.map { organization in
            let holders = (index.membershipsByOrganization[organization.id] ?? []).flatMap { membership in
                index.effectivePermissions(of: membership).filter { $0.permissionKey == permissionKey }.map {
                    Holder(
                        permission: $0, userName: index.displayName($0.user),
                        email: index.resources[$0.user]?.string("primary_email"))
                }
            }
            return (organization, holders)
        }
    }

    public var holderCount: Int { organizations.reduce(0) { $0 + $1.holders.count } }

    /// For a terminal: every value from the snapshot is passed through `TerminalText`.
    public func text(_ index: AccessIndex) -> String {
        let t = TerminalText.escape
        let users = Set(organizations.flatMap { $0.holders.map(\.permission.user) })
        var out = "Who can \(t(permissionKey)): \(holderCount) grant(s) to \(users.count) user(s) in \(organizations.filter { !$0.holders.isEmpty }.count) organization(s)\n"
        out += "Snapshot \(t(index.snapshot.source.instance)), generated \(t(index.snapshot.generatedAt)), \(t(index.snapshot.digest))\n"
        var nobody: [String] = []
        for (organization, holders) in organizations {
            guard !holders.isEmpty else {
                nobody.append(t(organization.displayName))
                continue
            }
            out += "\n\(t(organization.displayName)) (\(t(organization.clerkID)), \(t(organization.string("slug") ?? "")))\n"
            for holder in holders {
                let email = holder.email.map { " <\(t($0))>" } ?? ""
                let permission = holder.permission
                out += "  \(t(holder.userName))\(email) \(t(AccessIndex.clerkID(permission.user))) via \(t(permission.roleKey ?? "?")) (\(t(AccessIndex.clerkID(permission.role)))), membership \(t(permission.membershipID))\n"
            }
        }
        if !nobody.isEmpty { out += "\nNobody holds it in: \(nobody.joined(separator: ", "))\n" }
        return out
    }

    public func json(_ index: AccessIndex) -> JSONValue {
        [
            "permission_key": .string(permissionKey),
            "snapshot_digest": .string(index.snapshot.digest),
            "organizations": .array(
                organizations.map { organization, holders in
                    [
                        "organization": .string(organization.id), "organization_name": .string(organization.displayName),
                        "holders": .array(
                            holders.map { holder in
                                [
                                    "user": .string(holder.permission.user), "user_name": .string(holder.userName),
                                    "email": .optional(holder.email), "permission": .string(holder.permission.permission),
                                    "via": [
                                        "membership_id": .string(holder.permission.membershipID),
                                        "role": .string(holder.permission.role),
                                        "role_key": .optional(holder.permission.roleKey),
                                    ],
                                ]
                            }),
                    ]
                }),
        ]
    }
}
