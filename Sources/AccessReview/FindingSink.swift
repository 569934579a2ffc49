/// Where the rules of `FindingsEngine` put what they find: a `FindingList` being made, which keeps what
/// each finding is about and passes over its text, or one finding's text being made again as a report
/// reads it. One statement of the rules serves both, so a listed finding always reads as the rule found it.
protocol FindingSink {
    /// `rule` applies to `subject`, concerning the memberships at these rows of the index (none for a
    /// finding about no membership). `organization` is the one organization of a finding about no
    /// membership (nil: none); `detail` words the finding and is called only by a sink that keeps text.
    mutating func add(
        _ rule: FindingRule, _ subject: FindingSubject, rows: some Collection<Int32>, organization: String?,
        detail: () -> String)
}
