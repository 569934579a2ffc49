import CanonicalJSON

/// A domain an organization claims (`GET /v1/organization_domains`). With automatic invitation or
/// suggestion, anyone with a verified email at the domain is invited or offered to join with the
/// instance's default domain role; with `enterprise_sso`, the organization's SSO connection enrolls them.
public struct ClerkOrganizationDomain: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var name: String
    /// `manual_invitation`, `automatic_invitation`, `automatic_suggestion` or `enterprise_sso`.
    public var enrollmentMode: String
    /// The verification's `status` (`unverified`, `verified`, `failed`, `expired`): the deprecated
    /// `verification` when present, else `affiliation_verification`; nil when neither is there.
    public var verificationStatus: String?
    public var affiliationEmailAddress: String?
    public var totalPendingInvitations: Int64
    public var totalPendingSuggestions: Int64
    public var createdAt: Int64

    public init(
        id: String, organizationID: String, name: String, enrollmentMode: String, verificationStatus: String? = nil,
        affiliationEmailAddress: String? = nil, totalPendingInvitations: Int64 = 0, totalPendingSuggestions: Int64 = 0,
        createdAt: Int64 = 0
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.enrollmentMode = enrollmentMode
        self.verificationStatus = verificationStatus
        self.affiliationEmailAddress = affiliationEmailAddress
        self.totalPendingInvitations = totalPendingInvitations
        self.totalPendingSuggestions = totalPendingSuggestions
        self.createdAt = createdAt
    }

    public var isVerified: Bool { verificationStatus == "verified" }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = [
        "id", "organization_id", "name", "enrollment_mode", "verification", "affiliation_verification", "status",
        "affiliation_email_address", "total_pending_invitations", "total_pending_suggestions", "created_at",
    ]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        organizationID = try json.requiredClerkID("organization_id")
        name = try json.requiredString("name")
        enrollmentMode = try json.requiredString("enrollment_mode")
        var status: String?
        for key in ["verification", "affiliation_verification"] where status == nil {
            guard let verification = try json.optionalObject(key) else { continue }
            do {
                status = try verification.requiredString("status")
            } catch {
                throw error.nested(under: key)
            }
        }
        verificationStatus = status
        affiliationEmailAddress = try json.optionalString("affiliation_email_address")
        totalPendingInvitations = try json.requiredCount("total_pending_invitations")
        totalPendingSuggestions = try json.requiredCount("total_pending_suggestions")
        createdAt = try json.requiredTimestamp("created_at")
    }
}
