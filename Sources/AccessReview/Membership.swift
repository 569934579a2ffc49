
/// One user's membership of one organization, reassembled from the snapshot's member grant and (when
/// the role key resolved) its role grant. Reports and feeds work per membership because that is the unit
/// a reviewer can revoke in Clerk.
public struct Membership: Sendable, Equatable {
    /// Clerk's `orgmem_...` id, or the member grant id when the snapshot carries none.
    public var id: String
    /// `user:<id>` and `organization:<id>` resource ids.
    public var user: String
    public var organization: String
    /// The role key as Clerk reported it, even when it matched no role.
    public var roleKey: String?
    /// `role:<id>` when the key resolved to a role; nil for unresolved keys.
    public var role: String?
    public var grantedAt: String?
    /// Ids of the grants this membership is made of (member grant first), for tracing back to the snapshot.
    /// A grant's id is its entitlement's id and its principal, and an entitlement's its resource and slug
    /// (`member`, or the role's id): the snapshot's rules, so the ids follow from the membership.
    public var memberGrant: String { "\(organization):member:\(user)" }
    public var roleGrant: String? { role.map { "\(organization):\($0):\(user)" } }
    /// Permission keys the role implies, sorted; empty when the role is unresolved.
    public var permissionKeys: [String]
    /// Holds `org:sys_memberships:manage` or `org:sys_profile:delete` through its role.
    public var isAdmin: Bool
    /// Where the `AccessIndex` that made it keeps its user and organization (resource positions), so the
    /// reports' per-membership look-ups need not hash ids; -1 for a membership made otherwise.
    var userPosition: Int32 = -1
    var organizationPosition: Int32 = -1

    public init(
        id: String, user: String, organization: String, roleKey: String?, role: String?, grantedAt: String?,
        permissionKeys: [String], isAdmin: Bool
    ) {
        self.id = id
        self.user = user
        self.organization = organization
        self.roleKey = roleKey
        self.role = role
        self.grantedAt = grantedAt
        self.permissionKeys = permissionKeys
        self.isAdmin = isAdmin
    }
}
