import CanonicalJSON
import ClerkModel
import GrantGraph
import SnapshotFormat
import Testing

/// A small tenant built in code: two organizations, an admin role with two permissions, a member role, and
/// the role set both organizations use, which offers both roles.
enum SampleTenant {
    static let manage = ClerkPermission(id: "perm_manage", key: "org:sys_memberships:manage", name: "Manage members", type: "system")
    static let read = ClerkPermission(id: "perm_read", key: "org:sys_memberships:read", name: "Read members", type: "system")
    static let admin = ClerkRole(id: "role_admin", key: "org:admin", name: "Admin", permissions: [manage, read])
    static let member = ClerkRole(id: "role_member", key: "org:member", name: "Member", permissions: [read])
    static let standard = ClerkRoleSet(
        id: "rs_standard", key: "role_set:standard", name: "Standard", type: "initial",
        roles: [.init(id: admin.id, key: admin.key, name: admin.name), .init(id: member.id, key: member.key, name: member.name)],
        defaultRole: .init(id: member.id, key: member.key, name: member.name), creatorRole: .init(id: admin.id, key: admin.key, name: admin.name),
        createdAt: 1_700_000_000_000)
    static let acme = ClerkOrganization(
        id: "org_acme", name: "Acme", slug: "acme", membersCount: 2, createdAt: 1_700_000_000_000, roleSetKey: standard.key)
    static let globex = ClerkOrganization(id: "org_globex", name: "Globex", slug: "globex", createdAt: 1_700_000_000_000, roleSetKey: standard.key)
    static let alice = ClerkUser(id: "user_alice", primaryEmail: "alice@example.com", primaryEmailVerified: true, firstName: "Alice", createdAt: 1_700_000_000_000)
    static let bob = ClerkUser(id: "user_bob", username: "bob", banned: true, createdAt: 1_700_000_000_000)

    static func membership(_ id: String, _ user: String, _ organization: ClerkOrganization, _ role: String) -> ClerkMembership {
        ClerkMembership(
            id: id, roleKey: role, organization: organization, user: .init(userID: user, identifier: "\(user)@example.com"),
            createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000)
    }

    static func tenant(memberships: [ClerkMembership], users: [ClerkUser] = [alice, bob]) -> ClerkTenant {
        var tenant = ClerkTenant(requested: Set(ClerkCollection.allCases))
        tenant.users = users
        tenant.organizations = [acme, globex]
        tenant.roles = [admin, member]
        tenant.permissions = [manage, read]
        tenant.memberships = memberships
        tenant.roleSets = [standard]
        return tenant
    }
}

@Suite struct GraphBuilderTests {
    @Test func resolvesRoleKeysToRoleIDs() {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: [SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin")]))
        let grantIDs = graph.grants.map(\.id)
        #expect(grantIDs.contains("organization:org_acme:member:user:user_alice"))
        #expect(grantIDs.contains("organization:org_acme:role:role_admin:user:user_alice"))
        let roleGrant = graph.grants.first { $0.id == "organization:org_acme:role:role_admin:user:user_alice" }
        #expect(roleGrant?.source == Grant.Source(membershipID: "mem_1", roleKey: "org:admin", grantedAt: "2023-11-14T22:13:20.000Z"))
        #expect(graph.diagnostics.isEmpty)
    }

    @Test func unresolvedRoleKeyKeepsMemberGrantAndReportsIt() {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: [SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:deleted")]))
        #expect(graph.grants.filter { $0.principal == "user:user_alice" }.map(\.id) == ["organization:org_acme:member:user:user_alice"])
        #expect(graph.diagnostics.map(\.code) == [.unresolvedRoleKey])
        #expect(graph.diagnostics.first?.subject == "membership:mem_1")
        #expect(graph.diagnostics.first?.message.contains("'org:deleted'") == true)
    }

    @Test func rolesGrantTheirPermissions() {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: []))
        let permissionGrants = graph.grants.filter { $0.principal.hasPrefix("role:") }.map(\.id)
        #expect(permissionGrants == [
            "permission:perm_manage:granted:role:role_admin",
            "permission:perm_read:granted:role:role_admin",
            "permission:perm_read:granted:role:role_member",
        ])
        let admin = graph.resources.first { $0.id == "role:role_admin" }
        #expect(admin?.attributes["permission_ids"] == ["perm_manage", "perm_read"])
    }

    @Test func membershipOfUnlistedUserIsExportedAndReported() {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: [SampleTenant.membership("mem_9", "user_ghost", SampleTenant.globex, "org:member")]))
        let ghost = graph.resources.first { $0.id == "user:user_ghost" }
        #expect(ghost?.bool("in_user_list") == false)
        #expect(ghost?.string("primary_email") == "user_ghost@example.com")
        #expect(graph.grants.contains { $0.id == "organization:org_globex:member:user:user_ghost" })
        #expect(graph.diagnostics.map(\.code) == [.danglingUser])
        #expect(graph.diagnostics.first?.subject == "user:user_ghost")
    }

    @Test func objectsSeenTwiceAreKeptOnce() {
        let repeated = SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:member")
        var tenant = SampleTenant.tenant(memberships: [repeated, repeated], users: [SampleTenant.alice, SampleTenant.alice, SampleTenant.bob])
        tenant.organizations.append(SampleTenant.acme)
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.resources.filter { $0.id == "user:user_alice" }.count == 1)
        #expect(graph.resources.filter { $0.type == .organization }.count == 2)
        #expect(graph.grants.filter { $0.principal == "user:user_alice" }.count == 2)
        let duplicates = graph.diagnostics.filter { $0.code == .duplicateObject }.map(\.subject).sorted()
        #expect(duplicates == ["membership:mem_1", "organization:org_acme", "user:user_alice"])
    }

    @Test func digestIgnoresTheOrderTheAPIReturnedThingsIn() {
        let memberships = [
            SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin"),
            SampleTenant.membership("mem_2", "user_bob", SampleTenant.acme, "org:member"),
            SampleTenant.membership("mem_3", "user_alice", SampleTenant.globex, "org:member"),
        ]
        let forward = GraphBuilder.build(from: SampleTenant.tenant(memberships: memberships))
        var shuffled = SampleTenant.tenant(memberships: memberships.reversed(), users: [SampleTenant.bob, SampleTenant.alice])
        shuffled.roles.reverse()
        shuffled.organizations.reverse()
        let backward = GraphBuilder.build(from: shuffled)
        #expect(forward == backward)
        #expect(SnapshotDigest.compute(forward, version: .latest) == SnapshotDigest.compute(backward, version: .latest))
        let changed = GraphBuilder.build(from: SampleTenant.tenant(memberships: Array(memberships.dropLast())))
        #expect(SnapshotDigest.compute(changed, version: .latest) != SnapshotDigest.compute(forward, version: .latest))
    }

    @Test func withoutRolesNoRoleGrantsAndOneNote() {
        var tenant = SampleTenant.tenant(memberships: [SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin")])
        tenant.requested.remove(.roles)
        tenant.roles = []
        let graph = GraphBuilder.build(from: tenant)
        #expect(graph.grants.map(\.id) == ["organization:org_acme:member:user:user_alice"])
        #expect(graph.diagnostics.map(\.code) == [.rolesNotExported])
    }

    @Test func timestampsAreRFC3339UTC() {
        #expect(Timestamp.rfc3339(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339(milliseconds: 1_763_596_800_123) == "2025-11-20T00:00:00.123Z")
        #expect(Timestamp.rfc3339(seconds: 951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.milliseconds(rfc3339: "2025-11-20T00:00:00.123Z") == 1_763_596_800_123)
        #expect(Timestamp.milliseconds(rfc3339: "2025-11-20T00:00:00Z") == 1_763_596_800_000)
        #expect(Timestamp.milliseconds(rfc3339: "yesterday") == nil)
    }
}
