import OutputEscaping
import SnapshotFormat

/// `certify --format html`: the Markdown report's content as one self-contained page (no scripts, no
/// external assets), in the review's style.
enum CertificationHTML {
    static func write(_ certification: Certification, redactor: PIIRedactor?, emit: @escaping ([UInt8]) -> Void) {
        let c = certification
        var out = ChunkedOutput(emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { text.isEmpty ? "" : "<code>\(h(text))</code>" }
        out.line(HTMLPage.opening(title: "Access certification: " + c.instance, style: HTMLReport.style))
        out.line("<h1>Access certification: \(h(c.instance))</h1>")
        out.line("<ul class=\"meta\">")
        for line in CertificationSummary.lines(c, escape: h, code: code) { out.line("<li>\(line)</li>") }
        out.line("</ul>")
        out.line("<h2>Organizations</h2>")
        out.line("<table><thead><tr><th>Organization</th><th class=\"num\">Memberships</th><th class=\"num\">Keep</th><th class=\"num\">Revoke</th><th class=\"num\">Change</th><th class=\"num\">Undecided</th><th>Complete</th></tr></thead><tbody>")
        for organization in c.organizations {
            out.line("<tr><td>\(h(organization.name))<br>\(code(Resource.clerkID(of: organization.organization)))</td><td class=\"num\">\(organization.memberships)</td><td class=\"num\">\(organization.keep)</td><td class=\"num\">\(organization.revoke)</td><td class=\"num\">\(organization.change)</td><td class=\"num\">\(organization.undecided)</td><td>\(organization.isComplete ? "yes" : "<strong>no</strong>")</td></tr>")
        }
        out.line("</tbody></table>")
        out.line("<h2>Problems</h2>")
        if c.problems.isEmpty {
            out.line("<p>None: every row was taken and every membership is decided.</p>")
        } else {
            out.line("<table><thead><tr><th>Where</th><th>Problem</th><th>Membership</th><th>Detail</th></tr></thead><tbody>")
            for problem in c.problems {
                out.line("<tr><td>\(h(problem.location))</td><td>\(h(problem.kind.title))</td><td>\(code(problem.membershipID))</td><td>\(h(problem.detail))</td></tr>")
            }
            out.line("</tbody></table>")
        }
        for (title, decisions, empty) in [
            ("Revocations and changes", c.actions, "None: every decision was keep."), ("Decisions", c.decisions, "None."),
        ] {
            out.line("<h2>\(title)</h2>")
            guard !decisions.isEmpty else {
                out.line("<p>\(empty)</p>")
                continue
            }
            // Six columns, each cell a few short lines, so the table fits a page and a printout.
            out.line("<table><thead><tr><th>Organization</th><th>User and membership</th><th>Role, decision</th><th>Reviewer, reviewed at</th><th>Comment</th><th>Where</th></tr></thead><tbody>")
            for decision in decisions {
                let name = redactor.name(decision.userName)
                let email = redactor.email(decision.email) ?? ""
                let reviewer = redactor.name(decision.reviewer)
                let user = [h(name), email.isEmpty ? nil : h(email), code(decision.membership.id)].compactMap { $0 }.joined(separator: "<br>")
                let change = "\(code(decision.membership.roleKey ?? "")) &rarr; \(code(decision.decision.cell))"
                out.line("<tr><td>\(h(decision.organizationName))</td><td>\(user)</td><td>\(change)</td><td>\(h(reviewer))<br>\(h(decision.reviewedAt ?? ""))</td><td>\(h(decision.comment))</td><td>\(h(decision.file)) line \(decision.line)</td></tr>")
            }
            out.line("</tbody></table>")
        }
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }
}
