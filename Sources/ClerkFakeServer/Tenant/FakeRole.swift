/// An organization role. Its permissions are held as keys; the server embeds the full `Permission` objects.
public struct FakeRole: Sendable, Equatable {
    public var id: String
    public var key: String
    public var name: String
    public var description: String?
    public var permissionKeys: [String]
    public var isCreatorEligible: Bool
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, key: String, name: String, description: String?, permissionKeys: [String],
        isCreatorEligible: Bool, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.permissionKeys = permissionKeys
        self.isCreatorEligible = isCreatorEligible
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
