import OutputEscaping
import SnapshotFormat

/// `review` (default format): a Markdown access review. Findings first, because they are what needs
/// action; then one section per organization listing every member, admins first, with the role and the
/// permissions it implies. Written in chunks as it goes.
public enum MarkdownReport {
    /// `listed`: how many findings of each rule are listed (the rest are counted); nil lists them all.
    public static func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything, listed: Int? = nil,
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        let e = MarkdownText.escape
        func code(_ text: String) -> String { MarkdownText.code(text) }
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        let snapshot = index.snapshot
        out.line("# Access review: \(e(snapshot.source.instance))")
        out.line()
        out.line("- Snapshot: generated \(e(snapshot.generatedAt)), \(snapshot.complete ? "complete" : "**INCOMPLETE** \(ReviewPolicy.incompleteExplanation)"), digest \(code(snapshot.digest))")
        out.line("- Reviewed as of \(e(policy.referenceTime(for: snapshot))); inactive means no activity for more than \(policy.staleDays) days by `last_active_at` (never active counts as inactive); at most \(policy.maxAdmins) admins per organization\(accessPathPolicy(policy, snapshot))")
        out.line("- Admin: a member whose role holds `org:sys_memberships:manage` or `org:sys_profile:delete`")
        // Scope (review --org, --split, --min-severity, --rules): what this report covers.
        out.line("- \(scope.countsLine(index, findingCount: findings.count))")
        for line in scope.headerLines(index, escape: e, code: code) { out.line("- \(line)") }
        out.line()

        // Issue 14: the figures the HTML report draws, as tables.
        for line in ReviewOverviewMarkdown.lines(ReviewFigures(index, policy: policy, findings: findings, scope: scope)) { out.line(line) }

        out.line("## Summary")
        out.line()
        out.line("| Organization | Members | Admins | Findings |")
        out.line("|---|---:|---:|---:|")
        let counts = FindingCounts(findings)
        for organization in scope.organizations(in: index) {
            let members = index.memberships(of: organization.id)
            out.line("| \(e(organization.displayName)) | \(members.count) | \(members.adminCount) | \(counts.byOrganization[organization.id] ?? 0) |")
        }
        out.line()

        findingsSection(findings, counts: counts, listed: listed, out: &out)

        out.line("## Organizations")
        // Each organization's section reads only the index: made on every core, written in order, a few
        // at a time (a section lists every member: tens of kilobytes).
        let organizations = scope.organizations(in: index)
        out.writeInOrder(count: organizations.count, itemsPerBatch: 4) { positions, out in
            for organization in organizations[positions] {
                let e = MarkdownText.escape
                func code(_ text: String) -> String { MarkdownText.code(text) }
                let memberships = index.memberships(of: organization.id)
                let admins = memberships.adminCount
                out.line()
                out.line("### \(e(organization.displayName))")
                out.line()
                out.line("\(code(organization.clerkID)), slug \(code(organization.string("slug") ?? "")): \(Plural.count(memberships.count, "member")), \(Plural.count(admins, "admin"))")
                out.line()
                if memberships.isEmpty {
                    out.line("No members.")
                } else {
                    memberTable(memberships, index: index, out: &out)
                }
                accessPathTable(index.accessPathsByOrganization[organization.id] ?? [], index: index, out: &out)
            }
        }
        out.finish()
    }

    /// Counts per severity and rule first, then each rule's findings, most memberships first, with the
    /// reason the rule matters; at most `listed` of each when given.
    private static func findingsSection(_ findings: FindingList, counts: FindingCounts, listed: Int?, out: inout ChunkedOutput) {
        let e = MarkdownText.escape
        func code(_ text: String) -> String { MarkdownText.code(text) }
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("## Findings (\(findings.count))")
        out.line()
        guard !findings.isEmpty else {
            out.line("No findings.")
            out.line()
            return
        }
        let severities = FindingSeverity.allCases.map { "\(counts.bySeverity[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        out.line("By severity: \(severities).")
        out.line()
        out.line("| Severity | Rule | Findings | Memberships |")
        out.line("|---|---|---:|---:|")
        for rule in counts.rulesFound {
            out.line("| \(rule.severity.rawValue) | \(cellCode(rule.rawValue)) \(e(rule.title)) | \(counts.byRule[rule] ?? 0) | \(counts.grantsByRule[rule] ?? 0) |")
        }
        var start = 0
        for rule in counts.rulesFound {
            let total = counts.byRule[rule] ?? 0
            let shown = findings[start..<(start + min(total, listed ?? total))]
            start += total
            out.line()
            out.line("### \(code(rule.rawValue)) (\(rule.severity.rawValue)): \(e(rule.title))")
            out.line()
            out.line(e(rule.whyItMatters))
            out.line()
            out.line("Controls: \(e(ComplianceControl.label(rule.controls))).")
            out.line()
            out.line("| # | Subject | Organization | Memberships | Detail |")
            out.line("|---:|---|---|---|---|")
            for (number, finding) in shown.enumerated() {
                let subject = "\(e(finding.subjectName)) (\(cellCode(Resource.clerkID(of: finding.subject))))"
                let grants = finding.grants.map { grant in
                    "\(e(grant.organizationName)) as \(cellCode(grant.roleKey ?? "no role"))\(grant.isAdmin ? " (admin)" : ""), \(cellCode(grant.membershipID))"
                }.joined(separator: "; ")
                out.line("| \(number + 1) | \(subject) | \(e(finding.organizationLabel)) | \(grants) | \(e(finding.detail)) |")
            }
            if shown.count < total {
                out.line()
                out.line("The first \(shown.count) of \(total) are listed; every finding of an organization is in its own review (`--org`, `--split`), and all of them in `--format json`.")
            }
        }
        out.line()
    }

    private static func memberTable(_ memberships: MembershipList, index: AccessIndex, out: inout ChunkedOutput) {
        let e = MarkdownText.escape
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("| Member | Email | Role | Admin | 2FA | Last active | Permissions | Membership | Granted |")
        out.line("|---|---|---|---|---|---|---|---|---|")
        for membership in memberships {
            let user = index.user(of: membership)
            let name = "\(e(index.userName(of: membership))) (\(cellCode(Resource.clerkID(of: membership.user))))"
            let email = user?.primaryEmail.map(e) ?? "(none)"
            let role = RoleLabel.markdown(membership, index: index)
            let permissions = membership.role == nil
                ? "unknown (role not resolved)" : membership.permissionKeys.map(cellCode).joined(separator: " ")
            let twoFactor = user?.twoFactorEnabled == true ? "on" : "**off**"
            let lastActive = user?.lastActiveAt.map { e(String($0.prefix(10))) } ?? "never"
            let granted = membership.grantedAt.map { e(String($0.prefix(10))) } ?? ""
            out.line("| \(name) | \(email) | \(role) | \(membership.isAdmin ? "**admin**" : "") | \(twoFactor) | \(lastActive) | \(permissions.isEmpty ? "(none)" : permissions) | \(cellCode(membership.id)) | \(granted) |")
        }
    }

    /// Snapshot 1.1: who could join the organization, and as what. Nothing is written when there are no
    /// paths, so a 1.0 report reads as before.
    private static func accessPathTable(_ paths: [AccessPath], index: AccessIndex, out: inout ChunkedOutput) {
        guard !paths.isEmpty else { return }
        let e = MarkdownText.escape
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line()
        out.line("Could join (\(Plural.count(paths.count, "access path"))):")
        out.line()
        out.line("| Kind | Who | Role | Admin | Status | Path |")
        out.line("|---|---|---|---|---|---|")
        for path in paths {
            let candidate = PathCandidate(path, index: index)
            let who = cellCode(path.principal) + (candidate.matchingUserName.map { " (\(e($0)))" } ?? "")
            out.line("| \(e(path.kind.rawValue)) | \(who) | \(cellCode(candidate.roleKey ?? "membership only")) | \(candidate.leadsToAdmin ? "**admin**" : "") | \(e(path.status)) | \(cellCode(path.id)) |")
        }
    }

    /// The 1.1 thresholds, said only for a 1.1 snapshot (a 1.0 report reads as it always did). No snapshot
    /// text: numbers only, so it needs no escaping in either format.
    static func accessPathPolicy(_ policy: ReviewPolicy, _ snapshot: IndexedSnapshot) -> String {
        guard snapshot.layout.hasAccessPaths else { return "" }
        return "; an invitation pending more than \(policy.staleInvitationDays) days is stale; a machine may call at most \(policy.maxMachineScopes) machines"
    }
}
