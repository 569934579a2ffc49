import CanonicalJSON

/// A Clerk organization permission (`org:sys_memberships:manage`, `org:invoices:read`, ...).
public struct ClerkPermission: Sendable, Equatable {
    public var id: String
    public var key: String
    public var name: String
    /// `system` for Clerk's built-in permissions, `user` for custom ones.
    public var type: String
    public var description: String?

    public init(id: String, key: String, name: String, type: String, description: String? = nil) {
        self.id = id
        self.key = key
        self.name = name
        self.type = type
        self.description = description
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ["id", "key", "name", "description", "type"]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        key = try json.requiredClerkKey("key")
        name = try json.requiredString("name")
        type = try json.requiredString("type")
        description = try json.optionalString("description")
    }
}
