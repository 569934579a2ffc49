import AccessReview
import Testing

@Suite("Effective permissions")
struct EffectivePermissionTests {
    let index: AccessIndex

    init() throws { index = try DemoSnapshot.index() }

    @Test func everyMemberGrantBecomesOneMembership() throws {
        let memberGrants = try DemoSnapshot.load().graph.grants.filter { $0.entitlement.hasSuffix(":member") }
        #expect(index.memberships.count == 20)
        #expect(Set(index.memberships.map(\.memberGrant)) == Set(memberGrants.map(\.id)))
    }

    @Test func expandsUserRolePermissionWithItsPath() throws {
        let bob = try #require(index.membership(id: "orgmem_2MxAcmeBob00000000000000000"))
        let derived = index.effectivePermissions(of: bob)
        #expect(derived.count == 9)
        let manage = try #require(derived.first { $0.permissionKey == "org:sys_memberships:manage" })
        #expect(manage.user == "user:user_2NxBobBaker0000000000000000")
        #expect(manage.organization == "organization:org_2QxAcmeCorp0000000000000000")
        #expect(manage.role == "role:role_2RxAdmin0000000000000000000")
        #expect(manage.membershipID == "orgmem_2MxAcmeBob00000000000000000")
        #expect(manage.permission == "permission:perm_2PxSysMembershipsManage0000")
        #expect(bob.isAdmin)

        let billing = try #require(index.membership(id: "orgmem_2MxInitechBob00000000000000"))
        #expect(billing.permissionKeys == ["org:invoices:read", "org:sys_billing:manage", "org:sys_billing:read"])
        #expect(!billing.isAdmin)
    }

    @Test func unresolvedRoleImpliesNoPermissions() throws {
        let niaj = try #require(index.membership(id: "orgmem_2MxGlobexNiaj00000000000000"))
        #expect(niaj.role == nil)
        #expect(niaj.roleKey == "org:legacy_editor")
        #expect(index.effectivePermissions(of: niaj).isEmpty)
    }

    @Test func adminsPerOrganization() {
        let counts = index.organizations.map { index.admins(of: $0.id).count }
        #expect(index.organizations.map(\.displayName) == ["Acme Corp", "Globex", "Initech", "Umbrella Research"])
        #expect(counts == [4, 1, 1, 0])
    }

    @Test func adminsAreListedFirst() throws {
        let acme = index.memberships(of: "organization:org_2QxAcmeCorp0000000000000000")
        let flags = acme.map(\.isAdmin)
        #expect(flags == [true, true, true, true, false, false])
    }

    @Test func whoCanListsHoldersPerOrganization() throws {
        let report = try #require(WhoCanReport(index, permissionKey: "org:sys_memberships:manage"))
        #expect(report.holderCount == 6)
        #expect(report.organizations.map { $0.holders.count } == [4, 1, 1, 0])
        #expect(WhoCanReport(index, permissionKey: "org:no_such:permission") == nil)
        let umbrella = try #require(index.organization(matching: "umbrella-research"))
        let scoped = try #require(WhoCanReport(index, permissionKey: "org:reports:read", organization: umbrella))
        #expect(scoped.organizations.count == 1)
        #expect(scoped.organizations[0].holders.map(\.permission.user).sorted() == [
            "user:user_2NxCarolChen000000000000000", "user:user_2NxOscarOrtiz00000000000000",
        ])
    }

    @Test func usersAreFoundByIDOrEmail() {
        #expect(index.user(matching: "user_2NxDaveDiaz0000000000000000")?.displayName == "Dave Diaz")
        #expect(index.user(matching: "user:user_2NxDaveDiaz0000000000000000")?.displayName == "Dave Diaz")
        #expect(index.user(matching: "Dave.Diaz@Example.com")?.displayName == "Dave Diaz")
        #expect(index.user(matching: "nobody@example.com") == nil)
        #expect(index.user(matching: "org_2QxAcmeCorp0000000000000000") == nil)
    }
}
