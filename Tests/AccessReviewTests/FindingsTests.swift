import AccessReview
import ClerkModel
import GrantGraph
import Testing

@Suite("Findings rules")
struct FindingsTests {
    let index: AccessIndex

    init() throws { index = try DemoSnapshot.index() }

    func findings(_ policy: ReviewPolicy = ReviewPolicy()) -> FindingList { FindingsEngine.findings(index, policy: policy) }

    func subjects(_ rule: FindingRule, _ policy: ReviewPolicy = ReviewPolicy()) -> [String] {
        findings(policy).filter { $0.rule == rule }.map { "\($0.subject)@\($0.organizationName ?? "-")" }
    }

    /// Every rule fires on the demo tenant, except three its data does not call for: its domains enrol as
    /// org:member, its machines call at most two others (a lower limit makes that rule fire too), and its
    /// snapshot was exported without `--sessions` (`SessionAttributeTests`, `AccessPathReviewTests`).
    @Test func demoTenantTriggersEveryRule() {
        let rules = Set(findings().map(\.rule))
        #expect(rules == Set(FindingRule.allCases).subtracting([.enrollmentAdminRole, .machineTooManyScopes, .activeSessionBlockedUser]))
        #expect(subjects(.machineTooManyScopes, ReviewPolicy(maxMachineScopes: 1)) == ["machine:mch_2MxApiGateway00000000000000@-"])
        #expect(subjects(.machineTooManyScopes, ReviewPolicy(maxMachineScopes: 2)).isEmpty)
    }

    /// The snapshot 1.1 rules on the demo tenant, subject by subject.
    @Test func accessPathRulesOnTheDemoTenant() {
        #expect(subjects(.pendingAdminInvitation) == ["invitation:orginv_2IxGlobexOpsLead00000000000@Globex"])
        #expect(subjects(.staleInvitation) == ["invitation:orginv_2IxInitechContractor0000000@Initech"])
        #expect(subjects(.staleInvitation, ReviewPolicy(staleInvitationDays: 365)).isEmpty)
        #expect(subjects(.enrollmentUnverifiedDomain) == ["organization_domain:orgdmn_2DxAcmeAuto0000000000000000@Acme Corp"])
        #expect(subjects(.membershipOutsideRoleSet) == ["membership:orgmem_2MxUmbrellaNiaj000000000000@Umbrella Research"])
    }

    /// `role_outside_role_set` also names access paths; only the memberships among its subjects are
    /// membership findings.
    @Test func aPathOutsideItsRoleSetIsNoMembershipFinding() throws {
        var snapshot = try DemoSnapshot.load()
        snapshot.graph.diagnostics.append(
            Diagnostic(
                code: .roleOutsideRoleSet, severity: .warning, message: "leads outside its role set",
                subject: "invitation:orginv_2IxGlobexOpsLead00000000000"))
        let findings = FindingsEngine.findings(AccessIndex(snapshot), policy: ReviewPolicy())
        #expect(findings.filter { $0.rule == .membershipOutsideRoleSet }.map(\.subject) == ["membership:orgmem_2MxUmbrellaNiaj000000000000"])
    }

    @Test func bannedAndLockedMembers() {
        #expect(subjects(.bannedMemberWithGrants) == ["user:user_2NxErinEvans000000000000000@Globex"])
        #expect(subjects(.lockedMemberWithGrants) == ["user:user_2NxFrankFoster0000000000000@Globex"])
    }

    @Test func adminsWithoutTwoFactorOrVerifiedEmail() {
        #expect(subjects(.adminWithoutTwoFactor) == ["user:user_2NxBobBaker0000000000000000@Acme Corp"])
        #expect(subjects(.adminWithoutVerifiedEmail) == ["user:user_2NxDaveDiaz0000000000000000@Acme Corp"])
    }

    @Test func staleHoldersCountNeverActiveAsStale() {
        let stale = Set(subjects(.staleGrantHolder))
        #expect(stale == [
            "user:user_2NxIvanIto00000000000000000@Acme Corp", "user:user_2NxErinEvans000000000000000@Globex",
            "user:user_2NxFormerContractor00000000@Initech", "user:user_2NxHeidiHughes0000000000000@-",
        ])
        // A long window clears everyone with a date, but never the users Clerk never saw active.
        let lenient = Set(subjects(.staleGrantHolder, ReviewPolicy(staleDays: 1000)))
        #expect(lenient == ["user:user_2NxIvanIto00000000000000000@Acme Corp", "user:user_2NxFormerContractor00000000@Initech"])
        let ivan = findings().first { $0.subject == "user:user_2NxIvanIto00000000000000000" && $0.rule == .staleGrantHolder }
        #expect(ivan?.detail.contains("never active") == true)
    }

    /// One finding per user and rule: Heidi is stale in two organizations, so one finding lists both
    /// memberships, and each organization's review shows it with its own membership only.
    @Test func aUsersFindingListsEveryMembershipItConcerns() throws {
        let heidi = try #require(findings().first { $0.subject == "user:user_2NxHeidiHughes0000000000000" && $0.rule == .staleGrantHolder })
        #expect(heidi.organization == nil && heidi.organizationLabel == "2 organizations")
        #expect(heidi.grants.map(\.organizationName) == ["Initech", "Umbrella Research"])
        #expect(heidi.organizations == ["organization:org_2QxInitech00000000000000000", "organization:org_2QxUmbrellaResearch00000000"])
        #expect(heidi.detail.hasSuffix("still holds 2 memberships"))
        let umbrella = try #require(
            findings().restricted(to: ["organization:org_2QxUmbrellaResearch00000000"]).first { $0.subject == heidi.subject && $0.rule == .staleGrantHolder })
        #expect(umbrella.grants.map(\.organizationName) == ["Umbrella Research"] && umbrella.organizationName == "Umbrella Research")
        #expect(umbrella.detail == heidi.detail)
        // Counted once per rule, with the memberships it concerns counted apart.
        let counts = FindingCounts(findings())
        #expect(counts.byRule[.staleGrantHolder] == 4 && counts.grantsByRule[.staleGrantHolder] == 5)
        #expect(counts.byOrganization["organization:org_2QxInitech00000000000000000"] == findings().filter { $0.organizations.contains("organization:org_2QxInitech00000000000000000") }.count)
    }

    @Test func staleWindowIsMeasuredFromTheSnapshotOrAsOf() {
        // Erin was last active 2026-08-04: 108 days before generated_at, 87 days before 2026-10-30.
        #expect(subjects(.staleGrantHolder).contains("user:user_2NxErinEvans000000000000000@Globex"))
        let earlier = ReviewPolicy(asOf: "2026-10-30T00:00:00Z")
        #expect(!subjects(.staleGrantHolder, earlier).contains("user:user_2NxErinEvans000000000000000@Globex"))
    }

    @Test func organizationsWithoutOrWithTooManyAdmins() {
        #expect(subjects(.organizationWithoutAdmin) == ["organization:org_2QxUmbrellaResearch00000000@Umbrella Research"])
        #expect(subjects(.organizationWithTooManyAdmins) == ["organization:org_2QxAcmeCorp0000000000000000@Acme Corp"])
        #expect(subjects(.organizationWithTooManyAdmins, ReviewPolicy(maxAdmins: 4)).isEmpty)
        #expect(subjects(.organizationWithTooManyAdmins, ReviewPolicy(maxAdmins: 0)).count == 3)
    }

    @Test func unresolvedRoleKeysComeFromDiagnostics() {
        let unresolved = findings().filter { $0.rule == .unresolvedRoleKey }
        #expect(unresolved.flatMap { $0.grants.map(\.membershipID) } == ["orgmem_2MxGlobexNiaj00000000000000", "orgmem_2MxUmbrellaHeidi00000000000"])
        #expect(unresolved.map(\.organizationName) == ["Globex", "Umbrella Research"])
    }

    /// The one rule that reports a diagnostic keeps the diagnostic's name, so a reader can join the two.
    @Test func theUnresolvedRoleRuleIsNamedAfterItsDiagnostic() {
        #expect(FindingRule.unresolvedRoleKey.rawValue == DiagnosticCode.unresolvedRoleKey.rawValue)
    }

    @Test func findingsAreOrderedBySeverityAndExplained() {
        let all = findings()
        #expect(all.count == 16)
        #expect(all.map(\.severity) == all.map(\.severity).sorted())
        #expect(all.allSatisfy { !$0.rule.whyItMatters.isEmpty && !$0.detail.isEmpty })
    }
}
