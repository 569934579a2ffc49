/// An organization as the fake server knows it. `members_count` is not stored: the server derives it from
/// the memberships, so it can never disagree with them.
public struct FakeOrganization: Sendable, Equatable {
    public var id: String
    public var name: String
    public var slug: String
    public var createdAt: Int64
    public var updatedAt: Int64
    public var roleSetKey: String?

    public init(id: String, name: String, slug: String, createdAt: Int64, updatedAt: Int64, roleSetKey: String?) {
        self.id = id
        self.name = name
        self.slug = slug
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.roleSetKey = roleSetKey
    }
}
