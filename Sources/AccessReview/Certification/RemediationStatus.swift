/// Where a revoke or change decision stands in a later snapshot.
public enum RemediationStatus: String, Sendable, CaseIterable {
    /// Revoke: the membership is gone (and the user is in the organization by no other). Change: the
    /// membership now has the decided role.
    case done
    /// The membership is still there with the role it had when it was certified.
    case outstanding
    /// Neither: another role than decided or than before, the user deleted, or a member again through a
    /// new membership. A person has to look.
    case changedOtherwise = "changed_otherwise"
}
