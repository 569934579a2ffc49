import OutputEscaping
import SnapshotFormat

/// `review` (default format): a Markdown access review. Findings first, because they are what needs
/// action; then one section per organization listing every member, admins first, with the role and the
/// permissions it implies. Written in chunks as it goes.
public enum MarkdownReport {
    public static func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: [Finding],
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        let e = MarkdownText.escape
        func code(_ text: String) -> String { MarkdownText.code(text) }
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        let snapshot = index.snapshot
        out.line("# Access review: \(e(snapshot.source.instance))")
        out.line()
        out.line("- Snapshot: generated \(e(snapshot.generatedAt)), \(snapshot.complete ? "complete" : "**INCOMPLETE** (some collections were not read to the end; absent access may be missing)"), digest \(code(snapshot.digest))")
        out.line("- Reviewed as of \(e(policy.referenceTime(for: snapshot))); inactive means no activity for more than \(policy.staleDays) days by `last_active_at` (never active counts as inactive); at most \(policy.maxAdmins) admins per organization\(accessPathPolicy(policy, snapshot))")
        out.line("- Admin: a member whose role holds `org:sys_memberships:manage` or `org:sys_profile:delete`")
        out.line("- \(index.users.count) users, \(index.organizations.count) organizations, \(index.memberships.count) memberships, \(findings.count) findings")
        out.line()

        // Issue 14: the figures the HTML report draws, as tables.
        for line in ReviewOverviewMarkdown.lines(ReviewFigures(index, policy: policy, findings: findings)) { out.line(line) }

        out.line("## Summary")
        out.line()
        out.line("| Organization | Members | Admins | Findings |")
        out.line("|---|---:|---:|---:|")
        var findingsPerOrganization: [String: Int] = [:]
        for finding in findings { if let organization = finding.organization { findingsPerOrganization[organization, default: 0] += 1 } }
        for organization in index.organizations {
            let members = index.membershipsByOrganization[organization.id]?.count ?? 0
            out.line("| \(e(organization.displayName)) | \(members) | \(index.admins(of: organization.id).count) | \(findingsPerOrganization[organization.id] ?? 0) |")
        }
        out.line()

        out.line("## Findings (\(findings.count))")
        out.line()
        if findings.isEmpty {
            out.line("No findings.")
        } else {
            out.line("| # | Severity | Rule | Subject | Organization | Detail |")
            out.line("|---:|---|---|---|---|---|")
            for (number, finding) in findings.enumerated() {
                let subject = "\(e(finding.subjectName)) (\(cellCode(AccessIndex.clerkID(finding.subject))))"
                out.line("| \(number + 1) | \(finding.severity.rawValue) | \(cellCode(finding.rule.rawValue)) | \(subject) | \(e(finding.organizationName ?? "")) | \(e(finding.detail)) |")
            }
            out.line()
            out.line("### Why these matter")
            out.line()
            for rule in FindingRule.allCases where findings.contains(where: { $0.rule == rule }) {
                out.line("- \(code(rule.rawValue)) (\(rule.severity.rawValue)), \(e(rule.title)): \(e(rule.whyItMatters))")
            }
        }
        out.line()

        out.line("## Organizations")
        for organization in index.organizations {
            let memberships = index.membershipsByOrganization[organization.id] ?? []
            let admins = memberships.filter(\.isAdmin).count
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
        out.finish()
    }

    private static func memberTable(_ memberships: [Membership], index: AccessIndex, out: inout ChunkedOutput) {
        let e = MarkdownText.escape
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("| Member | Email | Role | Admin | 2FA | Last active | Permissions | Membership | Granted |")
        out.line("|---|---|---|---|---|---|---|---|---|")
        for membership in memberships {
            let user = index.resources[membership.user]
            let name = "\(e(index.displayName(membership.user))) (\(cellCode(AccessIndex.clerkID(membership.user))))"
            let email = user?.string("primary_email").map(e) ?? "(none)"
            let role = RoleLabel.markdown(membership, index: index)
            let permissions = membership.role == nil
                ? "unknown (role not resolved)" : membership.permissionKeys.map(cellCode).joined(separator: " ")
            let twoFactor = user?.bool("two_factor_enabled") == true ? "on" : "**off**"
            let lastActive = user?.string("last_active_at").map { e(String($0.prefix(10))) } ?? "never"
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
    static func accessPathPolicy(_ policy: ReviewPolicy, _ snapshot: Snapshot) -> String {
        guard snapshot.layout.hasAccessPaths else { return "" }
        return "; an invitation pending more than \(policy.staleInvitationDays) days is stale; a machine may call at most \(policy.maxMachineScopes) machines"
    }
}
