/// An enterprise SSO connection, tied to an organization or to the instance.
public struct FakeEnterpriseConnection: Sendable, Equatable {
    public var id: String
    public var name: String
    public var provider: String
    public var active: Bool
    public var domains: [String]
    public var organizationID: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, name: String, provider: String, active: Bool, domains: [String], organizationID: String?,
        createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.active = active
        self.domains = domains
        self.organizationID = organizationID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
