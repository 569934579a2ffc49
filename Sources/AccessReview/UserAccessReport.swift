import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// `access USER`: everything one user can do, per organization: the membership, its role, whether it
/// makes them an admin, and each permission the role implies. Account state (banned, locked, 2FA, last
/// activity) comes first because it changes how the rest should be read. For a 1.1 snapshot, the access
/// the user *could gain*: pending invitations to the user's primary email (`matching_user`).
public struct UserAccessReport: Sendable {
    public let user: Resource
    public let memberships: [Membership]
    /// Paths whose `matching_user` is this user, by organization name then path id.
    public let couldGain: [PathCandidate]
    /// `could_gain` is written for a 1.1 snapshot only, so a 1.0 answer reads as before.
    let showsPaths: Bool

    public init(_ index: AccessIndex, user: Resource) {
        self.user = user
        memberships = index.memberships(ofUser: user.id).sorted { lhs, rhs in
            let left = index.displayName(lhs.organization)
            let right = index.displayName(rhs.organization)
            if left != right { return codePointPrecedes(left, right) }
            return codePointPrecedes(lhs.id, rhs.id)
        }
        showsPaths = index.hasAccessPaths
        couldGain = (index.accessPathsByUser[user.id] ?? []).sorted { lhs, rhs in
            let left = index.displayName(lhs.organization)
            let right = index.displayName(rhs.organization)
            if left != right { return codePointPrecedes(left, right) }
            return codePointPrecedes(lhs.id, rhs.id)
        }.map { PathCandidate($0, index: index) }
    }

    /// For a terminal: every value from the snapshot is passed through `TerminalText`.
    public func text(_ index: AccessIndex) -> String {
        let t = TerminalText.escape
        let email = user.string("primary_email").map { " <\(t($0))>" } ?? ""
        var out = "Access of \(t(user.displayName))\(email) \(t(user.clerkID)): \(memberships.count) membership(s)\n"
        out += "Snapshot \(t(index.snapshot.source.instance)), generated \(t(index.snapshot.generatedAt)), \(t(index.snapshot.digest))\n"
        func yesNo(_ name: String) -> String { user.bool(name).map { $0 ? "yes" : "no" } ?? "unknown" }
        out += "Banned: \(yesNo("banned")); locked: \(yesNo("locked")); two-factor: \(yesNo("two_factor_enabled")); email verified: \(yesNo("email_verified")); last active: \(t(user.string("last_active_at") ?? "never"))\n"
        if user.bool("in_user_list") == false {
            out += "Note: this user was not in the user list; known only through a membership.\n"
        }
        for membership in memberships {
            let organization = index.resource(membership.organization)
            out += "\n\(t(index.displayName(membership.organization))) (\(t(Resource.clerkID(of: membership.organization))), \(t(organization?.string("slug") ?? "")))\n"
            out += "  role \(RoleLabel.plain(membership, index: index))\(membership.isAdmin ? ", ADMIN" : ""); membership \(t(membership.id)), granted \(t(membership.grantedAt ?? "unknown"))\n"
            if membership.role == nil {
                out += "  permissions: unknown (role key matches no role)\n"
            } else if membership.permissionKeys.isEmpty {
                out += "  permissions: none\n"
            } else {
                for key in membership.permissionKeys { out += "  - \(t(key))\n" }
            }
        }
        if !couldGain.isEmpty {
            out += "\nCould gain (\(couldGain.count) access path(s)):\n"
            for candidate in couldGain {
                out += "  \(t(index.displayName(candidate.path.organization))) (\(t(Resource.clerkID(of: candidate.path.organization)))): \(candidate.text)\n"
            }
        }
        return out
    }

    public func json(_ index: AccessIndex) -> JSONValue {
        let answer: JSONValue = [
            "user": .string(user.id), "user_name": .string(user.displayName),
            "email": .optional(user.string("primary_email")),
            "snapshot_digest": .string(index.snapshot.digest),
            "memberships": .array(
                memberships.map { membership in
                    [
                        "organization": .string(membership.organization),
                        "organization_name": .string(index.displayName(membership.organization)),
                        "membership_id": .string(membership.id), "role_key": .optional(membership.roleKey),
                        "role": .optional(membership.role), "role_resolved": .bool(membership.role != nil),
                        "admin": .bool(membership.isAdmin), "granted_at": .optional(membership.grantedAt),
                        "permissions": .array(
                            index.effectivePermissions(of: membership).map {
                                ["permission": .string($0.permission), "permission_key": .string($0.permissionKey)]
                            }),
                    ]
                }),
        ]
        guard showsPaths, case .object(var object) = answer else { return answer }
        object["could_gain"] = .array(
            couldGain.map { candidate in
                guard case .object(var path) = candidate.json else { return candidate.json }
                path["organization_name"] = .string(index.displayName(candidate.path.organization))
                return .object(path)
            })
        return .object(object)
    }
}
