import AccessReview
import Testing

/// The one findings filter (`ReviewScope.filter`) and the split's file names, on the demo tenant's 17
/// findings: exact counts per organization, severity and rule.
@Suite struct ReviewScopeTests {
    let index: AccessIndex
    let findings: FindingList

    init() throws {
        index = try DemoSnapshot.index()
        findings = FindingsEngine.findings(index, policy: ReviewPolicy())
    }

    func organization(_ slug: String) throws -> String { try #require(index.organization(matching: slug)).id }

    @Test func theWholeReviewKeepsEveryFinding() {
        #expect(findings.count == 16)
        #expect(Array(ReviewScope.everything.filter(findings)) == Array(findings))
        #expect(ReviewScope.everything.organizations(in: index).count == 4)
    }

    @Test func anOrganizationKeepsItsOwnFindingsOnly() throws {
        let globex = try organization("globex")
        let scope = ReviewScope(organizationIDs: [globex])
        let kept = scope.filter(findings)
        #expect(kept.count == 5)
        #expect(kept.allSatisfy { $0.organization == globex })
        #expect(scope.organizations(in: index).map(\.id) == [globex])
        // Every finding of the demo concerns an organization, so the four reviews together hold all 16, and
        // Heidi's stale finding, about memberships in Initech and Umbrella Research, is in both of theirs.
        let perOrganization = try ["acme-corp", "globex", "initech", "umbrella-research"].map { slug in
            ReviewScope(organizationIDs: [try organization(slug)]).filter(findings).count
        }
        #expect(perOrganization == [5, 5, 3, 4])
    }

    @Test func severityAndRuleFiltersCombine() throws {
        #expect(ReviewScope(minimumSeverity: .high).filter(findings).count == 4)
        #expect(ReviewScope(minimumSeverity: .medium).filter(findings).count == 15)
        #expect(ReviewScope(minimumSeverity: .low).filter(findings).count == 16)
        let stale = ReviewScope(rules: [.staleGrantHolder])
        #expect(stale.filter(findings).count == 4)
        let both = ReviewScope(minimumSeverity: .high, rules: [.staleGrantHolder, .bannedMemberWithGrants])
        #expect(both.filter(findings).map(\.rule) == [.bannedMemberWithGrants])
        // Rules are kept in the rule table's order whatever order they were given in.
        #expect(both.rules == [.bannedMemberWithGrants, .staleGrantHolder])
        #expect(!both.includes(.staleGrantHolder) && both.includes(.bannedMemberWithGrants))
    }

    @Test func headerLinesSayWhatIsLeftOut() throws {
        let scope = ReviewScope(organizationIDs: [try organization("globex")], minimumSeverity: .medium, rules: [.staleInvitation])
        let lines = scope.headerLines(index, escape: { "<\($0)>" }, code: { "`\($0)`" })
        #expect(lines == [
            "Scope: only <Globex> (`org_2QxGlobex000000000000000000`); findings that concern no organization are left out",
            "Filtered findings: only severity medium and above; rules `stale_invitation`; other findings are not listed",
        ])
        #expect(ReviewScope.everything.headerLines(index, escape: { $0 }, code: { $0 }).isEmpty)
        #expect(scope.countsLine(index, findingCount: 1) == "1 of 4 organizations, 5 memberships, 1 finding")
        #expect(ReviewScope.everything.countsLine(index, findingCount: 17) == "14 users, 4 organizations, 20 memberships, 17 findings")
    }

    /// Names come from validated Clerk ids; an id that could clash with the index, a case twin or an
    /// option-like name gets `organization.<position>`, which no id can spell (ids hold no `.`).
    @Test func splitFileNamesAreSafeAndUnique() {
        let ids = ["org_A", "org_a", "index", "INDEX", "-rf", "org_ok", "../etc", "", "org_B"]
        let stems = ReviewSplit.fileStems(ids)
        #expect(stems == [
            "organization.1", "organization.2", "organization.3", "organization.4", "organization.5", "org_ok",
            "organization.7", "organization.8", "org_B",
        ])
        #expect(Set(stems.map { $0.lowercased() }).count == ids.count)
    }

    @Test func theSplitCountsEachOrganization() {
        let split = ReviewSplit(index, format: .markdown, scope: .everything, findings: findings)
        #expect(split.indexFileName == "index.md")
        #expect(split.entries.map(\.fileName) == [
            "org_2QxAcmeCorp0000000000000000.md", "org_2QxGlobex000000000000000000.md",
            "org_2QxInitech00000000000000000.md", "org_2QxUmbrellaResearch00000000.md",
        ])
        #expect(split.entries.map(\.members) == [6, 5, 5, 4])
        #expect(split.entries.map(\.admins) == [4, 1, 1, 0])
        #expect(split.entries.map { [$0.findingCount(.high), $0.findingCount(.medium), $0.findingCount(.low)] } == [[2, 2, 1], [2, 3, 0], [0, 3, 0], [0, 4, 0]])
    }
}
