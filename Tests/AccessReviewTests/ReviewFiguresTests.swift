import AccessReview
import Testing

/// The review's figures on the demo tenant, counted by hand from `fixtures/demo/README.md`: everyone was
/// active 2026-10-28 … 2026-11-19 except banned Erin (2026-08-04), Heidi (2025-01-10), Ivan (never) and the
/// former contractor, known only through a membership.
@Suite("Review figures")
struct ReviewFiguresTests {
    let index: AccessIndex

    init() throws { index = try DemoSnapshot.index() }

    func figures(_ policy: ReviewPolicy = ReviewPolicy()) -> ReviewFigures {
        ReviewFigures(index, policy: policy, findings: FindingsEngine.findings(index, policy: policy))
    }

    @Test func activityOnTheDemoTenant() {
        let figures = figures()
        #expect(figures.users == 14)
        #expect(figures.usersByInactivity.map(\.users) == [7, 3, 0, 2, 2])
        #expect(figures.dailyActiveUsers.count == 30)
        #expect(figures.dailyActiveUsers.first?.day == "2026-10-22")
        #expect(figures.dailyActiveUsers.last?.day == "2026-11-20")
        // 10 users last active within 30 days of 2026-11-20 (7 within a week, 3 more within the month).
        #expect(figures.dailyActiveUsers.reduce(0) { $0 + $1.users } == 10)
        #expect(figures.dailyActiveUsers.first { $0.day == "2026-11-19" }?.users == 2)
    }

    @Test func activityWindowFollowsAsOfAndDays() {
        var policy = ReviewPolicy()
        policy.asOf = "2027-01-31T12:00:00Z"
        policy.activityDays = 90
        let figures = figures(policy)
        #expect(figures.dailyActiveUsers.count == 90)
        #expect(figures.dailyActiveUsers.first?.day == "2026-11-03")
        #expect(figures.dailyActiveUsers.last?.day == "2027-01-31")
        // Seen 2026-11-03 or later: the ten active users minus the one last seen 2026-10-28.
        #expect(figures.dailyActiveUsers.reduce(0) { $0 + $1.users } == 9)
        // 72 to 89 days for the nine, 95 for the one seen 2026-10-28: over 90 with Erin and Heidi.
        #expect(figures.usersByInactivity.map(\.users) == [0, 0, 9, 3, 2])
        policy.activityDays = 1
        #expect(self.figures(policy).dailyActiveUsers.map(\.day) == ["2027-01-31"])
    }

    @Test func organizationsAndFindings() {
        let figures = figures()
        #expect(figures.largestOrganizations.map(\.name) == ["Acme Corp", "Globex", "Initech", "Umbrella Research"])
        #expect(figures.largestOrganizations.map(\.members) == [6, 5, 5, 4])
        #expect(figures.mostAdmins.map(\.name) == ["Acme Corp", "Globex", "Initech"])
        #expect(figures.mostAdmins.map(\.admins) == [4, 1, 1])
        #expect(figures.organizationSizes.map(\.count) == [0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(figures.adminsPerOrganization.map(\.label) == ["0", "1", "2", "3", "4-5", "6-10", "11-25", "26+"])
        #expect(figures.adminsPerOrganization.map(\.count) == [1, 2, 0, 0, 1, 0, 0, 0])
        // Findings are grouped per subject: Heidi's stale memberships in two organizations are one finding.
        #expect(figures.findingsBySeverity.map(\.count) == [4, 11, 1])
        #expect(figures.findingsByRule.reduce(0) { $0 + $1.count } == 16)
    }

    /// One organization's review pictures that organization and its members only (each file of `--split`).
    @Test func aScopedReviewPicturesItsOrganizationsAndTheirMembers() throws {
        let index = try DemoSnapshot.index()
        let globex = try #require(index.organization(matching: "globex")).id
        let scope = ReviewScope(organizationIDs: [globex])
        let findings = scope.filter(FindingsEngine.findings(index, policy: ReviewPolicy()))
        let figures = ReviewFigures(index, policy: ReviewPolicy(), findings: findings, scope: scope)
        #expect(figures.largestOrganizations.map(\.name) == ["Globex"])
        #expect(figures.users == index.memberships(of: globex).count)
        #expect(figures.usersByInactivity.reduce(0) { $0 + $1.users } == figures.users)
        #expect(figures.findingsBySeverity.reduce(0) { $0 + $1.count } == findings.count)
    }
}
