import ClerkModel
import SnapshotFormat

/// Runs every `FindingRule` over an indexed snapshot. User rules give one finding per user and rule, listing
/// each membership it applies to (`Finding.grants`): the places where the access can be removed.
///
/// The rules are stated once, per kind of subject, and report to a `FindingSink`: finding them all keeps
/// only what each finding is about (`FindingList`), and reading a finding runs its subject's rules again
/// to word it, so a hundred thousand findings never hold their text at once.
public enum FindingsEngine {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// What the rules read besides the index: the policy and the times they measure from, worked out once.
    struct Context: Sendable {
        let index: AccessIndex
        let policy: ReviewPolicy
        /// "Now" for user rules: `--as-of` or the snapshot's generated_at.
        let asOfMilliseconds: Int64
        let asOfDay: String
        /// Stale invitations are measured from the snapshot's own time: how long one had been pending when read.
        let generatedMilliseconds: Int64
        let generatedDay: String

        init(_ index: AccessIndex, policy: ReviewPolicy) {
            self.index = index
            self.policy = policy
            let asOf = policy.referenceTime(for: index.snapshot)
            asOfMilliseconds = Timestamp.milliseconds(rfc3339: asOf) ?? 0
            asOfDay = String(asOf.prefix(10))
            generatedMilliseconds = Timestamp.milliseconds(rfc3339: index.snapshot.generatedAt) ?? 0
            generatedDay = String(index.snapshot.generatedAt.prefix(10))
        }
    }

    /// Every finding of the snapshot, in report order (see `FindingList`).
    public static func findings(_ index: AccessIndex, policy: ReviewPolicy) -> FindingList {
        let context = Context(index, policy: policy)
        var collector = FindingList.Collector(context)
        do {
            // Each user's rules read only that user: two halves, one a core, joined in order.
            let halves = [0..<index.users.count / 2, index.users.count / 2..<index.users.count]
            let lists = ParallelParts.make(halves.count) { half in
                var collector = FindingList.Collector(context)
                for position in halves[half] { userRules(position, context, into: &collector) }
                return collector.list
            }
            collector.reserveCapacity(entries: lists.reduce(0) { $0 + $1.count }, grants: lists.reduce(0) { $0 + $1.grantRows.count })
            for list in lists { collector.append(list) }
        }
        for position in index.organizations.indices { organizationRules(position, context, into: &collector) }
        let diagnosticRows = membershipRows(for: index.snapshot.diagnostics, index)
        diagnosticRules(.unresolvedRoleKey, rows: diagnosticRows, context, into: &collector)
        for position in index.accessPaths.indices { accessPathRules(position, context, into: &collector) }
        // The same diagnostic names access paths leading outside a role set too; those are not memberships.
        diagnosticRules(.roleOutsideRoleSet, rows: diagnosticRows, context, into: &collector)
        for position in index.users.indices { sessionRules(position, context, into: &collector) }
        for position in index.machines.indices { machineRules(position, context, into: &collector) }
        return collector.finish()
    }

    /// The text `rule` gives `subject`: its subject's rules run again, keeping that rule's words.
    /// `rows` are the memberships the finding concerns (a diagnostic's own, when the snapshot holds it).
    static func detail(_ rule: FindingRule, _ subject: FindingSubject, rows: ArraySlice<Int32>, _ context: Context) -> String {
        var sink = FindingDetail(rule: rule)
        switch subject {
        case .user(let position) where rule == .activeSessionBlockedUser: sessionRules(Int(position), context, into: &sink)
        case .user(let position): userRules(Int(position), context, into: &sink)
        case .organization(let position): organizationRules(Int(position), context, into: &sink)
        case .diagnostic(let position): diagnosticRule(Int(position), row: rows.first.map(Int.init), context, into: &sink)
        case .accessPath(let position): accessPathRules(Int(position), context, into: &sink)
        case .machine(let position): machineRules(Int(position), context, into: &sink)
        }
        guard let text = sink.text else { preconditionFailure("rule \(rule.rawValue) no longer applies to its subject") }
        return text
    }

    // MARK: - The rules, per subject

    /// A user's memberships: one finding per rule that applies, listing the memberships it concerns.
    static func userRules(_ position: Int, _ context: Context, into sink: inout some FindingSink) {
        let index = context.index
        let rows = index.membershipRows(ofUserAt: position)
        guard !rows.isEmpty else { return }
        let user = index.users[position]
        let subject = FindingSubject.user(Int32(position))
        func add(_ rule: FindingRule, _ concerned: some Collection<Int32>, _ detail: () -> String) {
            sink.add(rule, subject, rows: concerned, organization: nil, detail: detail)
        }
        let holds = { Plural.count(rows.count, "membership") }
        if user.banned == true { add(.bannedMemberWithGrants, rows) { "banned, yet still holds \(holds())" } }
        if user.locked == true { add(.lockedMemberWithGrants, rows) { "locked out, yet still holds \(holds())" } }
        let adminRows = rows.lazy.filter { index.isAdmin(row: $0) }
        if !adminRows.isEmpty {
            let admin = { "admin of \(Plural.count(adminRows.count, "organization"))" }
            if user.twoFactorEnabled != true {
                add(.adminWithoutTwoFactor, adminRows) { "\(admin()) with two-factor authentication off" }
            }
            if let email = user.primaryEmail {
                if user.emailVerified != true {
                    add(.adminWithoutVerifiedEmail, adminRows) { "\(admin()); primary email \(email) is not verified" }
                }
            } else {
                add(.adminWithoutVerifiedEmail, adminRows) { "\(admin()) with no primary email at all" }
            }
        }
        // A null last_active_at means Clerk never saw the user active: that counts as stale, never as fresh.
        let policy = context.policy
        if let lastMilliseconds = user.lastActiveMilliseconds {
            let days = (context.asOfMilliseconds - lastMilliseconds) / millisecondsPerDay
            if days > Int64(policy.staleDays) {
                add(.staleGrantHolder, rows) {
                    "last active \(user.lastActiveAt!.prefix(10)), \(days) days before \(context.asOfDay) (limit \(policy.staleDays)); still holds \(holds())"
                }
            }
        } else if user.inUserList == false {
            // Known only through a membership: Clerk's user list did not return it, so there is no activity to show.
            add(.staleGrantHolder, rows) { "not in the user list, so no activity is known (counted as never active); still holds \(holds())" }
        } else {
            add(.staleGrantHolder, rows) { "never active (last_active_at is null); still holds \(holds())" }
        }
    }

    /// An organization's admins: none, or more than the policy allows.
    static func organizationRules(_ position: Int, _ context: Context, into sink: inout some FindingSink) {
        let index = context.index
        let organization = index.organizations[position]
        let memberships = index.memberships(of: organization.id)
        let admins = memberships.adminCount
        func add(_ rule: FindingRule, _ detail: () -> String) {
            sink.add(rule, .organization(Int32(position)), rows: EmptyCollection(), organization: organization.id, detail: detail)
        }
        if admins == 0 {
            add(.organizationWithoutAdmin) { "\(memberships.count) member(s); none holds org:sys_memberships:manage or org:sys_profile:delete" }
        } else if admins > context.policy.maxAdmins {
            add(.organizationWithTooManyAdmins) {
                let names = index.admins(of: organization.id).map { index.displayName($0.user) }.joined(separator: ", ")
                return "\(admins) admins (\(names)); the limit is \(context.policy.maxAdmins)"
            }
        }
    }

    /// The rule of each kind of diagnostic about a membership.
    static func rule(for code: DiagnosticCode) -> FindingRule? {
        switch code {
        case .unresolvedRoleKey: return .unresolvedRoleKey
        case .roleOutsideRoleSet: return .membershipOutsideRoleSet
        default: return nil
        }
    }

    /// One finding per diagnostic of `code` about a membership (`membership:<id>`); `rows` are the
    /// memberships' rows by id (`membershipRows(for:)`).
    static func diagnosticRules(
        _ code: DiagnosticCode, rows: [String: Int], _ context: Context, into sink: inout some FindingSink
    ) {
        for (position, diagnostic) in context.index.snapshot.diagnostics.enumerated() where diagnostic.code == code {
            diagnosticRule(position, row: membershipID(of: diagnostic).flatMap { rows[$0] }, context, into: &sink)
        }
    }

    /// The Clerk id of the membership a diagnostic with a rule is about (`membership:<id>`); nil for any
    /// other diagnostic.
    static func membershipID(of diagnostic: Diagnostic) -> String? {
        guard rule(for: diagnostic.code) != nil, diagnostic.subject.hasPrefix("membership:") else { return nil }
        return Resource.clerkID(of: diagnostic.subject)
    }

    /// The rows of the memberships the diagnostics with a rule name, by Clerk id, looked up at once.
    static func membershipRows(for diagnostics: [Diagnostic], _ index: AccessIndex) -> [String: Int] {
        index.membershipRows(ids: Set(diagnostics.compactMap(membershipID(of:))))
    }

    /// The finding of the diagnostic at `position`, with the membership's user, organization and role key
    /// (the membership at `row`, nil when the snapshot holds none with its id); none for a diagnostic that
    /// is not about a membership or has no rule.
    static func diagnosticRule(_ position: Int, row: Int?, _ context: Context, into sink: inout some FindingSink) {
        let index = context.index
        let diagnostic = index.snapshot.diagnostics[position]
        guard let rule = rule(for: diagnostic.code), membershipID(of: diagnostic) != nil else { return }
        let rows = row.map { [Int32($0)] } ?? []
        sink.add(rule, .diagnostic(Int32(position)), rows: rows, organization: nil) {
            let membership = row.map { index.membership(row: $0) }
            let key = membership?.roleKey.map { "'\($0)'" } ?? "(unknown)"
            let organization = membership.map { index.organizationName(of: $0) } ?? "the organization"
            switch rule {
            case .unresolvedRoleKey:
                return "role key \(key) matches no role in the snapshot; the member's permissions in \(organization) are unknown"
            default:
                return "holds role \(key) in \(organization), which the organization's role set does not offer"
            }
        }
    }

    /// The snapshot 1.1 rules about an access path: pending and stale invitations, enrollment into admin
    /// roles or through unverified domains. A 1.0 snapshot has no paths, so none of these fire on it.
    static func accessPathRules(_ position: Int, _ context: Context, into sink: inout some FindingSink) {
        let index = context.index
        let path = index.accessPaths[position]
        let organizationName = { index.displayName(path.organization) }
        let roleKey = { index.roleKey(of: path) ?? "membership only (role not resolved)" }
        let who = principalName(path.principal)
        func add(_ rule: FindingRule, _ detail: () -> String) {
            sink.add(rule, .accessPath(Int32(position)), rows: EmptyCollection(), organization: path.organization, detail: detail)
        }
        switch path.kind {
        case .invitation:
            let created = path.source["created_at"]?.stringValue
            if index.leadsToAdmin(path) {
                add(.pendingAdminInvitation) {
                    "\(who) is invited to \(organizationName()) as \(roleKey()), an admin role; pending since \(created.map { String($0.prefix(10)) } ?? "an unknown date")"
                }
            }
            if let created, let createdMilliseconds = Timestamp.milliseconds(rfc3339: created) {
                let days = (context.generatedMilliseconds - createdMilliseconds) / millisecondsPerDay
                let limit = context.policy.staleInvitationDays
                if days > Int64(limit) {
                    add(.staleInvitation) {
                        "invited to \(organizationName()) as \(roleKey()) on \(created.prefix(10)), \(days) days before \(context.generatedDay) (limit \(limit)); still pending"
                    }
                }
            }
        case .domainEnrollment, .enterpriseSSO:
            let how = path.kind == .domainEnrollment
                ? "\(path.source["enrollment_mode"]?.stringValue ?? "automatic") enrollment for \(who)"
                : "enterprise SSO connection \(path.source["name"]?.stringValue ?? who)"
            if index.leadsToAdmin(path) {
                add(.enrollmentAdminRole) { "\(how) into \(organizationName()) gives \(roleKey()), an admin role" }
            }
            if path.kind == .domainEnrollment, path.status != "verified" {
                add(.enrollmentUnverifiedDomain) { "\(how) into \(organizationName()) as \(roleKey()), but the domain is \(path.status)" }
            }
        }
    }

    /// A banned or locked user who still holds active sessions (only users in an `export --sessions`
    /// scope carry `active_sessions`).
    static func sessionRules(_ position: Int, _ context: Context, into sink: inout some FindingSink) {
        let user = context.index.users[position]
        guard let count = user.activeSessions, count > 0, user.banned == true || user.locked == true else { return }
        sink.add(.activeSessionBlockedUser, .user(Int32(position)), rows: EmptyCollection(), organization: nil) {
            let state = user.banned == true ? "banned" : "locked out"
            let last = user.activeSessionsLastActiveAt.map { ", last active \($0.prefix(10))" } ?? ""
            return "\(state), yet holds \(Plural.count(Int(count), "active session"))\(last)"
        }
    }

    /// A machine that can call more machines than the policy allows.
    static func machineRules(_ position: Int, _ context: Context, into sink: inout some FindingSink) {
        let machine = context.index.machines[position]
        let scopes = context.index.scopesByMachine[machine.id] ?? []
        let limit = context.policy.maxMachineScopes
        guard scopes.count > limit else { return }
        sink.add(.machineTooManyScopes, .machine(Int32(position)), rows: EmptyCollection(), organization: nil) {
            "can call \(Plural.count(scopes.count, "machine")); the limit is \(limit)"
        }
    }

    /// `email:ann@example.com` -> `ann@example.com`; `email_domain:example.com` -> `@example.com`; others as given.
    static func principalName(_ principal: String) -> String {
        if principal.hasPrefix("email:") { return String(principal.dropFirst("email:".count)) }
        if principal.hasPrefix("email_domain:") { return "@" + principal.dropFirst("email_domain:".count) }
        return principal
    }
}

/// The sink that words one finding again: it keeps the detail of the one rule it is asked for.
private struct FindingDetail: FindingSink {
    let rule: FindingRule
    var text: String?

    init(rule: FindingRule) { self.rule = rule }

    mutating func add(
        _ rule: FindingRule, _ subject: FindingSubject, rows: some Collection<Int32>, organization: String?, detail: () -> String
    ) {
        if rule == self.rule, text == nil { text = detail() }
    }
}
