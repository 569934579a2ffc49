import OutputEscaping
import SnapshotFormat

/// `certify --format markdown`: the certification for a person: the verdict, each organization's
/// completion, every problem by file and line, the revocations and changes, then every decision.
enum CertificationMarkdown {
    static func write(_ certification: Certification, redactor: PIIRedactor?, emit: @escaping ([UInt8]) -> Void) {
        let c = certification
        var out = ChunkedOutput(emit: emit)
        let e = MarkdownText.escape
        func cell(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("# Access certification: \(e(c.instance))")
        out.line()
        for line in CertificationSummary.lines(c, escape: e, code: { MarkdownText.code($0) }) { out.line("- \(line)") }
        out.line()
        out.line("## Organizations")
        out.line()
        out.line("| Organization | Memberships | Keep | Revoke | Change | Undecided | Complete |")
        out.line("|---|---:|---:|---:|---:|---:|---|")
        for organization in c.organizations {
            out.line("| \(e(organization.name)) (\(cell(Resource.clerkID(of: organization.organization)))) | \(organization.memberships) | \(organization.keep) | \(organization.revoke) | \(organization.change) | \(organization.undecided) | \(organization.isComplete ? "yes" : "**no**") |")
        }
        out.line()
        out.line("## Problems")
        out.line()
        if c.problems.isEmpty {
            out.line("None: every row was taken and every membership is decided.")
        } else {
            out.line("| Where | Problem | Membership | Detail |")
            out.line("|---|---|---|---|")
            for problem in c.problems {
                let membership = problem.membershipID.isEmpty ? "" : cell(problem.membershipID)
                out.line("| \(e(problem.location)) | \(e(problem.kind.title)) | \(membership) | \(e(problem.detail)) |")
            }
        }
        out.line()
        out.line("## Revocations and changes")
        out.line()
        let actions = c.actions
        if actions.isEmpty {
            out.line("None: every decision was keep.")
        } else {
            out.line("| Organization | User | Email | Role | Decision | Reviewer | Reviewed at | Comment | Membership |")
            out.line("|---|---|---|---|---|---|---|---|---|")
            for decision in actions { out.line(row(decision, redactor: redactor, withComment: true)) }
        }
        out.line()
        out.line("## Decisions")
        out.line()
        if c.decisions.isEmpty {
            out.line("None.")
        } else {
            out.line("| Organization | User | Email | Role | Decision | Reviewer | Reviewed at | Where | Membership |")
            out.line("|---|---|---|---|---|---|---|---|---|")
            for decision in c.decisions { out.line(row(decision, redactor: redactor, withComment: false)) }
        }
        out.finish()
    }

    private static func row(_ decision: CertifiedDecision, redactor: PIIRedactor?, withComment: Bool) -> String {
        let e = MarkdownText.escape
        func cell(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        let name = redactor.name(decision.userName)
        let email = redactor.email(decision.email) ?? ""
        let reviewer = redactor.name(decision.reviewer)
        let last = withComment ? e(decision.comment) : e("\(decision.file) line \(decision.line)")
        return "| \(e(decision.organizationName)) | \(e(name)) | \(e(email)) | \(cell(decision.membership.roleKey ?? "")) | \(cell(decision.decision.cell)) | \(e(reviewer)) | \(e(decision.reviewedAt ?? "")) | \(last) | \(cell(decision.membership.id)) |"
    }
}
