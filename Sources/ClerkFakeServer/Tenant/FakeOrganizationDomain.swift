/// A domain an organization claims.
public struct FakeOrganizationDomain: Sendable, Equatable {
    public var id: String
    public var organizationID: String
    public var name: String
    /// `manual_invitation`, `automatic_invitation`, `automatic_suggestion` or `enterprise_sso`.
    public var enrollmentMode: String
    /// The affiliation verification's status; nil renders the verification as `null` (never attempted).
    public var verificationStatus: String?
    public var totalPendingInvitations: Int
    public var totalPendingSuggestions: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(
        id: String, organizationID: String, name: String, enrollmentMode: String, verificationStatus: String?,
        totalPendingInvitations: Int, totalPendingSuggestions: Int, createdAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.enrollmentMode = enrollmentMode
        self.verificationStatus = verificationStatus
        self.totalPendingInvitations = totalPendingInvitations
        self.totalPendingSuggestions = totalPendingSuggestions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The modes by which a person joins without an invitation to them by name: these are access paths.
    public static let enrollingModes: Set<String> = ["automatic_invitation", "automatic_suggestion", "enterprise_sso"]
}
