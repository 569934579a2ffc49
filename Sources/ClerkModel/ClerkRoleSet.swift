import CanonicalJSON

/// A Clerk role set: the roles an organization using it may assign (`Organization.role_set_key` names it),
/// its default and creator role, and a migration in flight, as `GET /v1/role_sets` embeds them.
public struct ClerkRoleSet: Sendable, Equatable {
    /// A role as a role set embeds it (`RoleSetItem`): enough to match it to the role list.
    public struct Role: Sendable, Equatable {
        public var id: String
        public var key: String
        public var name: String

        public init(id: String, key: String, name: String) {
            self.id = id
            self.key = key
            self.name = name
        }

        static let jsonKeys: Set<String> = ["id", "key", "name"]

        init(json: JSONObject) throws(JSONFieldError) {
            id = try json.requiredClerkID("id")
            key = try json.requiredClerkKey("key")
            name = try json.requiredString("name")
        }
    }

    /// An active `role_set_migration` (status `enqueued` or `in_progress`): members' roles are being remapped.
    public struct Migration: Sendable, Equatable {
        public var id: String
        public var status: String
        public var triggerType: String
        public var sourceRoleSetID: String
        public var destinationRoleSetID: String?
        public var organizationID: String?

        public init(
            id: String, status: String, triggerType: String, sourceRoleSetID: String, destinationRoleSetID: String? = nil,
            organizationID: String? = nil
        ) {
            self.id = id
            self.status = status
            self.triggerType = triggerType
            self.sourceRoleSetID = sourceRoleSetID
            self.destinationRoleSetID = destinationRoleSetID
            self.organizationID = organizationID
        }

        static let jsonKeys: Set<String> = ["id", "status", "trigger_type", "source_role_set_id", "dest_role_set_id", "organization_id"]

        init(json: JSONObject) throws(JSONFieldError) {
            id = try json.requiredClerkID("id")
            status = try json.requiredString("status")
            triggerType = try json.requiredString("trigger_type")
            sourceRoleSetID = try json.requiredClerkID("source_role_set_id")
            destinationRoleSetID = try json.optionalString("dest_role_set_id")
            organizationID = try json.optionalString("organization_id")
        }
    }

    public var id: String
    /// What organizations name it by (`role_set:default`).
    public var key: String
    public var name: String
    /// `initial` or `custom`.
    public var type: String
    public var roles: [Role]
    public var defaultRole: Role?
    public var creatorRole: Role?
    public var migration: Migration?
    public var createdAt: Int64

    public init(
        id: String, key: String, name: String, type: String, roles: [Role], defaultRole: Role? = nil, creatorRole: Role? = nil,
        migration: Migration? = nil, createdAt: Int64 = 0
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.type = type
        self.roles = roles
        self.defaultRole = defaultRole
        self.creatorRole = creatorRole
        self.migration = migration
        self.createdAt = createdAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = Role.jsonKeys.union(Migration.jsonKeys).union([
        "id", "key", "name", "type", "roles", "default_role", "creator_role", "role_set_migration", "created_at",
    ])

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        key = try json.requiredClerkKey("key")
        name = try json.requiredString("name")
        type = try json.requiredString("type")
        roles = try json.objects("roles") { (object) throws(JSONFieldError) in try Role(json: object) }
        defaultRole = try Self.optional(json, "default_role", Role.init(json:))
        creatorRole = try Self.optional(json, "creator_role", Role.init(json:))
        migration = try Self.optional(json, "role_set_migration", Migration.init(json:))
        createdAt = try json.requiredTimestamp("created_at")
    }

    private static func optional<T>(
        _ json: JSONObject, _ key: String, _ make: (JSONObject) throws(JSONFieldError) -> T
    ) throws(JSONFieldError) -> T? {
        guard let object = try json.optionalObject(key) else { return nil }
        do {
            return try make(object)
        } catch {
            throw error.nested(under: key)
        }
    }
}
