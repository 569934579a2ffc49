/// One revoke or change decision checked against a later snapshot.
public struct RemediationItem: Sendable, Equatable {
    public var action: CertificationRecord.Action
    public var status: RemediationStatus
    /// What the later snapshot shows, e.g. "membership gone", "still a member as org:member".
    public var finding: String
    /// Whole days from the decision (its reviewed_at, else the certification) to the later snapshot.
    public var daysSinceDecision: Int
    /// Outstanding for longer than `--within-days`; false without it.
    public var isOverdue: Bool
}
