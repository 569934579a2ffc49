/// The snapshot 1.1 objects, rendered as the OpenAPI schemas of bapi 2026-05-12 give them: `RoleSet`,
/// `OrganizationInvitation`, `OrganizationDomain`, `EnterpriseConnection`, `Machine`, `OrganizationSettings`.
extension ClerkObjectRenderer {
    /// The instance every fake object belongs to (`Machine.instance_id`, `RoleSetMigration.instance_id`).
    static let instanceID = "ins_2FakeInstance00000000000000"

    /// A `RoleSet` with its `RoleSetItem`s; a role key the tenant does not define is left out, since there
    /// is no role to embed.
    static func roleSet(_ set: FakeRoleSet, rolesByKey: [String: FakeRole], into json: inout JSONBytes) {
        json.raw("{\"object\":\"role_set\",\"id\":")
        json.string(set.id)
        json.raw(",\"name\":")
        json.string(set.name)
        json.raw(",\"key\":")
        json.string(set.key)
        json.raw(",\"description\":")
        json.string(orNull: set.description)
        json.raw(",\"roles\":[")
        var first = true
        for key in set.roleKeys {
            guard let role = rolesByKey[key] else { continue }
            if !first { json.raw(",") }
            first = false
            roleSetItem(role, into: &json)
        }
        json.raw("],\"default_role\":")
        optionalItem(set.defaultRoleKey.flatMap { rolesByKey[$0] }, into: &json)
        json.raw(",\"creator_role\":")
        optionalItem(set.creatorRoleKey.flatMap { rolesByKey[$0] }, into: &json)
        json.raw(",\"type\":")
        json.string(set.type)
        json.raw(",\"role_set_migration\":")
        if let migration = set.migration {
            json.raw("{\"object\":\"role_set_migration\",\"id\":")
            json.string(migration.id)
            json.raw(",\"organization_id\":null,\"instance_id\":")
            json.string(instanceID)
            json.raw(",\"source_role_set_id\":")
            json.string(migration.sourceRoleSetID)
            json.raw(",\"dest_role_set_id\":")
            json.string(orNull: migration.destinationRoleSetID)
            json.raw(",\"trigger_type\":")
            json.string(migration.triggerType)
            json.raw(",\"status\":")
            json.string(migration.status)
            json.raw(",\"migrated_members\":0,\"mappings\":null,\"started_at\":")
            json.int(set.updatedAt)
            json.raw(",\"completed_at\":null,\"created_at\":")
            json.int(set.updatedAt)
            json.raw(",\"updated_at\":")
            json.int(set.updatedAt)
            json.raw("}")
        } else {
            json.raw("null")
        }
        json.raw(",\"created_at\":")
        json.int(set.createdAt)
        json.raw(",\"updated_at\":")
        json.int(set.updatedAt)
        json.raw("}")
    }

    private static func optionalItem(_ role: FakeRole?, into json: inout JSONBytes) {
        if let role { roleSetItem(role, into: &json) } else { json.raw("null") }
    }

    private static func roleSetItem(_ role: FakeRole, into json: inout JSONBytes) {
        json.raw("{\"object\":\"role_set_item\",\"id\":")
        json.string(role.id)
        json.raw(",\"name\":")
        json.string(role.name)
        json.raw(",\"key\":")
        json.string(role.key)
        json.raw(",\"description\":")
        json.string(orNull: role.description)
        json.raw(",\"created_at\":")
        json.int(role.createdAt)
        json.raw(",\"updated_at\":")
        json.int(role.updatedAt)
        json.raw("}")
    }

    /// An `OrganizationInvitationWithPublicOrganizationData`, as the instance-wide list answers. `role_name`
    /// is required: an invitation to a key no role has shows the key.
    static func invitation(
        _ invitation: FakeInvitation, roleName: String?, organization: FakeOrganization?, into json: inout JSONBytes
    ) {
        json.raw("{\"object\":\"organization_invitation\",\"id\":")
        json.string(invitation.id)
        json.raw(",\"email_address\":")
        json.string(invitation.emailAddress)
        json.raw(",\"role\":")
        json.string(invitation.roleKey)
        json.raw(",\"role_name\":")
        json.string(roleName ?? invitation.roleKey)
        json.raw(",\"organization_id\":")
        json.string(invitation.organizationID)
        json.raw(",\"inviter_id\":null,\"public_inviter_data\":null,\"status\":")
        json.string(invitation.status)
        json.raw(",\"public_metadata\":{},\"private_metadata\":{},\"url\":null,\"expires_at\":")
        json.int(orNull: invitation.expiresAt)
        json.raw(",\"created_at\":")
        json.int(invitation.createdAt)
        json.raw(",\"updated_at\":")
        json.int(invitation.updatedAt)
        if let organization {
            json.raw(",\"public_organization_data\":{\"id\":")
            json.string(organization.id)
            json.raw(",\"name\":")
            json.string(organization.name)
            json.raw(",\"slug\":")
            json.string(organization.slug)
            json.raw(",\"image_url\":")
            json.raw(defaultImageURL)
            json.raw(",\"has_image\":false}")
        }
        json.raw("}")
    }

    /// An `OrganizationDomain`: the affiliation verification and its deprecated alias `verification` agree.
    static func domain(_ domain: FakeOrganizationDomain, into json: inout JSONBytes) {
        json.raw("{\"object\":\"organization_domain\",\"id\":")
        json.string(domain.id)
        json.raw(",\"organization_id\":")
        json.string(domain.organizationID)
        json.raw(",\"name\":")
        json.string(domain.name)
        json.raw(",\"enrollment_mode\":")
        json.string(domain.enrollmentMode)
        json.raw(",\"affiliation_email_address\":")
        json.string(orNull: domain.verificationStatus == nil ? nil : "admin@" + domain.name)
        json.raw(",\"affiliation_verification\":")
        verification(domain.verificationStatus, into: &json)
        json.raw(",\"ownership_verification\":null,\"verification\":")
        verification(domain.verificationStatus, into: &json)
        json.raw(",\"total_pending_invitations\":")
        json.int(domain.totalPendingInvitations)
        json.raw(",\"total_pending_suggestions\":")
        json.int(domain.totalPendingSuggestions)
        json.raw(",\"created_at\":")
        json.int(domain.createdAt)
        json.raw(",\"updated_at\":")
        json.int(domain.updatedAt)
        json.raw("}")
    }

    private static func verification(_ status: String?, into json: inout JSONBytes) {
        guard let status else {
            json.raw("null")
            return
        }
        json.raw("{\"status\":")
        json.string(status)
        json.raw(",\"strategy\":\"email_code\",\"attempts\":null,\"expire_at\":null,\"verified_at\":null}")
    }

    /// An `EnterpriseConnection` without its provider-specific `saml_connection`/`oauth_config` (optional).
    static func enterpriseConnection(_ connection: FakeEnterpriseConnection, into json: inout JSONBytes) {
        json.raw("{\"object\":\"enterprise_connection\",\"id\":")
        json.string(connection.id)
        json.raw(",\"name\":")
        json.string(connection.name)
        json.raw(",\"provider\":")
        json.string(connection.provider)
        json.raw(",\"logo_public_url\":null,\"active\":")
        json.bool(connection.active)
        json.raw(",\"domains\":[")
        for (index, domain) in connection.domains.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(domain)
        }
        json.raw("],\"organization_id\":")
        json.string(orNull: connection.organizationID)
        json.raw(",\"sync_user_attributes\":true,\"disable_additional_identifications\":false,")
        json.raw("\"allow_organization_account_linking\":")
        json.bool(connection.organizationID != nil)
        json.raw(",\"custom_attributes\":[],\"authenticatable\":true,\"disable_jit_provisioning\":false,\"created_at\":")
        json.int(connection.createdAt)
        json.raw(",\"updated_at\":")
        json.int(connection.updatedAt)
        json.raw("}")
    }

    /// A `Machine` with its `scoped_machines` (each a `MachineWithoutScopedMachines`); a scope naming a
    /// machine the tenant does not list carries its own id and name and the scoping machine's times.
    static func machine(_ machine: FakeMachine, machinesByID: [String: FakeMachine], into json: inout JSONBytes) {
        machineHead(id: machine.id, name: machine.name, machine: machine, into: &json)
        json.raw(",\"scoped_machines\":[")
        for (index, scope) in machine.scopes.enumerated() {
            if index > 0 { json.raw(",") }
            machineHead(id: scope.id, name: scope.name, machine: machinesByID[scope.id] ?? machine, into: &json)
            json.raw("}")
        }
        json.raw("]}")
    }

    private static func machineHead(id: String, name: String, machine: FakeMachine, into json: inout JSONBytes) {
        json.raw("{\"object\":\"machine\",\"id\":")
        json.string(id)
        json.raw(",\"name\":")
        json.string(name)
        json.raw(",\"instance_id\":")
        json.string(instanceID)
        json.raw(",\"created_at\":")
        json.int(machine.createdAt)
        json.raw(",\"updated_at\":")
        json.int(machine.updatedAt)
        json.raw(",\"default_token_ttl\":")
        json.int(machine.defaultTokenTTL)
    }

    /// `Session` (the spec's schema is `additionalProperties: false`: exactly its members).
    static func session(_ session: FakeSession, into json: inout JSONBytes) {
        json.raw("{\"object\":\"session\",\"id\":")
        json.string(session.id)
        json.raw(",\"user_id\":")
        json.string(session.userID)
        json.raw(",\"client_id\":")
        json.string(session.clientID)
        json.raw(",\"actor\":null,\"status\":")
        json.string(session.status)
        json.raw(",\"last_active_organization_id\":null,\"last_active_at\":")
        json.int(session.lastActiveAt)
        json.raw(",\"latest_activity\":{\"object\":\"session_activity\",\"id\":")
        json.string("sess_activity_" + session.id.dropFirst("sess_".count))
        json.raw(",\"is_mobile\":false,\"browser_name\":\"Firefox\",\"country\":\"DE\"},\"expire_at\":")
        json.int(session.lastActiveAt + 7 * 86_400_000)
        json.raw(",\"abandon_at\":")
        json.int(session.createdAt + 30 * 86_400_000)
        json.raw(",\"updated_at\":")
        json.int(session.lastActiveAt)
        json.raw(",\"created_at\":")
        json.int(session.createdAt)
        json.raw(",\"tasks\":null}")
    }

    /// `OrganizationSettings`: the limits are a small plan's; the enrollment modes are all three a domain
    /// may use besides enterprise SSO.
    static func organizationSettings(_ settings: FakeOrganizationSettings) -> [UInt8] {
        var json = JSONBytes(capacity: 512)
        json.raw("{\"object\":\"organization_settings\",\"enabled\":true,\"max_allowed_memberships\":0,")
        json.raw("\"max_allowed_roles\":10,\"max_role_sets_allowed\":10,\"max_allowed_domains\":10,\"creator_role\":")
        json.string(settings.creatorRole)
        json.raw(",\"admin_delete_enabled\":true,\"domains_enabled\":")
        json.bool(settings.domainsEnabled)
        json.raw(",\"slug_disabled\":false,")
        json.raw("\"domains_enrollment_modes\":[\"manual_invitation\",\"automatic_invitation\",\"automatic_suggestion\"],")
        json.raw("\"domains_default_role\":")
        json.string(settings.domainsDefaultRole)
        json.raw(",\"initial_role_set_key\":")
        json.string(orNull: settings.initialRoleSetKey)
        json.raw("}")
        return json.bytes
    }
}
