import OutputEscaping
import SnapshotFormat

/// `review --format html`: the same review as `MarkdownReport` as one self-contained page. No scripts, no
/// external fonts, styles or images, so it opens offline, cannot leak that it was opened, and prints
/// (each organization starts a new page when printed).
public enum HTMLReport {
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem;color:#1b1f24;line-height:1.4}
        h1{font-size:1.6rem;margin-bottom:.3rem}h2{margin-top:2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
        h3{margin-top:1.6rem}ul.meta{color:#444;padding-left:1.2rem}
        table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.6rem 0}
        th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:#f3f5f7}tr.admin td{background:#fff8e6}td.num,th.num{text-align:right}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.8rem;background:#f3f5f7;padding:0 .2rem;border-radius:3px}
        .sev{display:inline-block;padding:0 .4rem;border-radius:3px;font-weight:600;font-size:.75rem;text-transform:uppercase}
        .sev-high{background:#cf222e;color:#fff}.sev-medium{background:#bf8700;color:#fff}.sev-low{background:#57606a;color:#fff}
        .bad{color:#cf222e;font-weight:600}.perms code{display:inline-block;margin:1px}
        td code{overflow-wrap:anywhere}
        dl.why dt{font-weight:600;margin-top:.5rem}dl.why dd{margin-left:1rem}
        @media print{body{margin:0;font-size:10pt}section.org{break-before:page}tr{break-inside:avoid}a{color:inherit}}
        """

    public static func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: [Finding],
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        let snapshot = index.snapshot
        out.line("<!DOCTYPE html>")
        out.line("<html lang=\"en\">")
        out.line("<head>")
        out.line("<meta charset=\"utf-8\">")
        // No network, no scripts: the report is safe to open from an email or a ticket attachment.
        out.line("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        out.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.line("<title>Access review: \(h(snapshot.source.instance))</title>")
        out.line("<style>\n\(style)\n\(ReviewOverviewHTML.style)\n</style>")
        out.line("</head>")
        out.line("<body>")
        out.line("<h1>Access review: \(h(snapshot.source.instance))</h1>")
        out.line("<ul class=\"meta\">")
        out.line("<li>Snapshot generated \(h(snapshot.generatedAt)), \(snapshot.complete ? "complete" : "<span class=\"bad\">INCOMPLETE</span> (some collections were not read to the end; absent access may be missing)"), digest \(code(snapshot.digest))</li>")
        out.line("<li>Reviewed as of \(h(policy.referenceTime(for: snapshot))); inactive means no activity for more than \(policy.staleDays) days by <code>last_active_at</code> (never active counts as inactive); at most \(policy.maxAdmins) admins per organization\(MarkdownReport.accessPathPolicy(policy, snapshot))</li>")
        out.line("<li>Admin: a member whose role holds <code>org:sys_memberships:manage</code> or <code>org:sys_profile:delete</code></li>")
        out.line("<li>\(index.users.count) users, \(index.organizations.count) organizations, \(index.memberships.count) memberships, \(findings.count) findings</li>")
        out.line("</ul>")

        // Issue 14: the pictures first, for the reader who looks before reading.
        out.line(ReviewOverviewHTML.section(ReviewFigures(index, policy: policy, findings: findings)))

        out.line("<h2 id=\"summary\">Summary</h2>")
        out.line("<table><thead><tr><th>Organization</th><th class=\"num\">Members</th><th class=\"num\">Admins</th><th class=\"num\">Findings</th></tr></thead><tbody>")
        var findingsPerOrganization: [String: Int] = [:]
        for finding in findings { if let organization = finding.organization { findingsPerOrganization[organization, default: 0] += 1 } }
        for (position, organization) in index.organizations.enumerated() {
            let members = index.membershipsByOrganization[organization.id]?.count ?? 0
            out.line("<tr><td><a href=\"#org-\(position + 1)\">\(h(organization.displayName))</a></td><td class=\"num\">\(members)</td><td class=\"num\">\(index.admins(of: organization.id).count)</td><td class=\"num\">\(findingsPerOrganization[organization.id] ?? 0)</td></tr>")
        }
        out.line("</tbody></table>")

        out.line("<h2 id=\"findings\">Findings (\(findings.count))</h2>")
        if findings.isEmpty {
            out.line("<p>No findings.</p>")
        } else {
            out.line("<table><thead><tr><th class=\"num\">#</th><th>Severity</th><th>Rule</th><th>Subject</th><th>Organization</th><th>Detail</th></tr></thead><tbody>")
            for (number, finding) in findings.enumerated() {
                let severity = finding.severity.rawValue
                out.line("<tr><td class=\"num\">\(number + 1)</td><td><span class=\"sev sev-\(severity)\">\(severity)</span></td><td>\(code(finding.rule.rawValue))</td><td>\(h(finding.subjectName))<br>\(code(AccessIndex.clerkID(finding.subject)))</td><td>\(h(finding.organizationName ?? ""))</td><td>\(h(finding.detail))</td></tr>")
            }
            out.line("</tbody></table>")
            out.line("<h3>Why these matter</h3>")
            out.line("<dl class=\"why\">")
            for rule in FindingRule.allCases where findings.contains(where: { $0.rule == rule }) {
                out.line("<dt>\(code(rule.rawValue)) <span class=\"sev sev-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span> \(h(rule.title))</dt>")
                out.line("<dd>\(h(rule.whyItMatters))</dd>")
            }
            out.line("</dl>")
        }

        out.line("<h2 id=\"organizations\">Organizations</h2>")
        for (position, organization) in index.organizations.enumerated() {
            let memberships = index.membershipsByOrganization[organization.id] ?? []
            let admins = memberships.filter(\.isAdmin).count
            out.line("<section class=\"org\" id=\"org-\(position + 1)\">")
            out.line("<h3>\(h(organization.displayName))</h3>")
            out.line("<p>\(code(organization.clerkID)), slug \(code(organization.string("slug") ?? "")): \(Plural.count(memberships.count, "member")), \(Plural.count(admins, "admin"))</p>")
            if memberships.isEmpty {
                out.line("<p>No members.</p>")
            } else {
                out.line("<table><thead><tr><th>Member</th><th>Email</th><th>Role</th><th>Admin</th><th>2FA</th><th>Last active</th><th>Permissions</th><th>Membership</th><th>Granted</th></tr></thead><tbody>")
                for membership in memberships {
                    let user = index.resources[membership.user]
                    let email = user?.string("primary_email").map(h) ?? "<em>(none)</em>"
                    let role: String
                    if let roleID = membership.role {
                        role = "\(code(membership.roleKey ?? "")) \(h(index.displayName(roleID)))"
                    } else {
                        role = "\(code(membership.roleKey ?? "(no role)")) <span class=\"bad\">unresolved</span>"
                    }
                    let permissions = membership.role == nil
                        ? "<em>unknown (role not resolved)</em>"
                        : (membership.permissionKeys.isEmpty ? "<em>(none)</em>" : membership.permissionKeys.map(code).joined(separator: " "))
                    let twoFactor = user?.bool("two_factor_enabled") == true ? "on" : "<span class=\"bad\">off</span>"
                    let lastActive = user?.string("last_active_at").map { h(String($0.prefix(10))) } ?? "<span class=\"bad\">never</span>"
                    let granted = membership.grantedAt.map { h(String($0.prefix(10))) } ?? ""
                    out.line("<tr\(membership.isAdmin ? " class=\"admin\"" : "")><td>\(h(index.displayName(membership.user)))<br>\(code(AccessIndex.clerkID(membership.user)))</td><td>\(email)</td><td>\(role)</td><td>\(membership.isAdmin ? "<strong>admin</strong>" : "")</td><td>\(twoFactor)</td><td>\(lastActive)</td><td class=\"perms\">\(permissions)</td><td>\(code(membership.id))</td><td>\(granted)</td></tr>")
                }
                out.line("</tbody></table>")
            }
            // Snapshot 1.1: who could join, and as what; nothing for an organization without paths (or a 1.0 snapshot).
            let paths = index.accessPathsByOrganization[organization.id] ?? []
            if !paths.isEmpty {
                out.line("<p>Could join (\(Plural.count(paths.count, "access path"))):</p>")
                out.line("<table><thead><tr><th>Kind</th><th>Who</th><th>Role</th><th>Admin</th><th>Status</th><th>Path</th></tr></thead><tbody>")
                for path in paths {
                    let candidate = PathCandidate(path, index: index)
                    let who = code(path.principal) + (candidate.matchingUserName.map { "<br>\(h($0))" } ?? "")
                    out.line("<tr\(candidate.leadsToAdmin ? " class=\"admin\"" : "")><td>\(h(path.kind.rawValue))</td><td>\(who)</td><td>\(code(candidate.roleKey ?? "membership only"))</td><td>\(candidate.leadsToAdmin ? "<strong>admin</strong>" : "")</td><td>\(h(path.status))</td><td>\(code(path.id))</td></tr>")
                }
                out.line("</tbody></table>")
            }
            out.line("</section>")
        }
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }
}
