import Testing

@testable import ClerkFakeServer

/// The generated snapshot 1.1 collections, and the truth an end-to-end test compares an export against.
@Suite struct AccessSourceGeneratorTests {
    static let spec = FakeTenantSpec(users: 300, organizations: 120, memberships: 900, customRoles: 4, customPermissions: 6, seed: 5)
    static let tenant = FakeTenant.generate(spec)

    @Test func sizesFollowTheTenant() {
        let tenant = Self.tenant
        #expect(tenant.roleSets.count == 3)
        #expect(tenant.invitations.count == 3 + 120 / 5)
        #expect(tenant.domains.count == 4 + 120 / 20)
        #expect(tenant.enterpriseConnections.count == 2 + 120 / 100)
        #expect(tenant.machines.count == 3 + 120 / 50)
        #expect(Set(tenant.invitations.map(\.id)).count == tenant.invitations.count)
        #expect(Set(tenant.machines.map(\.id)).count == tenant.machines.count)
    }

    @Test func theSameSeedGivesTheSameCollectionsAndTheGrantsAreThoseOfTheGeneratorAlone() {
        let again = FakeTenant.generate(Self.spec)
        #expect(again == Self.tenant)
        var other = Self.spec
        other.seed = 6
        #expect(FakeTenant.generate(other).invitations.map(\.id) != Self.tenant.invitations.map(\.id))
    }

    @Test func roleSetsAreDefaultRestrictedAndAMigratingSupportSet() throws {
        let sets = Dictionary(uniqueKeysWithValues: Self.tenant.roleSets.map { ($0.key, $0) })
        let roles = Self.tenant.roles
        let defaultSet = try #require(sets["role_set:default"])
        #expect(defaultSet.roleKeys == roles.map(\.key))
        let restricted = try #require(sets["role_set:restricted"])
        #expect(restricted.roleKeys == ["org:admin", "org:member", roles[2].key])
        #expect(restricted.migration == nil)
        let support = try #require(sets["role_set:support"])
        #expect(support.migration?.sourceRoleSetID == support.id)
        #expect(support.migration?.destinationRoleSetID == restricted.id)
        #expect(support.migration?.status == "in_progress")
    }

    @Test func offeredRolesFollowTheRoleSetOrFallBackToEveryRole() throws {
        let tenant = Self.tenant
        let offered = tenant.offeredRoleIDs
        let everyRole = Set(tenant.roles.map(\.id))
        let restrictedIDs = try #require(tenant.roleSetRoleIDs[tenant.roleSets.first { $0.key == "role_set:restricted" }!.id])
        #expect(restrictedIDs.count == 3)
        var sawRestricted = false
        var sawNull = false
        for organization in tenant.organizations {
            switch organization.roleSetKey {
            case "role_set:restricted"?:
                sawRestricted = true
                #expect(offered[organization.id] == restrictedIDs)
            case nil:
                sawNull = true
                #expect(offered[organization.id] == everyRole)
                #expect(tenant.roleSetFallbacks[organization.id] == false)
            default:
                #expect(offered[organization.id] == everyRole)
            }
        }
        #expect(sawRestricted && sawNull)
        #expect(tenant.roleSetFallbacks.values.allSatisfy { !$0 })
    }

    @Test func organizationsOnAnUnlistedSetFallBackWithTheKeyNamed() {
        var spec = Self.spec
        spec.organizationsOnUnlistedRoleSet = 3
        let tenant = FakeTenant.generate(spec)
        let moved = tenant.organizations.filter { $0.roleSetKey == AccessSourceGenerator.unlistedRoleSetKey }
        #expect((1...3).contains(moved.count))
        #expect(Set(tenant.roleSetFallbacks.filter { $0.value }.keys) == Set(moved.map(\.id)))
        let everyRole = Set(tenant.roles.map(\.id))
        #expect(moved.allSatisfy { tenant.offeredRoleIDs[$0.id] == everyRole })
        // Only their key changed: the same organizations, users and memberships as without it.
        #expect(tenant.organizations.map(\.id) == Self.tenant.organizations.map(\.id))
        #expect(tenant.memberships == Self.tenant.memberships)
        #expect(tenant.users == Self.tenant.users)
    }

    @Test func membershipsOutsideTheirSetAreThoseOfRestrictedOrganizationsWithAnotherRole() {
        let tenant = Self.tenant
        let outside = tenant.membershipsOutsideRoleSet
        #expect(!outside.isEmpty)
        let restricted = Set(tenant.organizations.filter { $0.roleSetKey == "role_set:restricted" }.map(\.id))
        let offeredKeys = Set(tenant.roleSets.first { $0.key == "role_set:restricted" }!.roleKeys)
        let knownKeys = Set(tenant.roles.map(\.key))
        let expected = Set(
            tenant.memberships.filter {
                restricted.contains($0.organizationID) && knownKeys.contains($0.roleKey) && !offeredKeys.contains($0.roleKey)
            }.map(\.id))
        #expect(outside == expected)
    }

    @Test func invitationsArePendingAcceptedAndExpiredSomeToAdminsSomeMatchingAUser() {
        let tenant = Self.tenant
        #expect(Set(tenant.invitations.map(\.status)) == ["pending", "accepted", "expired"])
        let pending = tenant.pendingInvitations
        #expect(pending.count == tenant.invitations.filter { $0.status == "pending" }.count)
        #expect(tenant.invitations.contains { $0.status == "pending" && $0.roleKey == "org:admin" })
        let matched = pending.compactMap { $0.value }
        #expect(!matched.isEmpty)
        let usersByID = Dictionary(uniqueKeysWithValues: tenant.users.map { ($0.id, $0) })
        for (invitationID, userID) in pending {
            guard let userID else { continue }
            let invitation = tenant.invitations.first { $0.id == invitationID }!
            #expect(usersByID[userID]?.primaryEmail?.lowercased() == invitation.emailAddress.lowercased())
        }
    }

    @Test func domainsCoverEveryModeAndConnectionsComeWithAndWithoutAnOrganization() {
        let tenant = Self.tenant
        #expect(Set(tenant.domains.map(\.enrollmentMode)) == Set(AccessSourceGenerator.enrollmentModes))
        #expect(Set(tenant.domains.map { $0.verificationStatus ?? "none" }).isSuperset(of: ["verified", "unverified"]))
        #expect(tenant.domainPathIDs == Set(tenant.domains.filter { $0.enrollmentMode != "manual_invitation" }.map(\.id)))
        #expect(tenant.enterpriseConnections.contains { $0.organizationID == nil })
        #expect(tenant.enterpriseSSOPathIDs == Set(tenant.enterpriseConnections.compactMap { $0.organizationID == nil ? nil : $0.id }))
        #expect(!tenant.enterpriseSSOPathIDs.isEmpty)
    }

    @Test func machineScopesNameListedMachinesButOneDangles() {
        let tenant = Self.tenant
        let listed = Set(tenant.machines.map(\.id))
        #expect(tenant.danglingMachineScopes.count == 1)
        #expect(tenant.danglingMachineScopes.allSatisfy { listed.contains($0.from) && !listed.contains($0.to) })
        #expect(!tenant.machineScopes.isEmpty)
        #expect(tenant.machineScopes.allSatisfy { listed.contains($0.from) && listed.contains($0.to) && $0.from != $0.to })
        let total = tenant.machines.reduce(0) { $0 + $1.scopes.count }
        #expect(tenant.machineScopes.count + tenant.danglingMachineScopes.count == total)
    }
}
