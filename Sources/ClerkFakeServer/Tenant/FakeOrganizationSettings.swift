/// The instance's organization settings (`GET /v1/instance/organization_settings`).
public struct FakeOrganizationSettings: Sendable, Equatable {
    public var domainsDefaultRole: String
    public var creatorRole: String
    public var initialRoleSetKey: String?
    public var domainsEnabled: Bool

    public init(domainsDefaultRole: String, creatorRole: String, initialRoleSetKey: String?, domainsEnabled: Bool) {
        self.domainsDefaultRole = domainsDefaultRole
        self.creatorRole = creatorRole
        self.initialRoleSetKey = initialRoleSetKey
        self.domainsEnabled = domainsEnabled
    }

    /// What a new instance has: members join by domain as `org:member`, creators are `org:admin`.
    public static let standard = FakeOrganizationSettings(
        domainsDefaultRole: "org:member", creatorRole: "org:admin", initialRoleSetKey: "role_set:default", domainsEnabled: true)
}
