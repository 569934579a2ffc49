import CanonicalJSON
import ClerkModel
import GrantGraph
import SnapshotFormat
import Testing

/// Objects of the snapshot 1.1 collections returned twice while paging are kept once (the first in list
/// order, whatever order the pages arrive in) and reported as `duplicate_object`.
@Suite struct GraphBuilderRepeatTests {
    static func build(_ pages: [(ClerkPage, PagePosition)]) -> AccessGraph {
        var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
        for page in SampleTenant.tenant(memberships: []).pages { builder.add(page, at: PagePosition(offset: 0)) }
        for (page, position) in pages { builder.add(page, at: position) }
        return builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases))).accessGraph()
    }

    static func pages() -> [(ClerkPage, PagePosition)] {
        let invitation = GraphBuilderAccessPathTests.invitation("inv_1", "first@example.com")
        var laterInvitation = invitation
        laterInvitation.emailAddress = "later@example.com"
        let domain = GraphBuilderAccessPathTests.domain("dom_1", "first.example", mode: "automatic_invitation")
        var laterDomain = domain
        laterDomain.name = "later.example"
        let connection = ClerkEnterpriseConnection(
            id: "ent_1", name: "First", provider: "saml_okta", active: true, domains: [], organizationID: "org_acme")
        var laterConnection = connection
        laterConnection.name = "Later"
        var laterRoleSet = GraphBuilderRoleSetTests.restricted
        laterRoleSet.name = "Later"
        return [
            (ClerkPage(items: .invitations([laterInvitation])), PagePosition(offset: 1)),
            (ClerkPage(items: .invitations([invitation])), PagePosition(offset: 0)),
            (ClerkPage(items: .domains([laterDomain])), PagePosition(offset: 1)),
            (ClerkPage(items: .domains([domain])), PagePosition(offset: 0)),
            (ClerkPage(items: .enterpriseConnections([laterConnection])), PagePosition(offset: 1)),
            (ClerkPage(items: .enterpriseConnections([connection])), PagePosition(offset: 0)),
            (ClerkPage(items: .roleSets([laterRoleSet])), PagePosition(offset: 2)),
            (ClerkPage(items: .roleSets([GraphBuilderRoleSetTests.restricted])), PagePosition(offset: 1)),
            (ClerkPage(items: .organizationSettings(GraphBuilderAccessPathTests.settings)), PagePosition(offset: 0)),
        ]
    }

    @Test func theFirstListedCopyIsKeptAndTheRepeatReported() {
        let graph = Self.build(Self.pages())
        #expect(graph.accessPaths.map(\.principal) == ["enterprise_connection:ent_1", "email:first@example.com", "email_domain:first.example"])
        #expect(graph.accessPaths.first?.source["name"] == "First")
        #expect(graph.resources.first { $0.id == "role_set:rs_restricted" }?.displayName == "Restricted")
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .duplicateObject, severity: .info,
                message: "enterprise_connection ent_1 was returned 2 times while paging; it is kept once", subject: "enterprise_connection:ent_1"),
            Diagnostic(
                code: .duplicateObject, severity: .info, message: "invitation inv_1 was returned 2 times while paging; it is kept once",
                subject: "invitation:inv_1"),
            Diagnostic(
                code: .duplicateObject, severity: .info,
                message: "organization_domain dom_1 was returned 2 times while paging; it is kept once", subject: "organization_domain:dom_1"),
            Diagnostic(
                code: .duplicateObject, severity: .info, message: "role_set rs_restricted was returned 2 times while paging; it is kept once",
                subject: "role_set:rs_restricted"),
        ])
    }

    @Test func arrivalOrderDoesNotChangeTheGraph() {
        let inOrder = Self.build(Self.pages())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            #expect(Self.build(Self.pages().shuffled(using: &generator)) == inOrder)
        }
    }
}
