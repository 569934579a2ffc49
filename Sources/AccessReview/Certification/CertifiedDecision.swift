/// One decision `certify` accepted: the membership as the snapshot holds it, what the reviewer decided,
/// who, when, and the row it came from.
public struct CertifiedDecision: Sendable, Equatable {
    public var membership: Membership
    public var userName: String
    public var email: String?
    public var organizationName: String
    public var decision: ReviewDecision
    public var reviewer: String
    /// As written in the row (a date or an RFC 3339 time, checked); nil when the cell was empty.
    public var reviewedAt: String?
    public var comment: String
    public var file: String
    public var line: Int

    public init(
        membership: Membership, userName: String, email: String?, organizationName: String, decision: ReviewDecision,
        reviewer: String, reviewedAt: String?, comment: String, file: String, line: Int
    ) {
        self.membership = membership
        self.userName = userName
        self.email = email
        self.organizationName = organizationName
        self.decision = decision
        self.reviewer = reviewer
        self.reviewedAt = reviewedAt
        self.comment = comment
        self.file = file
        self.line = line
    }
}
