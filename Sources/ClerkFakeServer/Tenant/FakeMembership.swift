/// A user's membership in an organization. `roleKey` is a role key, as Clerk sends it, and may match no
/// role of the tenant (see `FakeTenant.membershipsWithUnknownRole`).
public struct FakeMembership: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var userID: String
    public var roleKey: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, organizationID: String, userID: String, roleKey: String, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.organizationID = organizationID
        self.userID = userID
        self.roleKey = roleKey
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
