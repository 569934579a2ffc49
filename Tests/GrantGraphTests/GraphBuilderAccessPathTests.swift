import CanonicalJSON
import ClerkModel
import GrantGraph
import SnapshotFormat
import Testing

/// Access paths (snapshot 1.1): pending invitations, enrollment domains and organization SSO connections.
@Suite struct GraphBuilderAccessPathTests {
    static let settings = ClerkOrganizationSettings(domainsDefaultRole: "org:member", creatorRole: "org:admin")

    static func tenant(
        invitations: [ClerkInvitation] = [], domains: [ClerkOrganizationDomain] = [], connections: [ClerkEnterpriseConnection] = [],
        settings: ClerkOrganizationSettings? = settings
    ) -> ClerkTenant {
        var tenant = SampleTenant.tenant(memberships: [])
        tenant.invitations = invitations
        tenant.domains = domains
        tenant.enterpriseConnections = connections
        tenant.organizationSettings = settings
        return tenant
    }

    static func invitation(
        _ id: String, _ email: String, role: String = "org:admin", organization: String = "org_acme", status: String? = "pending"
    ) -> ClerkInvitation {
        ClerkInvitation(
            id: id, emailAddress: email, roleKey: role, roleName: "Admin", organizationID: organization, inviterID: "user_alice",
            status: status, expiresAt: 1_700_600_000_000, createdAt: 1_700_000_000_000)
    }

    static func domain(_ id: String, _ name: String, mode: String, verification: String? = "verified", organization: String = "org_acme")
        -> ClerkOrganizationDomain
    {
        ClerkOrganizationDomain(
            id: id, organizationID: organization, name: name, enrollmentMode: mode, verificationStatus: verification,
            totalPendingInvitations: 2, totalPendingSuggestions: 1, createdAt: 1_700_000_000_000)
    }

    @Test func aPendingInvitationIsAPathToItsRoleMatchedToTheUserWithThatEmail() {
        let graph = GraphBuilder.build(from: Self.tenant(invitations: [Self.invitation("inv_1", "Alice@Example.COM")]))
        #expect(graph.accessPaths == [
            AccessPath(
                id: "invitation:inv_1", kind: .invitation, organization: "organization:org_acme",
                entitlement: "organization:org_acme:role:role_admin", principal: "email:alice@example.com", status: "pending",
                matchingUser: "user:user_alice",
                source: JSONObject([
                    (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "email_address", value: "Alice@Example.COM"),
                    (key: "expires_at", value: "2023-11-21T20:53:20.000Z"), (key: "inviter", value: "user:user_alice"),
                    (key: "role_key", value: "org:admin"), (key: "role_name", value: "Admin"),
                ]))
        ])
        #expect(graph.diagnostics == [])
        // Paths are never grants.
        #expect(!graph.grants.contains { $0.principal.hasPrefix("email:") })
    }

    @Test func anAddressTwoUsersShareMatchesNoOne() {
        var tenant = Self.tenant(invitations: [Self.invitation("inv_1", "alice@example.com")])
        tenant.users.append(ClerkUser(id: "user_alice2", primaryEmail: "ALICE@example.com", createdAt: 1_700_000_000_000))
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.accessPaths.map(\.matchingUser) == [nil])
        var noInviter = Self.invitation("inv_2", "nobody@example.com")
        noInviter.inviterID = nil
        let other = GraphBuilder.build(from: Self.tenant(invitations: [noInviter]))
        #expect(other.accessPaths.map(\.matchingUser) == [nil])
        #expect(other.accessPaths.first?.source["inviter"] == .null)
    }

    @Test func invitationsThatAreNotPendingAreLeftOutAndCounted() {
        let graph = GraphBuilder.build(from: Self.tenant(invitations: [
            Self.invitation("inv_1", "a@example.com", status: "accepted"), Self.invitation("inv_2", "b@example.com", status: "expired"),
            Self.invitation("inv_3", "c@example.com", status: "accepted"), Self.invitation("inv_4", "d@example.com", status: nil),
        ]))
        #expect(graph.accessPaths.map(\.id) == ["invitation:inv_4"])
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .invitationNotPending, severity: .info,
                message: "3 invitation(s) listed as pending were not (2 accepted, 1 expired); they are no access path and are left out",
                subject: "collection:invitations")
        ])
    }

    @Test func anUnresolvedRoleLeadsToMembershipAndAnUnlistedOrganizationDropsThePath() {
        let graph = GraphBuilder.build(from: Self.tenant(invitations: [
            Self.invitation("inv_1", "a@example.com", role: "org:gone"), Self.invitation("inv_2", "b@example.com", organization: "org_gone"),
        ]))
        #expect(graph.accessPaths.map(\.id) == ["invitation:inv_1"])
        #expect(graph.accessPaths.first?.entitlement == "organization:org_acme:member")
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .unresolvedPathRole, severity: .warning,
                message: "invitation:inv_1 into organization org_acme: role key 'org:gone' matches no exported role; the path is recorded as leading to membership",
                subject: "invitation:inv_1"),
            Diagnostic(
                code: .danglingPathOrganization, severity: .warning,
                message: "invitation:inv_2 leads into organization org_gone, which the export does not hold; the path is left out",
                subject: "invitation:inv_2"),
        ])
    }

    @Test func enrollingDomainsArePathsAndManualOnesAreListedOnTheirOrganization() {
        let graph = GraphBuilder.build(from: Self.tenant(domains: [
            Self.domain("dom_1", "Acme.example", mode: "automatic_invitation"),
            Self.domain("dom_2", "suggest.example", mode: "automatic_suggestion", verification: nil),
            Self.domain("dom_3", "sso.example", mode: "enterprise_sso", verification: "unverified"),
            Self.domain("dom_4", "zz.example", mode: "manual_invitation"),
            Self.domain("dom_5", "aa.example", mode: "manual_invitation"),
        ]))
        #expect(graph.accessPaths.map(\.id) == ["organization_domain:dom_1", "organization_domain:dom_2", "organization_domain:dom_3"])
        #expect(graph.accessPaths.map(\.principal) == ["email_domain:acme.example", "email_domain:suggest.example", "email_domain:sso.example"])
        #expect(graph.accessPaths.map(\.status) == ["verified", "unverified", "unverified"])
        #expect(Set(graph.accessPaths.map(\.entitlement)) == ["organization:org_acme:role:role_member"])
        #expect(graph.accessPaths.first?.source == JSONObject([
            (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "default_role_key", value: "org:member"),
            (key: "enrollment_mode", value: "automatic_invitation"), (key: "name", value: "Acme.example"),
            (key: "total_pending_invitations", value: 2), (key: "total_pending_suggestions", value: 1), (key: "verified", value: true),
        ]))
        let organizations = graph.resources.filter { $0.type == .organization }
        #expect(organizations.map { $0.attributes["manual_invitation_domains"] } == [["aa.example", "zz.example"], []])
        #expect(graph.diagnostics == [])
    }

    @Test func withoutOrganizationSettingsADomainLeadsToMembership() {
        let graph = GraphBuilder.build(from: Self.tenant(domains: [Self.domain("dom_1", "acme.example", mode: "automatic_invitation")], settings: nil))
        #expect(graph.accessPaths.map(\.entitlement) == ["organization:org_acme:member"])
        #expect(graph.accessPaths.first?.source["default_role_key"] == .null)
        #expect(graph.diagnostics.map(\.code) == [.unresolvedPathRole])
        #expect(graph.diagnostics.first?.message
            == "organization_domain:dom_1 into organization org_acme: no organization settings were read, so the role new members get is unknown; the path is recorded as leading to membership")
    }

    @Test func domainsNotExportedLeaveTheOrganizationAttributeOut() {
        var tenant = Self.tenant()
        tenant.requested.remove(.domains)
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.resources.filter { $0.type == .organization }.allSatisfy { $0.attributes["manual_invitation_domains"] == nil })
    }

    @Test func connectionsTiedToAnOrganizationArePaths() {
        let graph = GraphBuilder.build(from: Self.tenant(connections: [
            ClerkEnterpriseConnection(
                id: "ent_1", name: "Acme Okta", provider: "saml_okta", active: false, domains: ["z.example", "a.example"],
                organizationID: "org_globex", allowOrganizationAccountLinking: true, createdAt: 1_700_000_000_000),
            ClerkEnterpriseConnection(id: "ent_2", name: "Instance SSO", provider: "oidc_custom", active: true, domains: ["b.example"]),
        ]))
        #expect(graph.accessPaths == [
            AccessPath(
                id: "enterprise_connection:ent_1", kind: .enterpriseSSO, organization: "organization:org_globex",
                entitlement: "organization:org_globex:role:role_member", principal: "enterprise_connection:ent_1", status: "inactive",
                source: JSONObject([
                    (key: "active", value: false), (key: "allow_organization_account_linking", value: true),
                    (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "default_role_key", value: "org:member"),
                    (key: "domains", value: ["a.example", "z.example"]), (key: "name", value: "Acme Okta"), (key: "provider", value: "saml_okta"),
                ]))
        ])
        #expect(graph.diagnostics == [])
    }

    @Test func aPathToARoleOutsideTheRoleSetIsKeptAndReported() {
        var tenant = Self.tenant(invitations: [Self.invitation("inv_1", "x@example.com", organization: "org_globex")])
        tenant.organizations[1].roleSetKey = GraphBuilderRoleSetTests.restricted.key
        tenant.roleSets.append(GraphBuilderRoleSetTests.restricted)
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.accessPaths.map(\.entitlement) == ["organization:org_globex:role:role_admin"])
        #expect(graph.entitlements.contains { $0.id == "organization:org_globex:role:role_admin" })
        #expect(graph.diagnostics.map(\.code) == [.roleOutsideRoleSet])
        #expect(graph.diagnostics.first?.subject == "invitation:inv_1")
    }

    @Test func theCompactGraphWritesItsPathsInOrder() {
        var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
        for page in Self.tenant(invitations: [Self.invitation("inv_b", "b@example.com"), Self.invitation("inv_a", "a@example.com")]).pages {
            builder.add(page, at: PagePosition(offset: 0))
        }
        let compact = builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases)))
        #expect(compact.recordCount(.accessPaths) == 2)
        var writer = CanonicalJSONWriter()
        compact.writeRecord(0, of: .accessPaths, to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self).hasPrefix(#"{"entitlement":"organization:org_acme:role:role_admin","id":"invitation:inv_a","#))
        #expect(compact.accessGraph().accessPaths.map(\.id) == ["invitation:inv_a", "invitation:inv_b"])
    }
}
