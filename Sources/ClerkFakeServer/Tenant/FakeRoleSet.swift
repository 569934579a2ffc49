/// A role set as the fake server knows it: the roles it offers named by key, resolved against the tenant's
/// roles when rendered (a `RoleSetItem` embeds each role's id and name).
public struct FakeRoleSet: Sendable, Equatable {
    /// A `role_set_migration` in flight: the set's members are being moved to another set.
    public struct Migration: Sendable, Equatable {
        public var id: String
        public var status: String
        public var triggerType: String
        public var sourceRoleSetID: String
        public var destinationRoleSetID: String?

        public init(id: String, status: String, triggerType: String, sourceRoleSetID: String, destinationRoleSetID: String?) {
            self.id = id
            self.status = status
            self.triggerType = triggerType
            self.sourceRoleSetID = sourceRoleSetID
            self.destinationRoleSetID = destinationRoleSetID
        }
    }

    public var id: String
    public var key: String
    public var name: String
    public var description: String?
    /// `initial` or `custom`.
    public var type: String
    public var roleKeys: [String]
    public var defaultRoleKey: String?
    public var creatorRoleKey: String?
    public var migration: Migration?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, key: String, name: String, description: String?, type: String, roleKeys: [String],
        defaultRoleKey: String?, creatorRoleKey: String?, migration: Migration?, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.type = type
        self.roleKeys = roleKeys
        self.defaultRoleKey = defaultRoleKey
        self.creatorRoleKey = creatorRoleKey
        self.migration = migration
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
