/// An organization invitation. The server lists every status and filters by the `status` query parameter,
/// as Clerk does.
public struct FakeInvitation: Sendable, Equatable {
    public var id: String
    public var emailAddress: String
    public var roleKey: String
    public var organizationID: String
    /// `pending`, `accepted`, `revoked` or `expired`.
    public var status: String
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, emailAddress: String, roleKey: String, organizationID: String, status: String, expiresAt: Int64?,
        createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.emailAddress = emailAddress
        self.roleKey = roleKey
        self.organizationID = organizationID
        self.status = status
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
