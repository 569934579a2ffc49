import ClerkModel
import SnapshotFormat

/// The membership side of a graph: which memberships are kept, and every grant, sorted. It needs only the
/// memberships and roles read, so the graph building sink computes it as soon as those two lists are
/// complete, while the others (users, paged one request after another, usually last) are still arriving:
/// a rate-budgeted export then has that much less left to do after its last request.
struct MembershipGrants: Sendable {
    struct Input: Sendable {
        var requested: Set<ClerkCollection>
        var memberships: MembershipLedger
        /// Roles as listed, repeats included: what a later role page would change.
        var roleSightings: Int
        /// The first of each role, in list order.
        var roles: [ClerkRole]
        var organizationIDs: [String]
        var userIDs: [String]
        var roleKeys: [String]
    }

    let membershipCount: Int
    let roleSightings: Int
    let kept: [Int]
    let repeated: [(id: String, count: Int)]
    let grants: GrantTable
    /// About role keys (unresolved, ambiguous, not exported) and grants arising twice.
    let diagnostics: [Diagnostic]

    init(_ input: Input) {
        let (kept, repeated) = input.memberships.unique()
        self.init(input, kept: kept, repeated: repeated)
    }

    init(_ input: Input, kept: [Int], repeated: [(id: String, count: Int)]) {
        membershipCount = input.memberships.count
        roleSightings = input.roleSightings
        self.kept = kept
        self.repeated = repeated
        var diagnostics: [Diagnostic] = []
        let roleKeys = RoleKeyIndex(input.roles)
        diagnostics += roleKeys.ambiguities
        if !input.requested.contains(.roles), input.memberships.count > 0 {
            diagnostics.append(
                Diagnostic(
                    code: .rolesNotExported, severity: .info,
                    message: "roles were not exported (--resources), so membership role keys are not resolved and no role grants are emitted",
                    subject: ClerkCollection.roles.diagnosticSubject))
        }
        let resolved = input.roleKeys.map(roleKeys.position(ofKey:))
        var grants = GrantTable(
            memberships: input.memberships, organizationIDs: input.organizationIDs, userIDs: input.userIDs,
            roleIDs: input.roles.map(\.id), roleKeys: input.roleKeys)
        for index in kept {
            grants.addMembershipGrant(membership: index, role: nil)
            guard input.requested.contains(.roles) else { continue }
            let entry = input.memberships.entries[index]
            guard let role = resolved[Int(entry.roleKey)] else {
                let membershipID = input.memberships.ids.string(index)
                diagnostics.append(
                    Diagnostic(
                        code: .unresolvedRoleKey, severity: .warning,
                        message:
                            "membership \(membershipID) (user \(input.userIDs[Int(entry.user)]) in organization \(input.organizationIDs[Int(entry.organization)])) has role key '\(input.roleKeys[Int(entry.roleKey)])', which matches no role; the member grant is kept and no role grant is emitted",
                        subject: "membership:\(membershipID)"))
                continue
            }
            grants.addMembershipGrant(membership: index, role: role)
        }
        for role in input.roles {
            for permission in role.permissions {
                grants.addPermissionGrant(permission: permission.id, role: role.id, roleKey: role.key)
            }
        }
        diagnostics += grants.sort()
        self.grants = grants
        self.diagnostics = diagnostics
    }

    /// Whether nothing arrived since that would change it.
    func isCurrent(memberships: Int, roleSightings: Int) -> Bool {
        membershipCount == memberships && self.roleSightings == roleSightings
    }
}
