import CanonicalJSON

/// One thing a reviewer should look at: which rule, about whom (a user, organization or membership), in
/// which organization, with the specific facts (`detail`) and the rule's reason (`rule.whyItMatters`).
public struct Finding: Sendable, Equatable {
    public var rule: FindingRule
    /// Resource id of what the finding is about: `user:...`, `organization:...` or `membership:...`.
    public var subject: String
    public var subjectName: String
    /// `organization:...`, or nil only for findings that concern no organization.
    public var organization: String?
    public var organizationName: String?
    public var membershipID: String?
    /// The facts behind this finding, e.g. "last active 2025-01-10 (679 days before 2026-11-20)".
    public var detail: String

    public init(
        rule: FindingRule, subject: String, subjectName: String, organization: String?, organizationName: String?,
        membershipID: String?, detail: String
    ) {
        self.rule = rule
        self.subject = subject
        self.subjectName = subjectName
        self.organization = organization
        self.organizationName = organizationName
        self.membershipID = membershipID
        self.detail = detail
    }

    public var severity: FindingSeverity { rule.severity }

    /// Severity, then rule, then organization, then subject: stable across runs and readable top-down.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.rule != rhs.rule {
            let rules = FindingRule.allCases
            return rules.firstIndex(of: lhs.rule)! < rules.firstIndex(of: rhs.rule)!
        }
        let leftOrganization = lhs.organization ?? ""
        let rightOrganization = rhs.organization ?? ""
        if leftOrganization != rightOrganization { return codePointPrecedes(leftOrganization, rightOrganization) }
        if lhs.subject != rhs.subject { return codePointPrecedes(lhs.subject, rhs.subject) }
        return codePointPrecedes(lhs.membershipID ?? "", rhs.membershipID ?? "")
    }

    public var json: JSONValue {
        [
            "rule": .string(rule.rawValue), "severity": .string(severity.rawValue), "title": .string(rule.title),
            "subject": .string(subject), "subject_name": .string(subjectName),
            "organization": .optional(organization), "organization_name": .optional(organizationName),
            "membership_id": .optional(membershipID), "detail": .string(detail),
            "why_it_matters": .string(rule.whyItMatters),
        ]
    }
}
