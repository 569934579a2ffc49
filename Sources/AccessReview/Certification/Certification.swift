/// The outcome of `certify`: the snapshot certified, the decisions taken (membership order), the
/// problems found (file order, then memberships left undecided), and each organization's completion.
public struct Certification: Sendable {
    /// The certified snapshot, as the record names it.
    public var snapshotDigest: String
    public var snapshotGeneratedAt: String
    public var instance: String
    public var snapshotComplete: Bool
    /// When the certification was made (`certify`'s "now"), RFC 3339 UTC.
    public var certifiedAt: String
    /// Each decision file as named, with its data rows.
    public var files: [(name: String, rows: Int)]
    public var decisions: [CertifiedDecision]
    public var problems: [CertificationProblem]
    /// In the report's organization order (name, then id).
    public var organizations: [OrganizationCompletion]
    /// Every membership certified: the snapshot's, or those of the `--org` organizations.
    public var membershipCount: Int
    /// The organizations certified (`organization:<id>`) when `--org` chose some; nil for all.
    public var organizationScope: [String]?

    /// Every membership decided and no row refused: `certify` exits 0 only then.
    public var isComplete: Bool { problems.isEmpty && decisions.count == membershipCount }

    /// How many decisions of this kind were taken.
    public func count(_ verb: ReviewDecision.Verb) -> Int { decisions.count { $0.decision.verb == verb } }

    /// How many problems of this kind were found.
    public func problemCount(_ kind: CertificationProblem.Kind) -> Int { problems.count { $0.kind == kind } }

    /// The revoke and change decisions: what `remediation` checks later.
    public var actions: [CertifiedDecision] { decisions.filter { $0.decision != .keep } }
}
