import CanonicalJSON

/// The instance's organization settings (`GET /v1/instance/organization_settings`): which role a domain
/// enrollment grants, which one an organization's creator gets, and the role set new organizations use.
public struct ClerkOrganizationSettings: Sendable, Equatable {
    /// Role key given to members who join through a domain (invitation or suggestion).
    public var domainsDefaultRole: String
    /// Role key given to an organization's creator.
    public var creatorRole: String
    public var initialRoleSetKey: String?
    public var domainsEnabled: Bool

    public init(domainsDefaultRole: String, creatorRole: String, initialRoleSetKey: String? = nil, domainsEnabled: Bool = true) {
        self.domainsDefaultRole = domainsDefaultRole
        self.creatorRole = creatorRole
        self.initialRoleSetKey = initialRoleSetKey
        self.domainsEnabled = domainsEnabled
    }

    /// The members `init(json:)` reads.
    public static let jsonKeys: Set<String> = ["domains_default_role", "creator_role", "initial_role_set_key", "domains_enabled"]

    public init(json: JSONObject) throws(JSONFieldError) {
        domainsDefaultRole = try json.requiredClerkKey("domains_default_role")
        creatorRole = try json.requiredClerkKey("creator_role")
        initialRoleSetKey = try json.optionalString("initial_role_set_key")
        domainsEnabled = try json.requiredBool("domains_enabled")
    }
}
