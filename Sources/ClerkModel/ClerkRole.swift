import CanonicalJSON

/// A Clerk organization role. Memberships name roles by `key`; the snapshot refers to them by `id`,
/// which survives a role being renamed.
public struct ClerkRole: Sendable, Equatable {
    public var id: String
    public var key: String
    public var name: String
    public var description: String?
    public var permissions: [ClerkPermission]

    public init(id: String, key: String, name: String, description: String? = nil, permissions: [ClerkPermission] = []) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.permissions = permissions
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ClerkPermission.jsonKeys.union(["id", "key", "name", "description", "permissions"])

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        key = try json.requiredClerkKey("key")
        name = try json.requiredString("name")
        description = try json.optionalString("description")
        permissions = try json.objects("permissions") { (object) throws(JSONFieldError) in try ClerkPermission(json: object) }
    }
}
