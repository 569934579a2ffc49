import SnapshotFormat

/// What part of a review a report covers: some organizations (`review --org`, each file of `--split`) and
/// some findings (`--min-severity`, `--rules`). Every format states a scope that is not the whole review
/// in its header, so a filtered or per-organization report never reads as the complete one.
public struct ReviewScope: Sendable, Equatable {
    /// `organization:<id>` resource ids, or nil for every organization. Findings that concern no
    /// organization belong to no organization's review, so a restricted scope leaves them out.
    public var organizationIDs: [String]?
    /// Findings below this severity are left out; nil keeps every severity.
    public var minimumSeverity: FindingSeverity?
    /// Only findings of these rules are kept (in `FindingRule.allCases` order); nil keeps every rule.
    public var rules: [FindingRule]?

    public init(organizationIDs: [String]? = nil, minimumSeverity: FindingSeverity? = nil, rules: [FindingRule]? = nil) {
        self.organizationIDs = organizationIDs
        self.minimumSeverity = minimumSeverity
        self.rules = rules.map { chosen in FindingRule.allCases.filter(chosen.contains) }
    }

    /// The whole review: every organization, every finding.
    public static let everything = ReviewScope()

    public var isEverything: Bool { self == .everything }

    /// The same findings filters, restricted to one organization (a file of `review --split`).
    public func restricted(to organizationID: String) -> ReviewScope {
        var scope = self
        scope.organizationIDs = [organizationID]
        return scope
    }

    /// Whether findings of `rule` can appear in this scope (the rule and severity filters).
    public func includes(_ rule: FindingRule) -> Bool {
        if let minimumSeverity, rule.severity > minimumSeverity { return false }
        if let rules, !rules.contains(rule) { return false }
        return true
    }

    /// The findings this scope keeps, in their order. The one place findings are filtered: every format
    /// and the split folder read the list this returns, never `FindingsEngine` output directly. A finding
    /// about several organizations is kept with the chosen ones' grants only.
    public func filter(_ findings: FindingList) -> FindingList {
        guard !isEverything else { return findings }
        let kept = findings.filter(rules: includes)
        return organizationIDs.map { kept.restricted(to: Set($0)) } ?? kept
    }

    /// The organizations covered, in the report's order (by name, then id).
    public func organizations(in index: AccessIndex) -> [Resource] {
        guard let organizationIDs else { return index.organizations }
        // One organization (each file of a split): looked up, not searched for among thousands.
        if organizationIDs.count == 1 { return index.organization(matching: organizationIDs[0]).map { [$0] } ?? [] }
        let chosen = Set(organizationIDs)
        return index.organizations.filter { chosen.contains($0.id) }
    }

    /// The header's count line: the instance's totals for the whole review, the covered organizations'
    /// for a restricted one.
    public func countsLine(_ index: AccessIndex, findingCount: Int) -> String {
        guard organizationIDs != nil else {
            return "\(index.users.count) users, \(index.organizations.count) organizations, \(index.memberships.count) memberships, \(findingCount) findings"
        }
        let organizations = organizations(in: index)
        let memberships = organizations.reduce(0) { $0 + index.memberships(of: $1.id).count }
        return "\(organizations.count) of \(Plural.count(index.organizations.count, "organization")), \(Plural.count(memberships, "membership")), \(Plural.count(findingCount, "finding"))"
    }

    /// The header lines saying what is left out (none for the whole review), with snapshot text passed
    /// through the format's `escape` and identifiers through its `code`.
    public func headerLines(_ index: AccessIndex, escape: (String) -> String, code: (String) -> String) -> [String] {
        var lines: [String] = []
        if organizationIDs != nil {
            let named = organizations(in: index).map { "\(escape($0.displayName)) (\(code($0.clerkID)))" }
            lines.append("Scope: only \(named.joined(separator: ", ")); findings that concern no organization are left out")
        }
        var filters: [String] = []
        if let minimumSeverity { filters.append("severity \(minimumSeverity.rawValue) and above") }
        if let rules { filters.append("rules " + rules.map { code($0.rawValue) }.joined(separator: ", ")) }
        if !filters.isEmpty { lines.append("Filtered findings: only \(filters.joined(separator: "; ")); other findings are not listed") }
        if index.redactor != nil {
            lines.append("Personal data redacted: names, usernames and email addresses are keyed hashes (\(code("--redact-pii")))")
        }
        return lines
    }
}
