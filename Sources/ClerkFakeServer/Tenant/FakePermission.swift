/// An organization permission: `type` is `"system"` for Clerk's `org:sys_*` permissions and `"user"` for
/// custom ones.
public struct FakePermission: Sendable, Equatable {
    public var id: String
    public var key: String
    public var name: String
    public var type: String
    public var description: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, key: String, name: String, type: String, description: String, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.type = type
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
