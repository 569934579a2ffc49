import CanonicalJSON

/// The fields of a Clerk `Organization` that an access review needs.
public struct ClerkOrganization: Sendable, Equatable {
    public var id: String
    public var name: String
    public var slug: String
    /// Present only when the list was asked with `include_members_count=true`.
    public var membersCount: Int64?
    public var createdAt: Int64
    public var roleSetKey: String?

    public init(
        id: String, name: String, slug: String, membersCount: Int64? = nil, createdAt: Int64 = 0,
        roleSetKey: String? = nil
    ) {
        self.id = id
        self.name = name
        self.slug = slug
        self.membersCount = membersCount
        self.createdAt = createdAt
        self.roleSetKey = roleSetKey
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ["id", "name", "slug", "members_count", "created_at", "role_set_key"]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        name = try json.requiredString("name")
        slug = try json.requiredString("slug")
        membersCount = try json.optionalCount("members_count")
        createdAt = try json.requiredTimestamp("created_at")
        roleSetKey = try json.optionalString("role_set_key")
    }
}
