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
        var kept: [String] = []
        for grant in grants where !kept.contains(grant.organization) { kept.append(grant.organization) }
        return kept
    }

    /// Where the reports' organization column says what it concerns: one organization's name, or how many.
    public var organizationLabel: String {
        if let organizationName { return organizationName }
        let count = organizations.count
        return count == 0 ? "" : Plural.count(count, "organization")
    }

    /// `json` as `CanonicalJSONWriter.writePretty(_:indent:)` writes it, without building the tree: a review
    /// writes a hundred thousand findings. The findings document's tests hold the two byte-equal.
    public func writePrettyJSON(to writer: inout CanonicalJSONWriter, indent: Int) {
        writer.writeRaw("{\n")
        writer.writePrettyMember("detail", detail, indent: indent)
        writer.writePrettyKey("grants", indent: indent)
        if grants.isEmpty {
            writer.writeRaw("[]")
        } else {
            writer.writeRaw("[\n")
            for (position, grant) in grants.enumerated() {
                writer.writeIndent(indent + 2)
                grant.writePrettyJSON(to: &writer, indent: indent + 2)
                writer.writeRaw(position + 1 < grants.count ? ",\n" : "\n")
            }
            writer.writeIndent(indent + 1)
            writer.writeRaw("]")
        }
        writer.writeRaw(",\n")
        writer.writePrettyMember("organization", organization, indent: indent)
        writer.writePrettyMember("organization_name", organizationName, indent: indent)
        writer.writePrettyMember("rule", rule.rawValue, indent: indent)
        writer.writePrettyMember("severity", severity.rawValue, indent: indent)
        writer.writePrettyMember("subject", subject, indent: indent)
        writer.writePrettyMember("subject_name", subjectName, indent: indent)
        writer.writePrettyMember("title", rule.title, indent: indent)
        writer.writePrettyMember("why_it_matters", rule.whyItMatters, indent: indent, last: true)
        writer.writeIndent(indent)
        writer.writeRaw("}")
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
