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
        p.why{color:#444;margin:.2rem 0 .4rem}
        p.controls{color:#444;font-size:.85rem;margin:0 0 .4rem}
        @media print{body{margin:0;font-size:10pt}section.org{break-before:page}tr{break-inside:avoid}a{color:inherit}}
        """

    /// `listed`: how many findings of each rule are listed (the rest are counted); nil lists them all.
    public static func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything, listed: Int? = nil,
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        let snapshot = index.snapshot
        out.line(HTMLPage.opening(title: "Access review: " + snapshot.source.instance, style: "\(style)\n\(ReviewOverviewHTML.style)"))
        out.line("<h1>Access review: \(h(snapshot.source.instance))</h1>")
        out.line("<ul class=\"meta\">")
        out.line("<li>Snapshot generated \(h(snapshot.generatedAt)), \(snapshot.complete ? "complete" : "<span class=\"bad\">INCOMPLETE</span> \(ReviewPolicy.incompleteExplanation)"), digest \(code(snapshot.digest))</li>")
        out.line("<li>Reviewed as of \(h(policy.referenceTime(for: snapshot))); inactive means no activity for more than \(policy.staleDays) days by <code>last_active_at</code> (never active counts as inactive); at most \(policy.maxAdmins) admins per organization\(MarkdownReport.accessPathPolicy(policy, snapshot))</li>")
        out.line("<li>Admin: a member whose role holds <code>org:sys_memberships:manage</code> or <code>org:sys_profile:delete</code></li>")
        // Scope (review --org, --split, --min-severity, --rules): what this report covers.
        out.line("<li>\(scope.countsLine(index, findingCount: findings.count))</li>")
        for line in scope.headerLines(index, escape: h, code: code) { out.line("<li><strong>\(line)</strong></li>") }
        out.line("</ul>")

        // Issue 14: the pictures first, for the reader who looks before reading.
        out.line(ReviewOverviewHTML.section(ReviewFigures(index, policy: policy, findings: findings, scope: scope)))

        out.line("<h2 id=\"summary\">Summary</h2>")
        out.line("<table><thead><tr><th>Organization</th><th class=\"num\">Members</th><th class=\"num\">Admins</th><th class=\"num\">Findings</th></tr></thead><tbody>")
        let counts = FindingCounts(findings)
        for (position, organization) in scope.organizations(in: index).enumerated() {
            let members = index.memberships(of: organization.id)
            out.line("<tr><td><a href=\"#org-\(position + 1)\">\(h(organization.displayName))</a></td><td class=\"num\">\(members.count)</td><td class=\"num\">\(members.adminCount)</td><td class=\"num\">\(counts.byOrganization[organization.id] ?? 0)</td></tr>")
        }
        out.line("</tbody></table>")

        findingsSection(findings, counts: counts, listed: listed, out: &out)

        out.line("<h2 id=\"organizations\">Organizations</h2>")
        // Each organization's section reads only the index: made on every core, written in order, a few
        // at a time (a section lists every member: tens of kilobytes).
        let organizations = scope.organizations(in: index)
        out.writeInOrder(count: organizations.count, itemsPerBatch: 4) { positions, out in
            for position in positions {
                let organization = organizations[position]
                let h = HTMLText.escape
                func code(_ text: String) -> String { "<code>\(h(text))</code>" }
                let memberships = index.memberships(of: organization.id)
                let admins = memberships.adminCount
                out.line("<section class=\"org\" id=\"org-\(position + 1)\">")
                out.line("<h3>\(h(organization.displayName))</h3>")
                out.line("<p>\(code(organization.clerkID)), slug \(code(organization.string("slug") ?? "")): \(Plural.count(memberships.count, "member")), \(Plural.count(admins, "admin"))</p>")
                if memberships.isEmpty {
                    out.line("<p>No members.</p>")
                } else {
                    out.line("<table><thead><tr><th>Member</th><th>Email</th><th>Role</th><th>Admin</th><th>2FA</th><th>Last active</th><th>Permissions</th><th>Membership</th><th>Granted</th></tr></thead><tbody>")
                    for membership in memberships {
                        let user = index.user(of: membership)
                        let email = user?.primaryEmail.map(h) ?? "<em>(none)</em>"
                        let role: String
                        if let roleID = membership.role {
                            role = "\(code(membership.roleKey ?? "")) \(h(index.displayName(roleID)))"
                        } else {
                            role = "\(code(membership.roleKey ?? "(no role)")) <span class=\"bad\">unresolved</span>"
                        }
                        let permissions = membership.role == nil
                            ? "<em>unknown (role not resolved)</em>"
                            : (membership.permissionKeys.isEmpty ? "<em>(none)</em>" : membership.permissionKeys.map(code).joined(separator: " "))
                        let twoFactor = user?.twoFactorEnabled == true ? "on" : "<span class=\"bad\">off</span>"
                        let lastActive = user?.lastActiveAt.map { h(String($0.prefix(10))) } ?? "<span class=\"bad\">never</span>"
                        let granted = membership.grantedAt.map { h(String($0.prefix(10))) } ?? ""
                        out.line("<tr\(membership.isAdmin ? " class=\"admin\"" : "")><td>\(h(index.userName(of: membership)))<br>\(code(Resource.clerkID(of: membership.user)))</td><td>\(email)</td><td>\(role)</td><td>\(membership.isAdmin ? "<strong>admin</strong>" : "")</td><td>\(twoFactor)</td><td>\(lastActive)</td><td class=\"perms\">\(permissions)</td><td>\(code(membership.id))</td><td>\(granted)</td></tr>")
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
        }
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }

    /// Counts per severity and rule first, then each rule's findings, most memberships first, with the
    /// reason the rule matters; at most `listed` of each when given.
    private static func findingsSection(_ findings: FindingList, counts: FindingCounts, listed: Int?, out: inout ChunkedOutput) {
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        func severity(_ rule: FindingRule) -> String { "<span class=\"sev sev-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span>" }
        out.line("<h2 id=\"findings\">Findings (\(findings.count))</h2>")
        guard !findings.isEmpty else {
            out.line("<p>No findings.</p>")
            return
        }
        let severities = FindingSeverity.allCases.map { "\(counts.bySeverity[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        out.line("<p>By severity: \(severities).</p>")
        out.line("<table><thead><tr><th>Severity</th><th>Rule</th><th class=\"num\">Findings</th><th class=\"num\">Memberships</th></tr></thead><tbody>")
        for (position, rule) in counts.rulesFound.enumerated() {
            out.line("<tr><td>\(severity(rule))</td><td><a href=\"#rule-\(position + 1)\">\(code(rule.rawValue))</a> \(h(rule.title))</td><td class=\"num\">\(counts.byRule[rule] ?? 0)</td><td class=\"num\">\(counts.grantsByRule[rule] ?? 0)</td></tr>")
        }
        out.line("</tbody></table>")
        var start = 0
        for (position, rule) in counts.rulesFound.enumerated() {
            let total = counts.byRule[rule] ?? 0
            let shown = findings[start..<(start + min(total, listed ?? total))]
            start += total
            out.line("<h3 id=\"rule-\(position + 1)\">\(code(rule.rawValue)) \(severity(rule)) \(h(rule.title))</h3>")
            out.line("<p class=\"why\">\(h(rule.whyItMatters))</p>")
            out.line("<p class=\"controls\">Controls: \(h(ComplianceControl.label(rule.controls)))</p>")
            out.line("<table><thead><tr><th class=\"num\">#</th><th>Subject</th><th>Organization</th><th>Memberships</th><th>Detail</th></tr></thead><tbody>")
            for (number, finding) in shown.enumerated() {
                let grants = finding.grants.map { grant in
                    "\(h(grant.organizationName)) as \(code(grant.roleKey ?? "no role"))\(grant.isAdmin ? " <strong>admin</strong>" : ""), \(code(grant.membershipID))"
                }.joined(separator: "<br>")
                out.line("<tr><td class=\"num\">\(number + 1)</td><td>\(h(finding.subjectName))<br>\(code(Resource.clerkID(of: finding.subject)))</td><td>\(h(finding.organizationLabel))</td><td>\(grants)</td><td>\(h(finding.detail))</td></tr>")
            }
            out.line("</tbody></table>")
            if shown.count < total {
                out.line("<p>The first \(shown.count) of \(total) are listed; every finding of an organization is in its own review (<code>--org</code>, <code>--split</code>), and all of them in <code>--format json</code>.</p>")
            }
        }
    }
}
