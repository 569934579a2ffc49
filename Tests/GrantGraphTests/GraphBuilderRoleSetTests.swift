import CanonicalJSON
import ClerkModel
import GrantGraph
import SnapshotFormat
import Testing

/// Role sets (snapshot 1.1): which roles each organization offers, the fallbacks and what is reported.
@Suite struct GraphBuilderRoleSetTests {
    static let restricted = ClerkRoleSet(
        id: "rs_restricted", key: "role_set:restricted", name: "Restricted", type: "custom",
        roles: [.init(id: SampleTenant.member.id, key: SampleTenant.member.key, name: SampleTenant.member.name)],
        defaultRole: .init(id: SampleTenant.member.id, key: SampleTenant.member.key, name: SampleTenant.member.name),
        createdAt: 1_700_000_100_000)

    /// Acme on the standard set (both roles), Globex on the restricted one (member only).
    static func tenant(memberships: [ClerkMembership] = []) -> ClerkTenant {
        var tenant = SampleTenant.tenant(memberships: memberships)
        var globex = SampleTenant.globex
        globex.roleSetKey = restricted.key
        tenant.organizations = [SampleTenant.acme, globex]
        tenant.roleSets = [SampleTenant.standard, restricted]
        return tenant
    }

    static let permissionEntitlements = ["permission:perm_manage:granted", "permission:perm_read:granted"]

    @Test func eachOrganizationOffersExactlyItsRoleSetsRoles() {
        let graph = GraphBuilder.build(from: Self.tenant())
        #expect(graph.entitlements.map(\.id) == [
            "organization:org_acme:member", "organization:org_acme:role:role_admin", "organization:org_acme:role:role_member",
            "organization:org_globex:member", "organization:org_globex:role:role_member",
        ] + Self.permissionEntitlements)
        #expect(graph.diagnostics == [])
    }

    @Test func aRoleSetIsAResourceWithItsRolesSorted() {
        let graph = GraphBuilder.build(from: Self.tenant())
        let standard = graph.resources.first { $0.id == "role_set:rs_standard" }
        #expect(standard == Resource(
            type: .roleSet, clerkID: "rs_standard", displayName: "Standard",
            attributes: JSONObject([
                (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "creator_role_id", value: "role_admin"),
                (key: "default_role_id", value: "role_member"), (key: "key", value: "role_set:standard"), (key: "migration", value: .null),
                (key: "name", value: "Standard"), (key: "role_ids", value: ["role_admin", "role_member"]),
                (key: "role_keys", value: ["org:admin", "org:member"]), (key: "type", value: "initial"),
            ])))
        let restricted = graph.resources.first { $0.id == "role_set:rs_restricted" }
        #expect(restricted?.attributes["creator_role_id"] == .null)
        #expect(restricted?.attributes["role_ids"] == ["role_member"])
        #expect(graph.resources.filter { $0.type == .roleSet }.count == 2)
    }

    /// A set naming a role the role list did not return (or naming one twice) keeps every key, but only the
    /// ids of roles the snapshot holds, once each: each id must name a role resource.
    @Test func aRoleSetNamingAnUnlistedRoleKeepsItsKeyNotItsID() throws {
        var tenant = Self.tenant()
        let ghost = ClerkRoleSet.Role(id: "role_ghost", key: "org:ghost", name: "Ghost")
        tenant.roleSets[1].roles += [ghost, ghost]
        let graph = GraphBuilder.build(from: tenant)
        let restricted = try #require(graph.resources.first { $0.id == "role_set:rs_restricted" })
        #expect(restricted.attributes["role_ids"] == ["role_member"])
        #expect(restricted.attributes["role_keys"] == ["org:ghost", "org:member"])
        #expect(graph.diagnostics.map(\.code) == [.danglingRole])
        #expect(graph.diagnostics.first?.subject == "role_set:rs_restricted")
        #expect(graph.entitlements.filter { $0.id.contains("role_ghost") }.isEmpty)
    }

    @Test func aMembershipOutsideItsRoleSetKeepsBothGrantsAndIsReported() {
        let graph = GraphBuilder.build(from: Self.tenant(memberships: [
            SampleTenant.membership("mem_1", "user_alice", SampleTenant.globex, "org:admin"),
            SampleTenant.membership("mem_2", "user_bob", SampleTenant.globex, "org:admin"),
        ]))
        #expect(graph.grants.filter { $0.principal.hasPrefix("user:") }.map(\.id) == [
            "organization:org_globex:member:user:user_alice", "organization:org_globex:member:user:user_bob",
            "organization:org_globex:role:role_admin:user:user_alice", "organization:org_globex:role:role_admin:user:user_bob",
        ])
        // Globex offers the admin role too, for these grants alone: every grant has its entitlement.
        #expect(graph.entitlements.filter { $0.resource == "organization:org_globex" }.map(\.id) == [
            "organization:org_globex:member", "organization:org_globex:role:role_admin", "organization:org_globex:role:role_member",
        ])
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .roleOutsideRoleSet, severity: .warning,
                message:
                    "membership mem_1 (user user_alice) holds role org:admin (role_admin) in organization org_globex, whose role set role_set:restricted does not offer it; both grants are kept and the organization is recorded as offering that role",
                subject: "membership:mem_1"),
            Diagnostic(
                code: .roleOutsideRoleSet, severity: .warning,
                message:
                    "membership mem_2 (user user_bob) holds role org:admin (role_admin) in organization org_globex, whose role set role_set:restricted does not offer it; both grants are kept and the organization is recorded as offering that role",
                subject: "membership:mem_2"),
        ])
        let entitlementIDs = Set(graph.entitlements.map(\.id))
        #expect(graph.grants.allSatisfy { entitlementIDs.contains($0.entitlement) })
    }

    @Test func anOrganizationWithoutAKnownRoleSetOffersEveryRole() {
        var tenant = Self.tenant()
        var acme = SampleTenant.acme
        acme.roleSetKey = nil
        var globex = SampleTenant.globex
        globex.roleSetKey = "role_set:deleted"
        tenant.organizations = [acme, globex]
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.entitlements.filter { $0.kind == .role }.map(\.id) == [
            "organization:org_acme:role:role_admin", "organization:org_acme:role:role_member",
            "organization:org_globex:role:role_admin", "organization:org_globex:role:role_member",
        ])
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .roleSetFallback, severity: .info,
                message: "organization org_acme names no role set, so it is recorded as offering every role", subject: "organization:org_acme"),
            Diagnostic(
                code: .roleSetFallback, severity: .warning,
                message: "organization org_globex names role set 'role_set:deleted', which is not in the role set list, so it is recorded as offering every role",
                subject: "organization:org_globex"),
        ])
    }

    @Test func roleSetsNotExportedKeepTodaysBehaviourAndSaySoOnce() {
        for refused in [false, true] {
            var tenant = Self.tenant(memberships: [SampleTenant.membership("mem_1", "user_alice", SampleTenant.globex, "org:admin")])
            tenant.roleSets = []
            if refused { tenant.refused[.roleSets] = "HTTP 403" } else { tenant.requested.remove(.roleSets) }
            let graph = GraphBuilder.build(from: tenant)
            #expect(graph.entitlements.filter { $0.kind == .role }.count == 4)
            #expect(graph.resources.filter { $0.type == .roleSet }.isEmpty)
            #expect(graph.diagnostics == [
                Diagnostic(
                    code: .roleSetFallback, severity: .info,
                    message: "role sets were not exported, so every organization is recorded as offering every role",
                    subject: "collection:role_sets")
            ])
        }
    }

    @Test func aMigrationInFlightIsRecordedAndReported() {
        var tenant = Self.tenant()
        tenant.roleSets[1].migration = ClerkRoleSet.Migration(
            id: "rsm_1", status: "in_progress", triggerType: "role_set_key_change", sourceRoleSetID: "rs_restricted",
            destinationRoleSetID: "rs_standard")
        let graph = GraphBuilder.build(from: tenant)
        let restricted = graph.resources.first { $0.id == "role_set:rs_restricted" }
        #expect(restricted?.attributes["migration"] == .object(JSONObject([
            (key: "destination_role_set_id", value: "rs_standard"), (key: "source_role_set_id", value: "rs_restricted"),
            (key: "status", value: "in_progress"), (key: "trigger", value: "role_set_key_change"),
        ])))
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .roleSetMigration, severity: .warning,
                message:
                    "role set role_set:restricted has a migration in_progress (role_set_key_change) to role set rs_standard: its organizations' members' roles are being remapped",
                subject: "role_set:rs_restricted")
        ])
    }
}
