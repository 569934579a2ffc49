/// How far one organization's review got: its memberships, the decisions taken, and those still open
/// (missing, conflicting, or on a row with a problem).
public struct OrganizationCompletion: Sendable, Equatable {
    /// `organization:<id>`.
    public var organization: String
    public var name: String
    public var memberships: Int
    public var keep: Int
    public var revoke: Int
    public var change: Int

    public init(organization: String, name: String, memberships: Int, keep: Int = 0, revoke: Int = 0, change: Int = 0) {
        self.organization = organization
        self.name = name
        self.memberships = memberships
        self.keep = keep
        self.revoke = revoke
        self.change = change
    }

    public var decided: Int { keep + revoke + change }
    public var undecided: Int { memberships - decided }
    public var isComplete: Bool { undecided == 0 }
}
