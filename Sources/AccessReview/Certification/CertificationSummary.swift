import SnapshotFormat
/// The header lines every rendering of a certification opens with, in the format's escaping.
enum CertificationSummary {
    static func lines(_ c: Certification, escape: (String) -> String, code: (String) -> String) -> [String] {
        let files = c.files.map { "\(code($0.name)) (\(Plural.count($0.rows, "row")))" }.joined(separator: ", ")
        let problems = CertificationProblem.Kind.allCases.filter { c.problemCount($0) > 0 }.map { "\(c.problemCount($0)) \($0.rawValue)" }
        let verdict = c.isComplete
            ? "Complete: every membership decided, no row refused"
            : "INCOMPLETE: \(c.membershipCount - c.decisions.count) of \(Plural.count(c.membershipCount, "membership")) undecided, \(Plural.count(c.problems.count, "problem"))\(problems.isEmpty ? "" : " (\(problems.joined(separator: ", ")))")"
        var lines = [
            "Snapshot: generated \(escape(c.snapshotGeneratedAt)), \(c.snapshotComplete ? "complete" : "INCOMPLETE \(ReviewPolicy.incompleteExplanation)"), digest \(code(c.snapshotDigest))",
            "Certified at \(escape(c.certifiedAt)) from \(files.isEmpty ? "no files" : files)",
            "\(c.decisions.count) of \(Plural.count(c.membershipCount, "membership")) decided: \(c.count(.keep)) keep, \(c.count(.revoke)) revoke, \(c.count(.change)) change",
            verdict,
        ]
        if c.organizationScope != nil {
            let named = c.organizations.map { "\(escape($0.name)) (\(code(Resource.clerkID(of: $0.organization))))" }
            lines.insert("Scope: only \(named.joined(separator: ", ")); the snapshot's other organizations are not certified", at: 2)
        }
        return lines
    }
}
