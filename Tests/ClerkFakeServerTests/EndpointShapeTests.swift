import Foundation
import Testing

@testable import ClerkFakeServer

@Suite("Endpoint shapes follow the Clerk OpenAPI schemas")
struct EndpointShapeTests {
    @Test func usersCarryEveryRequiredFieldAndNoOther() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let answer = try await client.get("/v1/users?limit=500")
            #expect(answer.header("Content-Type") == "application/json")
            let users = try answer.users()
            #expect(users.count == 500)
            for user in users {
                let keys = Set(user.keys)
                #expect(keys.isSuperset(of: ClerkSchemaKeys.userRequired))
                #expect(keys.isSubset(of: ClerkSchemaKeys.userAllowed))
                #expect(user["object"] as? String == "user")
                let emails = try #require(user["email_addresses"] as? [[String: Any]])
                if let primaryID = user["primary_email_address_id"] as? String {
                    let email = try #require(emails.first)
                    #expect(email["id"] as? String == primaryID)
                    #expect(Set(email.keys).isSuperset(of: ClerkSchemaKeys.emailAddressRequired))
                    #expect(Set(email.keys).isSubset(of: ClerkSchemaKeys.emailAddressAllowed))
                    let verification = try #require(email["verification"] as? [String: Any])
                    #expect(Set(verification.keys).isSuperset(of: ClerkSchemaKeys.otpVerificationRequired))
                    #expect(Set(verification.keys).isSubset(of: ClerkSchemaKeys.otpVerificationAllowed))
                    #expect(verification["object"] as? String == "verification_otp")
                    #expect(verification["strategy"] as? String == "email_code")
                    #expect(["verified", "unverified"].contains(verification["status"] as? String))
                    #expect(verification["attempts"] is NSNull && verification["expire_at"] is NSNull)
                } else {
                    #expect(emails.isEmpty)
                    #expect(user["username"] is String)
                }
            }
        }
    }

    @Test func userFieldsMatchTheTenant() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let json = try await client.get("/v1/users?limit=500").users()
            for (object, user) in zip(json, TestTenants.medium.users) {
                #expect(object["id"] as? String == user.id)
                #expect((object["created_at"] as? NSNumber)?.int64Value == user.createdAt)
                #expect((object["last_sign_in_at"] as? NSNumber)?.int64Value == user.lastSignInAt)
                #expect((object["last_active_at"] as? NSNumber)?.int64Value == user.lastActiveAt)
                #expect(object["banned"] as? Bool == user.banned)
                #expect(object["locked"] as? Bool == user.locked)
                #expect(object["two_factor_enabled"] as? Bool == user.twoFactorEnabled)
                #expect(object["first_name"] as? String == user.firstName)
                #expect(object["last_name"] as? String == user.lastName)
                #expect(object["username"] as? String == user.username)
                #expect(object["external_id"] as? String == user.externalID)
                let email = (object["email_addresses"] as? [[String: Any]])?.first
                #expect(email?["email_address"] as? String == user.primaryEmail)
            }
        }
    }

    @Test func stringsThatNeedEscapingSurviveTheRoundTrip() async throws {
        let awkward = "q\"b\\s/n\nr\rt\tc\u{01}\u{1F}é李😀\u{2028}end"
        let user = FakeUser(
            id: "user_awkward", createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, primaryEmail: "a@b.test",
            emailVerified: false, username: awkward, firstName: awkward, lastName: nil, externalID: nil,
            banned: false, locked: true, twoFactorEnabled: false, lastSignInAt: nil, lastActiveAt: nil)
        let organization = FakeOrganization(
            id: "org_awkward", name: awkward, slug: "awkward", createdAt: 1, updatedAt: 2, roleSetKey: nil)
        let membership = FakeMembership(
            id: "orgmem_1", organizationID: organization.id, userID: user.id, roleKey: awkward, createdAt: 3,
            updatedAt: 4)
        let tenant = FakeTenant(
            users: [user], organizations: [organization], roles: [], permissions: [], memberships: [membership])
        try await withFakeServer(tenant) { _, client in
            let users = try await client.get("/v1/users").users()
            #expect(users.first?["first_name"] as? String == awkward)
            #expect(users.first?["username"] as? String == awkward)
            let memberships = try await client.get("/v1/organization_memberships").dataItems()
            #expect(memberships.first?["role"] as? String == awkward)
            #expect(memberships.first?["role_name"] == nil)  // no role has this key
            #expect((memberships.first?["permissions"] as? [Any])?.isEmpty == true)
            let embedded = memberships.first?["organization"] as? [String: Any]
            #expect(embedded?["name"] as? String == awkward)
            #expect(embedded?["role_set_key"] is NSNull)
        }
    }

    @Test func organizationsPageWithTotalCountAndOptionalMembersCount() async throws {
        let tenant = TestTenants.medium
        try await withFakeServer(tenant) { _, client in
            let plain = try await client.get("/v1/organizations?limit=100")
            #expect(try plain.totalCount() == 40)
            let organizations = try plain.dataItems()
            #expect(organizations.compactMap { $0["id"] as? String } == tenant.organizations.map(\.id))
            for organization in organizations {
                #expect(Set(organization.keys).isSuperset(of: ClerkSchemaKeys.organizationRequired))
                #expect(organization["members_count"] == nil)
            }
            let counted = try await client.get("/v1/organizations?limit=100&include_members_count=true").dataItems()
            for organization in counted {
                let id = try #require(organization["id"] as? String)
                let expected = tenant.memberships.filter { $0.organizationID == id }.count
                #expect(organization["members_count"] as? Int == expected)
            }
            let second = try await client.get("/v1/organizations?limit=15&offset=30").dataItems()
            #expect(second.compactMap { $0["id"] as? String } == tenant.organizations[30..<40].map(\.id))
        }
    }

    @Test func rolesEmbedTheirPermissionObjects() async throws {
        try await withFakeServer(TestTenants.small) { _, client in
            let answer = try await client.get("/v1/organization_roles?limit=100")
            #expect(try answer.totalCount() == 5)
            let roles = try answer.dataItems()
            for role in roles {
                #expect(Set(role.keys).isSuperset(of: ClerkSchemaKeys.roleRequired))
                for permission in try #require(role["permissions"] as? [[String: Any]]) {
                    #expect(Set(permission.keys).isSuperset(of: ClerkSchemaKeys.permissionRequired))
                }
            }
            let admin = try #require(roles.first { $0["key"] as? String == "org:admin" })
            let adminPermissions = try #require(admin["permissions"] as? [[String: Any]])
            #expect(adminPermissions.count == 9)
            #expect(adminPermissions.allSatisfy { $0["type"] as? String == "system" })
            let firstTwo = try await client.get("/v1/organization_roles?limit=2").dataItems()
            #expect(firstTwo.compactMap { $0["key"] as? String } == ["org:admin", "org:member"])
        }
    }

    @Test func permissionsListSystemThenCustom() async throws {
        try await withFakeServer(TestTenants.small) { _, client in
            let answer = try await client.get("/v1/organization_permissions?limit=100")
            #expect(try answer.totalCount() == 15)
            let permissions = try answer.dataItems()
            #expect(permissions.compactMap { $0["key"] as? String } == TestTenants.small.permissions.map(\.key))
            #expect(permissions.allSatisfy { Set($0.keys).isSuperset(of: ClerkSchemaKeys.permissionRequired) })
        }
    }

    @Test func instanceMembershipsPageThroughEveryMembershipOnce() async throws {
        let tenant = TestTenants.small
        try await withFakeServer(tenant) { _, client in
            var ids: [String] = []
            var offset = 0
            while true {
                let answer = try await client.get("/v1/organization_memberships?limit=50&offset=\(offset)")
                #expect(try answer.totalCount() == 120)
                let page = try answer.dataItems()
                for membership in page {
                    #expect(Set(membership.keys).isSuperset(of: ClerkSchemaKeys.membershipRequired))
                    let organization = try #require(membership["organization"] as? [String: Any])
                    #expect(Set(organization.keys).isSuperset(of: ClerkSchemaKeys.organizationRequired))
                    let publicUser = try #require(membership["public_user_data"] as? [String: Any])
                    #expect(Set(publicUser.keys).isSuperset(of: ClerkSchemaKeys.publicUserDataRequired))
                    #expect(Set(publicUser.keys).isSubset(of: ClerkSchemaKeys.publicUserDataAllowed))
                }
                ids += page.compactMap { $0["id"] as? String }
                offset += 50
                if page.count < 50 { break }
            }
            #expect(ids == tenant.memberships.map(\.id))
        }
    }

    @Test func membershipRolesCarryRoleNameAndPermissionKeys() async throws {
        let tenant = TestTenants.small
        let roles = Dictionary(uniqueKeysWithValues: tenant.roles.map { ($0.key, $0) })
        try await withFakeServer(tenant) { _, client in
            let memberships = try await client.get("/v1/organization_memberships?limit=500").dataItems()
            for (object, membership) in zip(memberships, tenant.memberships) {
                #expect(object["role"] as? String == membership.roleKey)
                #expect(object["role_name"] as? String == roles[membership.roleKey]?.name)
                #expect(object["permissions"] as? [String] == roles[membership.roleKey]?.permissionKeys ?? [])
                let publicUser = object["public_user_data"] as? [String: Any]
                #expect(publicUser?["user_id"] as? String == membership.userID)
                #expect((object["organization"] as? [String: Any])?["id"] as? String == membership.organizationID)
            }
            #expect(tenant.membershipsWithUnknownRole.count == 1)
        }
    }

    @Test func organizationMembershipsListOneOrganization() async throws {
        let tenant = TestTenants.small
        try await withFakeServer(tenant) { server, client in
            var all: [String] = []
            for organization in tenant.organizations {
                let answer = try await client.get("/v1/organizations/\(organization.id)/memberships?limit=500")
                let expected = tenant.memberships.filter { $0.organizationID == organization.id }.map(\.id)
                #expect(try answer.totalCount() == expected.count)
                #expect(try answer.dataItems().compactMap { $0["id"] as? String } == expected)
                all += expected
            }
            #expect(Set(all) == Set(tenant.memberships.map(\.id)))
            #expect(server.stats.requestsByPath["/v1/organizations/{organization_id}/memberships"] == 6)
        }
    }

    @Test func unknownOrganizationPathAndMethodAre404WithAClerkErrorBody() async throws {
        try await withFakeServer(TestTenants.small) { _, client in
            for path in ["/v1/organizations/org_missing/memberships", "/v1/nothing", "/v1/users/", "/users"] {
                let answer = try await client.get(path)
                #expect(answer.status == 404)
                #expect(try answer.errorCode() == "resource_not_found")
                let object = try #require(try answer.json() as? [String: Any])
                #expect(object["clerk_trace_id"] is String)
                let error = try #require((object["errors"] as? [[String: Any]])?.first)
                #expect(error["message"] is String && error["long_message"] is String)
            }
        }
        let server = FakeClerkServer(tenant: TestTenants.small)
        let url = try server.start()
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: try #require(url.port))
        connection.send("POST /v1/users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
        #expect(connection.readUntilClosed().hasPrefix("HTTP/1.1 404 Not Found\r\n"))
    }

    @Test func nonIntegerLimitIs400() async throws {
        try await withFakeServer(TestTenants.small) { _, client in
            let wordLimit = try await client.get("/v1/organizations?limit=ten")
            let negativeOffset = try await client.get("/v1/organizations?offset=-1")
            #expect(wordLimit.status == 400)
            #expect(try wordLimit.errorCode() == "form_param_format_invalid")
            #expect(negativeOffset.status == 400)
        }
    }
}
