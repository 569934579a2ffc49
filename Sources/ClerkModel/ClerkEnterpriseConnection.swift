import CanonicalJSON

/// An enterprise SSO connection (`GET /v1/enterprise_connections`). Tied to an organization, it links the
/// identity provider's accounts for its domains into that organization.
public struct ClerkEnterpriseConnection: Sendable, Equatable {
    public var id: String
    public var name: String
    public var provider: String
    public var active: Bool
    public var domains: [String]
    public var organizationID: String?
    public var allowOrganizationAccountLinking: Bool
    public var createdAt: Int64

    public init(
        id: String, name: String, provider: String, active: Bool, domains: [String], organizationID: String? = nil,
        allowOrganizationAccountLinking: Bool = false, createdAt: Int64 = 0
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.active = active
        self.domains = domains
        self.organizationID = organizationID
        self.allowOrganizationAccountLinking = allowOrganizationAccountLinking
        self.createdAt = createdAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = [
        "id", "name", "provider", "active", "domains", "organization_id", "allow_organization_account_linking", "created_at",
    ]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        name = try json.requiredString("name")
        provider = try json.requiredString("provider")
        active = try json.requiredBool("active")
        domains = try json.requiredStrings("domains")
        organizationID = try json.optionalString("organization_id") != nil ? try json.requiredClerkID("organization_id") : nil
        allowOrganizationAccountLinking = try json.optionalBool("allow_organization_account_linking") ?? false
        createdAt = try json.requiredTimestamp("created_at")
    }
}
