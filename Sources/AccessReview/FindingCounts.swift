/// The findings of a review counted the ways every format shows them first: per severity, per rule (with
/// the memberships each rule's findings concern) and per organization, so a reader sees the size of each
/// problem before its list.
public struct FindingCounts: Sendable, Equatable {
    public private(set) var total = 0
    public private(set) var bySeverity: [FindingSeverity: Int] = [:]
    public private(set) var byRule: [FindingRule: Int] = [:]
    /// Memberships the findings of each rule list (a finding about three memberships counts three).
    public private(set) var grantsByRule: [FindingRule: Int] = [:]
    /// `organization:<id>` -> findings that concern it (a finding about two organizations counts in both).
    public private(set) var byOrganization: [String: Int] = [:]

    public init(_ findings: FindingList) {
        // Counted from what each finding is about, without wording any.
        for position in findings.indices {
            let rule = findings.rule(at: position)
            total += 1
            bySeverity[rule.severity, default: 0] += 1
            byRule[rule, default: 0] += 1
            grantsByRule[rule, default: 0] += findings.grantCount(at: position)
        }
        byOrganization = findings.countsByOrganization()
    }

    /// Rules with at least one finding, in report order (severity, then rule).
    public var rulesFound: [FindingRule] {
        FindingRule.allCases.filter { byRule[$0] != nil }.sorted { ($0.severity, $0.position) < ($1.severity, $1.position) }
    }
}
