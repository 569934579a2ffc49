import AccessReview
import CanonicalJSON
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// The snapshot 1.1 side of the reports, on `AccessPathSnapshot`: review rules, who-can and access
/// "could gain", the NDJSON feed's access paths.
@Suite("Snapshot 1.1 reports")
struct AccessPathReviewTests {
    let index = AccessIndex(AccessPathSnapshot.snapshot())

    func findings(_ policy: ReviewPolicy = ReviewPolicy()) -> FindingList { FindingsEngine.findings(index, policy: policy) }

    func lines(_ rule: FindingRule, _ policy: ReviewPolicy = ReviewPolicy()) -> [String] {
        findings(policy).filter { $0.rule == rule }.map { "\($0.subject) | \($0.subjectName) | \($0.detail)" }
    }

    @Test func everyOneOneRuleFiresWithItsFacts() {
        #expect(lines(.pendingAdminInvitation) == [
            "invitation:inv_admin | eve@example.com | eve@example.com is invited to Acme as org:admin, an admin role; pending since 2026-11-18",
        ])
        #expect(lines(.staleInvitation) == [
            "invitation:inv_old | bea@example.com | invited to Acme as org:member on 2026-10-11, 40 days before 2026-11-20 (limit 30); still pending",
        ])
        #expect(lines(.enrollmentAdminRole) == [
            "organization_domain:dom_1 | @acme.example | automatic_invitation enrollment for @acme.example into Acme gives org:admin, an admin role",
        ])
        #expect(lines(.enrollmentUnverifiedDomain) == [
            "organization_domain:dom_1 | @acme.example | automatic_invitation enrollment for @acme.example into Acme as org:admin, but the domain is unverified",
        ])
        #expect(lines(.membershipOutsideRoleSet) == [
            "membership:orgmem_ann | Ann Admin | holds role 'org:admin' in Acme, which the organization's role set does not offer",
        ])
        #expect(lines(.machineTooManyScopes) == ["machine:mch_0 | Machine 0 | can call 11 machines; the limit is 10"])
        #expect(FindingRule.pendingAdminInvitation.severity == .high && FindingRule.enrollmentAdminRole.severity == .high)
        #expect(FindingRule.staleInvitation.severity == .medium && FindingRule.enrollmentUnverifiedDomain.severity == .medium)
        #expect(FindingRule.membershipOutsideRoleSet.severity == .medium && FindingRule.machineTooManyScopes.severity == .low)
    }

    @Test func thresholdsComeFromThePolicy() {
        #expect(lines(.staleInvitation, ReviewPolicy(staleInvitationDays: 40)).isEmpty)
        #expect(lines(.staleInvitation, ReviewPolicy(staleInvitationDays: 39)).count == 1)
        #expect(lines(.staleInvitation, ReviewPolicy(staleInvitationDays: 1)).count == 2)
        #expect(lines(.machineTooManyScopes, ReviewPolicy(maxMachineScopes: 11)).isEmpty)
        #expect(lines(.machineTooManyScopes, ReviewPolicy(maxMachineScopes: 0)) == [
            "machine:mch_0 | Machine 0 | can call 11 machines; the limit is 0",
            "machine:mch_1 | Machine 1 | can call 1 machine; the limit is 0",
        ])
    }

    /// A stale invitation is measured from the snapshot's generated_at, not from --as-of.
    @Test func staleInvitationsIgnoreAsOf() {
        #expect(lines(.staleInvitation, ReviewPolicy(asOf: "2030-01-01T00:00:00Z")).count == 1)
    }

    @Test func theFindingsDocumentOfAOneOneSnapshotCountsEveryRule() throws {
        let policy = ReviewPolicy()
        let document = FindingsDocument.json(index, policy: policy, findings: findings()).objectValue!
        #expect(document["schema_version"] == .string("2.1"))
        let policyObject = try #require(document["policy"]?.objectValue)
        #expect(policyObject["stale_invitation_days"] == .int(30) && policyObject["max_machine_scopes"] == .int(10))
        let byRule = try #require(document["counts"]?.objectValue?["by_rule"]?.objectValue)
        #expect(byRule.sortedMembers.map(\.key).sorted() == FindingRule.allCases.map(\.rawValue).sorted())
        #expect(byRule["machine_too_many_scopes"] == .int(1) && byRule["pending_admin_invitation"] == .int(1))
    }

    @Test func aOneZeroSnapshotsFindingsDocumentKeepsItsShape() throws {
        // The demo as the last 1.0 export wrote it (`schemas/examples`).
        let oneZero = AccessIndex(try #require(IndexedSnapshot(try Data(contentsOf: DemoSnapshotFiles.demoOneZero))))
        let document = FindingsDocument.json(oneZero, policy: ReviewPolicy(), findings: .empty(oneZero)).objectValue!
        #expect(document["schema_version"] == .string("2.0"))
        #expect(document["policy"]?.objectValue?["stale_invitation_days"] == nil)
        let byRule = try #require(document["counts"]?.objectValue?["by_rule"]?.objectValue)
        #expect(byRule["stale_invitation"] == nil && byRule["unresolved_role_key"] == .int(0))
    }

    @Test func everyReviewFormatShowsTheNewFindings() {
        let policy = ReviewPolicy()
        let all = findings()
        // The workbook has a row per membership, so it names only the findings on memberships.
        for format in ReviewFormat.allCases {
            let text = DemoSnapshot.text { format.write(index, policy: policy, findings: all, emit: $0) }
            for rule in FindingRule.accessPathRules where format != .workbook || all.contains(where: { $0.rule == rule && !$0.grants.isEmpty }) {
                #expect(text.contains(rule.rawValue), "\(format) lacks \(rule)")
            }
        }
        let markdown = DemoSnapshot.text { ReviewFormat.markdown.write(index, policy: policy, findings: all, emit: $0) }
        #expect(markdown.contains("; an invitation pending more than 30 days is stale; a machine may call at most 10 machines"))
        #expect(markdown.contains("""
            Could join (4 access paths):

            | Kind | Who | Role | Admin | Status | Path |
            |---|---|---|---|---|---|
            | enterprise\\_sso | `enterprise_connection:ent_1` | `org:member` |  | active | `enterprise_connection:ent_1` |
            | invitation | `email:eve@example.com` | `org:admin` | **admin** | pending | `invitation:inv_admin` |
            | invitation | `email:bea@example.com` (Bea Member) | `org:member` |  | pending | `invitation:inv_old` |
            | domain\\_enrollment | `email_domain:acme.example` | `org:admin` | **admin** | unverified | `organization_domain:dom_1` |
            """))
        let html = DemoSnapshot.text { ReviewFormat.html.write(index, policy: policy, findings: all, emit: $0) }
        #expect(html.contains("<tr class=\"admin\"><td>invitation</td><td><code>email:eve@example.com</code></td><td><code>org:admin</code></td><td><strong>admin</strong></td><td>pending</td><td><code>invitation:inv_admin</code></td></tr>"))
    }

    @Test func whoCanShowsWhoCouldGainAPermission() throws {
        let report = try #require(WhoCanReport(index, permissionKey: "org:sys_memberships:manage"))
        #expect(report.holderCount == 1)
        #expect(report.organizations[0].couldGain.map(\.path.id) == ["invitation:inv_admin", "organization_domain:dom_1"])
        let text = report.text(index)
        #expect(text.hasPrefix("Who can org:sys_memberships:manage: 1 grant(s) to 1 user(s) in 1 organization(s); 2 access path(s) could give it\n"))
        #expect(text.contains("""
              could gain it:
                invitation email:eve@example.com -> org:admin (admin), pending, path invitation:inv_admin
                domain_enrollment email_domain:acme.example -> org:admin (admin), unverified, path organization_domain:dom_1

            """))
        let json = report.json(index).objectValue!
        let couldGain = try #require(json["organizations"]?.arrayValue?.first?.objectValue?["could_gain"]?.arrayValue)
        #expect(couldGain.first == [
            "path": "invitation:inv_admin", "kind": "invitation", "principal": "email:eve@example.com", "status": "pending",
            "organization": "organization:org_acme", "entitlement": "organization:org_acme:role:role_admin",
            "role_key": "org:admin", "admin": true, "matching_user": .null,
        ])
        let read = try #require(WhoCanReport(index, permissionKey: "org:sys_memberships:read"))
        #expect(read.couldGainCount == 4)
    }

    @Test func whoCanAnswersForAMachineAccessEntitlement() throws {
        let report = try #require(WhoCanReport(index, permissionKey: "machine:mch_0:access"))
        #expect(report.entitlement?.grantees.map(\.principal) == ["machine:mch_1"])
        #expect(report.text(index).contains("Machines in this list can call Machine 0.\n\n  Machine 1 machine:mch_1, grant machine:mch_0:access:machine:mch_1\n"))
        let json = report.json(index).objectValue!
        #expect(json["kind"] == .string("access"))
        #expect(json["holders"] == [["principal": "machine:mch_1", "principal_name": "Machine 1", "grant": "machine:mch_0:access:machine:mch_1"]])
        #expect(WhoCanReport(index, permissionKey: "machine:mch_99:access") == nil)
    }

    @Test func accessListsTheInvitationsMatchingTheUser() throws {
        let bea = try #require(index.user(matching: "bea@example.com"))
        let report = UserAccessReport(index, user: bea)
        #expect(report.couldGain.map(\.path.id) == ["invitation:inv_old"])
        #expect(report.text(index).hasSuffix("""

            Could gain (1 access path(s)):
              Acme (org_acme): invitation email:bea@example.com -> org:member, pending, path invitation:inv_old, matches Bea Member user_bea

            """))
        let couldGain = report.json(index).objectValue?["could_gain"]?.arrayValue
        #expect(couldGain?.first?.objectValue?["organization_name"] == .string("Acme"))
        #expect(couldGain?.first?.objectValue?["matching_user"] == .string("user:user_bea"))
        let ann = try #require(index.user(matching: "user_ann"))
        #expect(UserAccessReport(index, user: ann).json(index).objectValue?["could_gain"] == .array([]))
    }

    @Test func theNDJSONFeedCarriesAccessPathsRedactedWhenAsked() throws {
        let plain = DemoSnapshot.text { NDJSONFeed.write(index, expand: false, emit: $0) }
        let records = plain.split(separator: "\n").filter { $0.contains("\"record_type\":\"access_path\"") }
        #expect(records.count == 4)
        #expect(records[0].hasPrefix("{\"entitlement\":\"organization:org_acme:role:role_member\",\"id\":\"enterprise_connection:ent_1\""))
        let redactor = try #require(PIIRedactor(key: Array("0123456789abcdef".utf8)))
        let redacted = DemoSnapshot.text { NDJSONFeed.write(AccessIndex(index.snapshot, redactor: redactor), expand: false, emit: $0) }
        #expect(!redacted.contains("eve@example.com") && !redacted.contains("bea@example.com"))
        #expect(redacted.contains("\"principal\":\"email:\(redactor.token("bea@example.com", isEmail: true))\""))
        #expect(redacted.contains("\"primary_email\":\"\(redactor.token("bea@example.com", isEmail: true))\""))
        #expect(redacted.contains("email_domain:acme.example"))
    }
}
