import ClerkModel
import SnapshotFormat

/// Runs every `FindingRule` over an indexed snapshot. User rules give one finding per user and rule, listing
/// each membership it applies to (`Finding.grants`): the places where the access can be removed.
public enum FindingsEngine {
    static let millisecondsPerDay: Int64 = 86_400_000

    public static func findings(_ index: AccessIndex, policy: ReviewPolicy) -> [Finding] {
        var findings: [Finding] = []
        let asOf = policy.referenceTime(for: index.snapshot)
        let asOfMilliseconds = Timestamp.milliseconds(rfc3339: asOf) ?? 0
        let asOfDay = String(asOf.prefix(10))

        // User rules: one finding per user and rule, listing the memberships it applies to.
        for user in index.users {
            // Read once: a user's facts make their Strings from the snapshot's bytes on each read.
            let (userID, userName) = (user.id, user.displayName)
            let memberships = index.memberships(ofUser: userID)
            guard !memberships.isEmpty else { continue }
            func add(_ rule: FindingRule, _ detail: String, _ concerned: [Membership]) {
                guard !concerned.isEmpty else { return }
                let grants = concerned.map { FindingGrant($0, index: index) }
                let organizations = Set(grants.map(\.organization))
                let single = organizations.count == 1 ? grants[0] : nil
                findings.append(
                    Finding(
                        rule: rule, subject: userID, subjectName: userName, organization: single?.organization,
                        organizationName: single?.organizationName, grants: grants, detail: detail))
            }
            let holds = Plural.count(memberships.count, "membership")
            if user.banned == true { add(.bannedMemberWithGrants, "banned, yet still holds \(holds)", memberships) }
            if user.locked == true { add(.lockedMemberWithGrants, "locked out, yet still holds \(holds)", memberships) }
            let adminships = memberships.filter(\.isAdmin)
            if user.twoFactorEnabled != true {
                add(.adminWithoutTwoFactor, "admin of \(Plural.count(adminships.count, "organization")) with two-factor authentication off", adminships)
            }
            if let email = user.primaryEmail {
                if user.emailVerified != true {
                    add(.adminWithoutVerifiedEmail, "admin of \(Plural.count(adminships.count, "organization")); primary email \(email) is not verified", adminships)
                }
            } else {
                add(.adminWithoutVerifiedEmail, "admin of \(Plural.count(adminships.count, "organization")) with no primary email at all", adminships)
            }
            // A null last_active_at means Clerk never saw the user active: that counts as stale, never as fresh.
            if let lastActive = user.lastActiveAt, let lastMilliseconds = Timestamp.milliseconds(rfc3339: lastActive) {
                let days = (asOfMilliseconds - lastMilliseconds) / millisecondsPerDay
                if days > Int64(policy.staleDays) {
                    add(.staleGrantHolder, "last active \(lastActive.prefix(10)), \(days) days before \(asOfDay) (limit \(policy.staleDays)); still holds \(holds)", memberships)
                }
            } else if user.inUserList == false {
                // Known only through a membership: Clerk's user list did not return it, so there is no activity to show.
                add(.staleGrantHolder, "not in the user list, so no activity is known (counted as never active); still holds \(holds)", memberships)
            } else {
                add(.staleGrantHolder, "never active (last_active_at is null); still holds \(holds)", memberships)
            }
        }

        for organization in index.organizations {
            let admins = index.admins(of: organization.id)
            let members = index.memberships(of: organization.id).count
            func add(_ rule: FindingRule, _ detail: String) {
                findings.append(
                    Finding(
                        rule: rule, subject: organization.id, subjectName: organization.displayName,
                        organization: organization.id, organizationName: organization.displayName, detail: detail))
            }
            if admins.isEmpty {
                add(.organizationWithoutAdmin, "\(members) member(s); none holds org:sys_memberships:manage or org:sys_profile:delete")
            } else if admins.count > policy.maxAdmins {
                let names = admins.map { index.displayName($0.user) }.joined(separator: ", ")
                add(.organizationWithTooManyAdmins, "\(admins.count) admins (\(names)); the limit is \(policy.maxAdmins)")
            }
        }

        findings += membershipDiagnosticFindings(index, .unresolvedRoleKey, rule: .unresolvedRoleKey) { key, organization in
            "role key \(key) matches no role in the snapshot; the member's permissions in \(organization) are unknown"
        }
        findings += accessPathFindings(index, policy: policy)
        return Finding.sortedForReport(findings)
    }

    /// The snapshot 1.1 rules: access paths, memberships outside their role set, machine scopes. A 1.0
    /// snapshot has no paths, role-set diagnostics or machines, so none of these fire on it.
    /// One finding per diagnostic of `code` about a membership (`membership:<id>`), with the membership's
    /// user, organization and role key; `detail` words it from the quoted key and the organization's name.
    static func membershipDiagnosticFindings(
        _ index: AccessIndex, _ code: DiagnosticCode, rule: FindingRule, detail: (String, String) -> String
    ) -> [Finding] {
        index.snapshot.diagnostics.filter { $0.code == code && $0.subject.hasPrefix("membership:") }.map { diagnostic in
            let membership = index.membership(id: Resource.clerkID(of: diagnostic.subject))
            let organizationName = membership.map { index.organizationName(of: $0) }
            let key = membership?.roleKey.map { "'\($0)'" } ?? "(unknown)"
            return Finding(
                rule: rule, subject: diagnostic.subject, subjectName: membership.map { index.userName(of: $0) } ?? diagnostic.subject,
                organization: membership?.organization, organizationName: organizationName,
                grants: membership.map { [FindingGrant($0, index: index)] } ?? [], detail: detail(key, organizationName ?? "the organization"))
        }
    }

    static func accessPathFindings(_ index: AccessIndex, policy: ReviewPolicy) -> [Finding] {
        var findings: [Finding] = []
        // Stale is measured from the snapshot's own time: how long the invitation had been pending when read.
        let generatedMilliseconds = Timestamp.milliseconds(rfc3339: index.snapshot.generatedAt) ?? 0
        let generatedDay = String(index.snapshot.generatedAt.prefix(10))
        for path in index.accessPaths {
            let organizationName = index.displayName(path.organization)
            let roleKey = index.roleKey(of: path) ?? "membership only (role not resolved)"
            let who = Self.principalName(path.principal)
            func add(_ rule: FindingRule, _ detail: String) {
                findings.append(
                    Finding(
                        rule: rule, subject: path.id, subjectName: who, organization: path.organization,
                        organizationName: organizationName, detail: detail))
            }
            switch path.kind {
            case .invitation:
                let created = path.source["created_at"]?.stringValue
                if index.leadsToAdmin(path) {
                    add(.pendingAdminInvitation, "\(who) is invited to \(organizationName) as \(roleKey), an admin role; pending since \(created.map { String($0.prefix(10)) } ?? "an unknown date")")
                }
                if let created, let createdMilliseconds = Timestamp.milliseconds(rfc3339: created) {
                    let days = (generatedMilliseconds - createdMilliseconds) / millisecondsPerDay
                    if days > Int64(policy.staleInvitationDays) {
                        add(.staleInvitation, "invited to \(organizationName) as \(roleKey) on \(created.prefix(10)), \(days) days before \(generatedDay) (limit \(policy.staleInvitationDays)); still pending")
                    }
                }
            case .domainEnrollment, .enterpriseSSO:
                let how = path.kind == .domainEnrollment
                    ? "\(path.source["enrollment_mode"]?.stringValue ?? "automatic") enrollment for \(who)"
                    : "enterprise SSO connection \(path.source["name"]?.stringValue ?? who)"
                if index.leadsToAdmin(path) {
                    add(.enrollmentAdminRole, "\(how) into \(organizationName) gives \(roleKey), an admin role")
                }
                if path.kind == .domainEnrollment, path.status != "verified" {
                    add(.enrollmentUnverifiedDomain, "\(how) into \(organizationName) as \(roleKey), but the domain is \(path.status)")
                }
            }
        }

        // The same diagnostic names access paths leading outside a role set too; those are not memberships.
        findings += membershipDiagnosticFindings(index, .roleOutsideRoleSet, rule: .membershipOutsideRoleSet) { key, organization in
            "holds role \(key) in \(organization), which the organization's role set does not offer"
        }

        // Only users in an `export --sessions` scope carry `active_sessions`.
        for user in index.users {
            guard let count = user.activeSessions, count > 0, user.banned == true || user.locked == true
            else { continue }
            let state = user.banned == true ? "banned" : "locked out"
            let last = user.activeSessionsLastActiveAt.map { ", last active \($0.prefix(10))" } ?? ""
            findings.append(
                Finding(
                    rule: .activeSessionBlockedUser, subject: user.id, subjectName: user.displayName, organization: nil,
                    organizationName: nil,
                    detail: "\(state), yet holds \(Plural.count(Int(count), "active session"))\(last)"))
        }
        for machine in index.machines {
            let scopes = index.scopesByMachine[machine.id] ?? []
            guard scopes.count > policy.maxMachineScopes else { continue }
            findings.append(
                Finding(
                    rule: .machineTooManyScopes, subject: machine.id, subjectName: machine.displayName, organization: nil,
                    organizationName: nil,
                    detail: "can call \(Plural.count(scopes.count, "machine")); the limit is \(policy.maxMachineScopes)"))
        }
        return findings
    }

    /// `email:ann@example.com` -> `ann@example.com`; `email_domain:example.com` -> `@example.com`; others as given.
    static func principalName(_ principal: String) -> String {
        if principal.hasPrefix("email:") { return String(principal.dropFirst("email:".count)) }
        if principal.hasPrefix("email_domain:") { return "@" + principal.dropFirst("email_domain:".count) }
        return principal
    }
}
