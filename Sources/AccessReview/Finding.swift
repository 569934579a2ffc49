import CanonicalJSON

/// One thing a reviewer should look at: which rule, about whom (a user, organization, membership, access
/// path or machine), the memberships it concerns (`grants`), with the specific facts (`detail`) and the
/// rule's reason (`rule.whyItMatters`). User rules give one finding per user and rule, listing every
/// membership the rule applies to.
public struct Finding: Sendable, Equatable {
    public var rule: FindingRule
    /// Resource id of what the finding is about: `user:...`, `organization:...`, `membership:...`, an access
    /// path id or `machine:...`.
    public var subject: String
    public var subjectName: String
    /// `organization:...` when the finding concerns exactly one organization; nil when it concerns none
    /// (a machine, a user's sessions) or several (`grants` names them).
    public var organization: String?
    public var organizationName: String?
    /// The memberships it concerns, in report order; empty for findings about no membership.
    public var grants: [FindingGrant]
    /// The facts behind this finding, e.g. "last active 2025-01-10, 679 days before 2026-11-20 (limit 90)".
    public var detail: String

    public init(
        rule: FindingRule, subject: String, subjectName: String, organization: String?, organizationName: String?,
        grants: [FindingGrant] = [], detail: String
    ) {
        self.rule = rule
        self.subject = subject
        self.subjectName = subjectName
        self.organization = organization
        self.organizationName = organizationName
        self.grants = grants
        self.detail = detail
    }

    public var severity: FindingSeverity { rule.severity }

    /// Every organization it concerns: its own, or those of its grants, in grant order without repeats.
    public var organizations: [String] {
        if let organization { return [organization] }
        // Most findings concern a few memberships: a search of the few kept beats hashing every id.
        guard grants.count > 16 else {
            var kept: [String] = []
            for grant in grants where !kept.contains(grant.organization) { kept.append(grant.organization) }
            return kept
        }
        var seen: Set<String> = []
        return grants.map(\.organization).filter { seen.insert($0).inserted }
    }

    /// Whether it concerns `organization` (`organization:<id>`).
    public func concerns(_ organization: String) -> Bool {
        self.organization == organization || grants.contains { $0.organization == organization }
    }

    /// The finding as a review of some organizations shows it: only their grants (and, when those are in
    /// one organization, that organization as its own).
    public func restricted(to organizations: Set<String>) -> Finding {
        guard organization == nil, !grants.isEmpty else { return self }
        var restricted = self
        restricted.grants = grants.filter { organizations.contains($0.organization) }
        if Set(restricted.grants.map(\.organization)).count == 1 {
            restricted.organization = restricted.grants[0].organization
            restricted.organizationName = restricted.grants[0].organizationName
        }
        return restricted
    }

    /// Where the reports' organization column says what it concerns: one organization's name, or how many.
    public var organizationLabel: String {
        if let organizationName { return organizationName }
        let count = organizations.count
        return count == 0 ? "" : Plural.count(count, "organization")
    }

    /// `findings` in report order: severity, then rule, then the most grants first (the widest access is
    /// looked at first), then organization, then subject; stable across runs and readable top-down. Sorts
    /// positions by precomputed keys instead of moving a hundred thousand findings through every step.
    public static func sortedForReport(_ findings: [Finding]) -> [Finding] {
        let keys = findings.map { ($0.severity.rank, $0.rule.position, -$0.grants.count) }
        let order = findings.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left] < keys[right] }
            let leftOrganization = findings[left].organization ?? ""
            let rightOrganization = findings[right].organization ?? ""
            if leftOrganization != rightOrganization { return codePointPrecedes(leftOrganization, rightOrganization) }
            return codePointPrecedes(findings[left].subject, findings[right].subject)
        }
        return order.map { findings[$0] }
    }

    /// Members in key order, as canonical JSON writes them: the writer then need not sort them (a review
    /// writes a hundred thousand of these).
    public var json: JSONValue {
        [
            "detail": .string(detail), "grants": .array(grants.map(\.json)), "organization": .optional(organization),
            "organization_name": .optional(organizationName), "rule": .string(rule.rawValue),
            "severity": .string(severity.rawValue), "subject": .string(subject), "subject_name": .string(subjectName),
            "title": .string(rule.title), "why_it_matters": .string(rule.whyItMatters),
        ]
    }
}
