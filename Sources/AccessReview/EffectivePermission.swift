/// A derived grant: `user` can exercise `permissionKey` in `organization` because membership `membershipID`
/// gives them `role`, and the role holds the permission. Never stored in the snapshot; always recomputed,
/// so it cannot drift from the grants it is derived from.
public struct EffectivePermission: Sendable, Equatable {
    public var user: String
    public var organization: String
    /// `permission:<id>` and the permission's key (`org:sys_memberships:manage`).
    public var permission: String
    public var permissionKey: String
    /// The path: which membership and which role.
    public var membershipID: String
    public var role: String
    public var roleKey: String?

    public init(
        user: String, organization: String, permission: String, permissionKey: String, membershipID: String,
        role: String, roleKey: String?
    ) {
        self.user = user
        self.organization = organization
        self.permission = permission
        self.permissionKey = permissionKey
        self.membershipID = membershipID
        self.role = role
        self.roleKey = roleKey
    }
}
