import Foundation
import Testing

@testable import ClerkFakeServer

/// Field names of the snapshot 1.1 schemas in bapi 2026-05-12, copied by hand like `ClerkSchemaKeys`.
enum AccessSourceSchemaKeys {
    static let roleSetRequired: Set<String> = [
        "object", "id", "name", "key", "description", "roles", "type", "created_at", "updated_at",
    ]
    static let roleSetAllowed = roleSetRequired.union(["default_role", "creator_role", "role_set_migration"])
    static let roleSetItemRequired: Set<String> = ["object", "id", "name", "key", "description", "created_at", "updated_at"]
    static let roleSetItemAllowed = roleSetItemRequired.union(["members_count", "has_members"])
    static let migrationRequired: Set<String> = [
        "object", "id", "instance_id", "source_role_set_id", "trigger_type", "status", "migrated_members", "created_at",
        "updated_at",
    ]
    static let migrationAllowed = migrationRequired.union([
        "organization_id", "dest_role_set_id", "mappings", "started_at", "completed_at",
    ])
    static let invitationRequired: Set<String> = [
        "object", "id", "email_address", "role", "role_name", "public_metadata", "url", "expires_at", "created_at",
        "updated_at", "inviter_id", "public_inviter_data",
    ]
    static let invitationAllowed = invitationRequired.union([
        "organization_id", "status", "private_metadata", "public_organization_data",
    ])
    static let publicOrganizationDataRequired: Set<String> = ["id", "name", "slug", "has_image"]
    static let publicOrganizationDataAllowed = publicOrganizationDataRequired.union(["image_url"])
    static let domainRequired: Set<String> = [
        "object", "id", "organization_id", "name", "enrollment_mode", "affiliation_email_address",
        "affiliation_verification", "ownership_verification", "verification", "total_pending_invitations",
        "total_pending_suggestions", "created_at", "updated_at",
    ]
    static let domainAllowed = domainRequired.union(["public_organization_data"])
    static let domainVerificationRequired: Set<String> = ["status", "strategy", "attempts", "expire_at", "verified_at"]
    static let enterpriseConnectionRequired: Set<String> = [
        "object", "id", "name", "provider", "active", "domains", "authenticatable", "disable_jit_provisioning",
        "created_at", "updated_at",
    ]
    static let enterpriseConnectionAllowed = enterpriseConnectionRequired.union([
        "logo_public_url", "organization_id", "sync_user_attributes", "disable_additional_identifications",
        "allow_organization_account_linking", "custom_attributes", "saml_connection", "oauth_config",
    ])
    static let scopedMachineRequired: Set<String> = ["object", "id", "name", "instance_id", "created_at", "updated_at"]
    static let scopedMachineAllowed = scopedMachineRequired.union(["default_token_ttl"])
    static let machineRequired = scopedMachineRequired.union(["scoped_machines"])
    static let machineAllowed = machineRequired.union(["default_token_ttl"])
    static let organizationSettingsRequired: Set<String> = [
        "object", "enabled", "max_allowed_memberships", "max_allowed_roles", "max_allowed_domains", "creator_role",
        "admin_delete_enabled", "domains_enabled", "domains_enrollment_modes", "domains_default_role",
    ]
    static let organizationSettingsAllowed = organizationSettingsRequired.union([
        "max_role_sets_allowed", "max_allowed_permissions", "slug_disabled", "initial_role_set_key",
    ])
}

@Suite("Snapshot 1.1 endpoints follow the Clerk OpenAPI schemas")
struct AccessSourceEndpointTests {
    typealias Keys = AccessSourceSchemaKeys

    static func expectShape(_ object: [String: Any], required: Set<String>, allowed: Set<String>, object name: String?) {
        let keys = Set(object.keys)
        #expect(keys.isSuperset(of: required), "missing \(required.subtracting(keys).sorted())")
        #expect(keys.isSubset(of: allowed), "not in the schema: \(keys.subtracting(allowed).sorted())")
        if let name { #expect(object["object"] as? String == name) }
    }

    @Test func roleSetsEmbedTheirRolesAndMigration() async throws {
        let tenant = TestTenants.medium
        try await withFakeServer(tenant) { _, client in
            let answer = try await client.get("/v1/role_sets?limit=500")
            #expect(answer.status == 200)
            let sets = try answer.dataItems()
            #expect(try answer.totalCount() == tenant.roleSets.count)
            #expect(sets.map { $0["id"] as? String } == tenant.roleSets.map(\.id))
            for (set, fake) in zip(sets, tenant.roleSets) {
                Self.expectShape(set, required: Keys.roleSetRequired, allowed: Keys.roleSetAllowed, object: "role_set")
                let roles = try #require(set["roles"] as? [[String: Any]])
                #expect(roles.map { $0["key"] as? String } == fake.roleKeys)
                for role in roles {
                    Self.expectShape(role, required: Keys.roleSetItemRequired, allowed: Keys.roleSetItemAllowed, object: "role_set_item")
                }
                #expect((set["default_role"] as? [String: Any])?["key"] as? String == fake.defaultRoleKey)
                if let migration = fake.migration {
                    let json = try #require(set["role_set_migration"] as? [String: Any])
                    Self.expectShape(json, required: Keys.migrationRequired, allowed: Keys.migrationAllowed, object: "role_set_migration")
                    #expect(json["source_role_set_id"] as? String == migration.sourceRoleSetID)
                    #expect(json["dest_role_set_id"] as? String == migration.destinationRoleSetID)
                    #expect(json["status"] as? String == "in_progress")
                } else {
                    #expect(set["role_set_migration"] is NSNull)
                }
            }
        }
    }

    @Test func invitationsAreFilteredByEveryStatusAsked() async throws {
        let tenant = TestTenants.medium
        try await withFakeServer(tenant) { _, client in
            let all = try await client.get("/v1/organization_invitations?limit=500")
            #expect(try all.totalCount() == tenant.invitations.count)
            let pending = try await client.get("/v1/organization_invitations?limit=500&status=pending")
            let pendingIDs = tenant.invitations.filter { $0.status == "pending" }.map(\.id)
            #expect(try pending.dataItems().map { $0["id"] as? String } == pendingIDs)
            #expect(try pending.totalCount() == pendingIDs.count)
            let two = try await client.get("/v1/organization_invitations?limit=500&status=pending&status=expired")
            let twoIDs = tenant.invitations.filter { $0.status == "pending" || $0.status == "expired" }.map(\.id)
            #expect(try two.dataItems().map { $0["id"] as? String } == twoIDs)
            let organizations = Dictionary(uniqueKeysWithValues: tenant.organizations.map { ($0.id, $0) })
            for (json, fake) in zip(try all.dataItems(), tenant.invitations) {
                Self.expectShape(json, required: Keys.invitationRequired, allowed: Keys.invitationAllowed, object: "organization_invitation")
                #expect(json["email_address"] as? String == fake.emailAddress)
                #expect(json["role"] as? String == fake.roleKey)
                #expect(json["status"] as? String == fake.status)
                #expect(json["organization_id"] as? String == fake.organizationID)
                let data = try #require(json["public_organization_data"] as? [String: Any])
                Self.expectShape(
                    data, required: Keys.publicOrganizationDataRequired, allowed: Keys.publicOrganizationDataAllowed, object: nil)
                #expect(data["slug"] as? String == organizations[fake.organizationID]?.slug)
            }
        }
    }

    @Test func domainsConnectionsMachinesAndSettingsCarryTheSchemaFields() async throws {
        let tenant = TestTenants.medium
        try await withFakeServer(tenant) { _, client in
            let domains = try await client.get("/v1/organization_domains?limit=500").dataItems()
            #expect(domains.map { $0["id"] as? String } == tenant.domains.map(\.id))
            for (json, fake) in zip(domains, tenant.domains) {
                Self.expectShape(json, required: Keys.domainRequired, allowed: Keys.domainAllowed, object: "organization_domain")
                #expect(json["enrollment_mode"] as? String == fake.enrollmentMode)
                if let status = fake.verificationStatus {
                    let verification = try #require(json["verification"] as? [String: Any])
                    #expect(Set(verification.keys) == Keys.domainVerificationRequired)
                    #expect(verification["status"] as? String == status)
                } else {
                    #expect(json["verification"] is NSNull && json["affiliation_verification"] is NSNull)
                }
            }
            let connections = try await client.get("/v1/enterprise_connections?limit=500").dataItems()
            #expect(connections.map { $0["id"] as? String } == tenant.enterpriseConnections.map(\.id))
            for (json, fake) in zip(connections, tenant.enterpriseConnections) {
                Self.expectShape(
                    json, required: Keys.enterpriseConnectionRequired, allowed: Keys.enterpriseConnectionAllowed,
                    object: "enterprise_connection")
                #expect(json["organization_id"] as? String == fake.organizationID)
                #expect(json["active"] as? Bool == fake.active)
            }
            let machines = try await client.get("/v1/machines?limit=500").dataItems()
            #expect(machines.map { $0["id"] as? String } == tenant.machines.map(\.id))
            for (json, fake) in zip(machines, tenant.machines) {
                Self.expectShape(json, required: Keys.machineRequired, allowed: Keys.machineAllowed, object: "machine")
                let scoped = try #require(json["scoped_machines"] as? [[String: Any]])
                #expect(scoped.map { $0["id"] as? String } == fake.scopes.map(\.id))
                for scope in scoped {
                    Self.expectShape(scope, required: Keys.scopedMachineRequired, allowed: Keys.scopedMachineAllowed, object: "machine")
                }
            }
            let settings = try #require(try await client.get("/v1/instance/organization_settings").json() as? [String: Any])
            Self.expectShape(
                settings, required: Keys.organizationSettingsRequired, allowed: Keys.organizationSettingsAllowed,
                object: "organization_settings")
            #expect(settings["domains_default_role"] as? String == "org:member")
            #expect(settings["initial_role_set_key"] as? String == "role_set:default")
        }
    }

    @Test func listsPageByLimitAndOffset() async throws {
        let tenant = TestTenants.medium
        try await withFakeServer(tenant) { _, client in
            let first = try await client.get("/v1/organization_invitations?limit=3&offset=0").dataItems()
            let second = try await client.get("/v1/organization_invitations?limit=3&offset=3").dataItems()
            #expect((first + second).map { $0["id"] as? String } == tenant.invitations.prefix(6).map(\.id))
            let past = try await client.get("/v1/machines?limit=500&offset=10000")
            #expect(try past.dataItems().isEmpty)
            #expect(try past.totalCount() == tenant.machines.count)
        }
    }

    @Test func refusedPathsAnswer403WithAClerkErrorAndOthersStillWork() async throws {
        let behavior = FakeServerBehavior(refusedPaths: ["/v1/machines", "/v1/instance/organization_settings"])
        try await withFakeServer(TestTenants.small, behavior: behavior) { server, client in
            let machines = try await client.get("/v1/machines?limit=500")
            #expect(machines.status == 403)
            #expect(try machines.errorCode() == "authorization_invalid")
            let settings = try await client.get("/v1/instance/organization_settings")
            #expect(settings.status == 403)
            let roleSets = try await client.get("/v1/role_sets?limit=500")
            #expect(roleSets.status == 200)
            #expect(server.stats.requestsByPath["/v1/machines"] == 1)
        }
    }
}
