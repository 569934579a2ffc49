import Testing

@testable import ClerkFakeServer

@Suite("Tenant generator")
struct TenantGeneratorTests {
    let spec = FakeTenantSpec(
        users: 57, organizations: 6, memberships: 120, customRoles: 3, customPermissions: 6, seed: 7)

    @Test func sameSeedGivesTheSameTenant() {
        #expect(FakeTenant.generate(spec) == FakeTenant.generate(spec))
    }

    @Test func anotherSeedGivesAnotherTenant() {
        var other = spec
        other.seed = 8
        #expect(FakeTenant.generate(spec).users.map(\.id) != FakeTenant.generate(other).users.map(\.id))
    }

    /// Pins the generator's output for one seed: benchmark figures are only comparable across commits while
    /// this holds. Change it on purpose, never to make a test pass.
    @Test func generatorOutputIsPinned() throws {
        let tenant = FakeTenant.generate(spec)
        let newest = try #require(tenant.users.first)
        #expect(newest.id == "user_2KUPnlerIXmgvl1Plide000000I")
        #expect(newest.createdAt == 1_766_458_988_836)
        #expect(tenant.memberships.first?.id == "orgmem_2gk6vHp2w1AtrpUu3AK8000001A")
    }

    @Test func countsAreExact() {
        let tenant = FakeTenant.generate(spec)
        #expect(tenant.users.count == 57)
        #expect(tenant.organizations.count == 6)
        #expect(tenant.memberships.count == 120)
        #expect(tenant.roles.count == 2 + 3)
        #expect(tenant.permissions.count == 9 + 6)
        #expect(Set(tenant.users.map(\.id)).count == 57)
        #expect(Set(tenant.memberships.map(\.id)).count == 120)
    }

    @Test func defaultRolesHoldTheirSystemPermissions() throws {
        let tenant = FakeTenant.generate(spec)
        let admin = try #require(tenant.roles.first { $0.key == "org:admin" })
        let member = try #require(tenant.roles.first { $0.key == "org:member" })
        let systemKeys = tenant.permissions.filter { $0.type == "system" }.map(\.key)
        #expect(systemKeys.count == 9)
        #expect(Set(admin.permissionKeys) == Set(systemKeys))
        #expect(member.permissionKeys == ["org:sys_memberships:read", "org:sys_billing:read"])
        let custom = tenant.permissions.filter { $0.type == "user" }.map(\.key)
        #expect(
            custom == [
                "org:feature1:read", "org:feature1:manage", "org:feature1:delete",
                "org:feature2:read", "org:feature2:manage", "org:feature2:delete",
            ])
        for role in tenant.roles.dropFirst(2) {
            #expect(!role.permissionKeys.isEmpty)
            #expect(role.permissionKeys.allSatisfy { systemKeys.contains($0) || custom.contains($0) })
        }
    }

    @Test func membershipsNeverRepeatAUserInAnOrganization() {
        let tenant = FakeTenant.generate(
            FakeTenantSpec(users: 300, organizations: 25, memberships: 2_000, seed: 3))
        let pairs = tenant.memberships.map { "\($0.organizationID)/\($0.userID)" }
        #expect(Set(pairs).count == pairs.count)
        let userIDs = Set(tenant.users.map(\.id))
        let organizationIDs = Set(tenant.organizations.map(\.id))
        #expect(
            tenant.memberships.allSatisfy { userIDs.contains($0.userID) && organizationIDs.contains($0.organizationID) }
        )
    }

    @Test func aFullTenantPutsEveryUserInEveryOrganization() {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 3, organizations: 2, memberships: 6, seed: 5))
        #expect(Set(tenant.memberships.map { "\($0.organizationID)/\($0.userID)" }).count == 6)
    }

    @Test func rolesAreMostlyMemberSomeAdminSomeCustomAndAFewUnknown() {
        let tenant = FakeTenant.generate(
            FakeTenantSpec(users: 5_000, organizations: 100, memberships: 20_000, customRoles: 4, seed: 9))
        let count = Double(tenant.memberships.count)
        let admins = Double(tenant.memberships.filter { $0.roleKey == "org:admin" }.count)
        let customKeys = Set(tenant.roles.dropFirst(2).map(\.key))
        let custom = Double(tenant.memberships.filter { customKeys.contains($0.roleKey) }.count)
        #expect((0.07...0.13).contains(admins / count))
        #expect((0.15...0.25).contains(custom / count))
        let unknown = tenant.membershipsWithUnknownRole
        #expect(unknown.count == 100)  // one in two hundred, rounded up
        #expect(unknown.allSatisfy { FakeTenant.unknownRoleKeys.contains($0.roleKey) })
    }

    @Test func eachOrganizationsFirstMemberIsAnAdmin() {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 500, organizations: 30, memberships: 900, seed: 4))
        let organizationsWithAdmin = Set(tenant.memberships.filter { $0.roleKey == "org:admin" }.map(\.organizationID))
        let organizationsWithMembers = Set(tenant.memberships.map(\.organizationID))
        // The creator can be one of the few memberships given an unknown role key.
        #expect(
            organizationsWithMembers.subtracting(organizationsWithAdmin).count
                <= tenant.membershipsWithUnknownRole.count)
    }

    @Test func listsAreNewestFirstWithTiesByID() {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 2_000, organizations: 50, memberships: 4_000, seed: 1))
        func isOrdered(_ keys: [(Int64, String)]) -> Bool {
            zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        }
        #expect(isOrdered(tenant.users.map { ($0.createdAt, $0.id) }))
        #expect(isOrdered(tenant.organizations.map { ($0.createdAt, $0.id) }))
        #expect(isOrdered(tenant.memberships.map { ($0.createdAt, $0.id) }))
        // Shared creation times exist, so a reader that pages by created_at alone would be caught out.
        #expect(Set(tenant.users.map(\.createdAt)).count < tenant.users.count)
    }

    @Test func membershipsStartAfterTheirUserAndOrganization() {
        let tenant = TestTenants.medium
        let users = Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.id, $0) })
        let organizations = Dictionary(uniqueKeysWithValues: tenant.organizations.map { ($0.id, $0) })
        for membership in tenant.memberships {
            #expect(membership.createdAt >= users[membership.userID]!.createdAt)
            #expect(membership.createdAt >= organizations[membership.organizationID]!.createdAt)
            #expect(membership.updatedAt >= membership.createdAt)
        }
    }
}
