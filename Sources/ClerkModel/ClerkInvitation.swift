import CanonicalJSON

/// An organization invitation (`GET /v1/organization_invitations`): access one click away for whoever
/// holds the address. The role is a key, resolved to a role as memberships' are.
public struct ClerkInvitation: Sendable, Equatable {
    public var id: String
    public var emailAddress: String
    /// A role key such as `org:admin`, not a role id.
    public var roleKey: String
    public var roleName: String?
    public var organizationID: String
    public var inviterID: String?
    /// `pending`, `accepted`, `revoked` or `expired`; absent in some answers, where the filter asked decides.
    public var status: String?
    public var expiresAt: Int64?
    public var createdAt: Int64

    public init(
        id: String, emailAddress: String, roleKey: String, roleName: String? = nil, organizationID: String,
        inviterID: String? = nil, status: String? = "pending", expiresAt: Int64? = nil, createdAt: Int64 = 0
    ) {
        self.id = id
        self.emailAddress = emailAddress
        self.roleKey = roleKey
        self.roleName = roleName
        self.organizationID = organizationID
        self.inviterID = inviterID
        self.status = status
        self.expiresAt = expiresAt
        self.createdAt = createdAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = [
        "id", "email_address", "role", "role_name", "organization_id", "public_organization_data", "inviter_id", "status",
        "expires_at", "created_at",
    ]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        emailAddress = try json.requiredString("email_address")
        roleKey = try json.requiredClerkKey("role")
        roleName = try json.optionalString("role_name")
        // The spec leaves `organization_id` optional beside `public_organization_data`; one of them must name it.
        if try json.optionalString("organization_id") != nil {
            organizationID = try json.requiredClerkID("organization_id")
        } else if let data = try json.optionalObject("public_organization_data") {
            do {
                organizationID = try data.requiredClerkID("id")
            } catch {
                throw error.nested(under: "public_organization_data")
            }
        } else {
            throw JSONFieldError(path: "organization_id", problem: "required field is missing (and no public_organization_data names the organization)")
        }
        inviterID = try json.optionalString("inviter_id")
        status = try json.optionalString("status")
        expiresAt = try json.optionalTimestamp("expires_at")
        createdAt = try json.requiredTimestamp("created_at")
    }
}
