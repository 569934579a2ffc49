/// Renders fake objects as the JSON of the Clerk Backend API's OpenAPI schemas (bapi 2026-05-12): every
/// required field present, in schema order, with the nullable ones written as `null` rather than left out.
enum ClerkObjectRenderer {
    /// The shape of the URLs Clerk serves for default avatars; long on purpose, as real ones are, so byte
    /// counts stay realistic.
    static let defaultImageURL: StaticString =
        "\"https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCIsImlpZCI6Imluc18yRmFrZUluc3RhbmNlIiwicmlkIjoidXNlcl9mYWtlIn0\""

    static func user(_ user: FakeUser, into json: inout JSONBytes) {
        json.raw("{\"id\":")
        json.string(user.id)
        json.raw(",\"object\":\"user\",\"external_id\":")
        json.string(orNull: user.externalID)
        json.raw(",\"primary_email_address_id\":")
        json.string(orNull: user.primaryEmailAddressID)
        json.raw(",\"primary_phone_number_id\":null,\"primary_web3_wallet_id\":null,\"username\":")
        json.string(orNull: user.username)
        json.raw(",\"first_name\":")
        json.string(orNull: user.firstName)
        json.raw(",\"last_name\":")
        json.string(orNull: user.lastName)
        json.raw(",\"locale\":null,\"profile_image_url\":")
        json.raw(defaultImageURL)
        json.raw(",\"image_url\":")
        json.raw(defaultImageURL)
        json.raw(",\"has_image\":false,\"public_metadata\":{},\"private_metadata\":{},\"unsafe_metadata\":{},")
        json.raw("\"email_addresses\":[")
        if let email = user.primaryEmail, let emailID = user.primaryEmailAddressID {
            json.raw("{\"id\":")
            json.string(emailID)
            json.raw(",\"object\":\"email_address\",\"email_address\":")
            json.string(email)
            json.raw(",\"reserved\":false,\"verification\":{\"object\":\"verification_otp\",\"status\":")
            if user.emailVerified { json.raw("\"verified\"") } else { json.raw("\"unverified\"") }
            json.raw(",\"strategy\":\"email_code\",\"attempts\":null,\"expire_at\":null},")
            json.raw("\"linked_to\":[],\"matches_sso_connection\":false,\"created_at\":")
            json.int(user.createdAt)
            json.raw(",\"updated_at\":")
            json.int(user.createdAt)
            json.raw("}")
        }
        json.raw("],\"phone_numbers\":[],\"web3_wallets\":[],\"passkeys\":[],\"password_enabled\":true,")
        json.raw("\"two_factor_enabled\":")
        json.bool(user.twoFactorEnabled)
        json.raw(",\"totp_enabled\":")
        json.bool(user.twoFactorEnabled)
        json.raw(",\"backup_code_enabled\":")
        json.bool(user.twoFactorEnabled)
        json.raw(",\"mfa_enabled_at\":")
        json.int(orNull: user.twoFactorEnabled ? user.createdAt : nil)
        json.raw(",\"mfa_disabled_at\":null,\"password_last_updated_at\":")
        json.int(user.createdAt)
        json.raw(",\"external_accounts\":[],\"saml_accounts\":[],\"enterprise_accounts\":[],\"last_sign_in_at\":")
        json.int(orNull: user.lastSignInAt)
        json.raw(",\"banned\":")
        json.bool(user.banned)
        json.raw(",\"locked\":")
        json.bool(user.locked)
        json.raw(",\"deprovisioned\":false,\"lockout_expires_in_seconds\":null,")
        json.raw("\"verification_attempts_remaining\":100,\"updated_at\":")
        json.int(user.updatedAt)
        json.raw(",\"created_at\":")
        json.int(user.createdAt)
        json.raw(",\"delete_self_enabled\":true,\"create_organization_enabled\":true,")
        json.raw("\"create_organizations_limit\":null,\"last_active_at\":")
        json.int(orNull: user.lastActiveAt)
        json.raw(",\"legal_accepted_at\":null,\"bypass_client_trust\":false}")
    }

    /// An `Organization` object without its closing brace, so a caller can add `members_count` when asked
    /// and close it; cached per organization because every membership embeds one.
    static func openOrganization(_ organization: FakeOrganization) -> [UInt8] {
        var json = JSONBytes(capacity: 512)
        json.raw("{\"object\":\"organization\",\"id\":")
        json.string(organization.id)
        json.raw(",\"name\":")
        json.string(organization.name)
        json.raw(",\"slug\":")
        json.string(organization.slug)
        json.raw(",\"image_url\":")
        json.raw(defaultImageURL)
        json.raw(",\"has_image\":false,\"max_allowed_memberships\":0,\"admin_delete_enabled\":true,")
        json.raw("\"public_metadata\":{},\"private_metadata\":{},\"created_at\":")
        json.int(organization.createdAt)
        json.raw(",\"updated_at\":")
        json.int(organization.updatedAt)
        json.raw(",\"role_set_key\":")
        json.string(orNull: organization.roleSetKey)
        return json.bytes
    }

    static func permission(_ permission: FakePermission, into json: inout JSONBytes) {
        json.raw("{\"object\":\"permission\",\"id\":")
        json.string(permission.id)
        json.raw(",\"name\":")
        json.string(permission.name)
        json.raw(",\"key\":")
        json.string(permission.key)
        json.raw(",\"description\":")
        json.string(permission.description)
        json.raw(",\"type\":")
        json.string(permission.type)
        json.raw(",\"created_at\":")
        json.int(permission.createdAt)
        json.raw(",\"updated_at\":")
        json.int(permission.updatedAt)
        json.raw("}")
    }

    /// A `Role` with its `Permission` objects embedded; a permission key the tenant does not define is left
    /// out, since there is no object to embed.
    static func role(_ role: FakeRole, permissionsByKey: [String: FakePermission], into json: inout JSONBytes) {
        json.raw("{\"object\":\"role\",\"id\":")
        json.string(role.id)
        json.raw(",\"name\":")
        json.string(role.name)
        json.raw(",\"key\":")
        json.string(role.key)
        json.raw(",\"description\":")
        json.string(orNull: role.description)
        json.raw(",\"is_creator_eligible\":")
        json.bool(role.isCreatorEligible)
        json.raw(",\"permissions\":[")
        var first = true
        for key in role.permissionKeys {
            guard let permission = permissionsByKey[key] else { continue }
            if !first { json.raw(",") }
            first = false
            Self.permission(permission, into: &json)
        }
        json.raw("],\"created_at\":")
        json.int(role.createdAt)
        json.raw(",\"updated_at\":")
        json.int(role.updatedAt)
        json.raw("}")
    }

    /// The `role`, `role_name` and `permissions` members of a membership. A key that matches no role gets
    /// no `role_name` (the field is optional) and no permissions, which is what a client must cope with.
    static func membershipRoleMembers(key: String, role: FakeRole?) -> [UInt8] {
        var json = JSONBytes(capacity: 256)
        json.raw("\"role\":")
        json.string(key)
        if let role {
            json.raw(",\"role_name\":")
            json.string(role.name)
        }
        json.raw(",\"permissions\":[")
        for (index, permissionKey) in (role?.permissionKeys ?? []).enumerated() {
            if index > 0 { json.raw(",") }
            json.string(permissionKey)
        }
        json.raw("]")
        return json.bytes
    }

    /// An `OrganizationMembership`, from fragments cached per role key, organization and user.
    static func membership(
        _ membership: FakeMembership, roleMembers: [UInt8], openOrganization: [UInt8], publicUserData: [UInt8],
        into json: inout JSONBytes
    ) {
        json.raw("{\"id\":")
        json.string(membership.id)
        json.raw(",\"object\":\"organization_membership\",")
        json.raw(roleMembers)
        json.raw(",\"public_metadata\":{},\"private_metadata\":{},\"organization\":")
        json.raw(openOrganization)
        json.raw("},\"public_user_data\":")
        json.raw(publicUserData)
        json.raw(",\"created_at\":")
        json.int(membership.createdAt)
        json.raw(",\"updated_at\":")
        json.int(membership.updatedAt)
        json.raw("}")
    }

    /// A membership's `public_user_data`. `user` is nil when the membership names a user the tenant does
    /// not list: the object then carries only the id, with the other required fields null.
    static func publicUserData(userID: String, user: FakeUser?) -> [UInt8] {
        var json = JSONBytes(capacity: 400)
        json.raw("{\"user_id\":")
        json.string(userID)
        json.raw(",\"first_name\":")
        json.string(orNull: user?.firstName)
        json.raw(",\"last_name\":")
        json.string(orNull: user?.lastName)
        json.raw(",\"profile_image_url\":")
        json.raw(defaultImageURL)
        json.raw(",\"image_url\":")
        json.raw(defaultImageURL)
        json.raw(",\"has_image\":false,\"identifier\":")
        json.string(orNull: user?.identifier)
        json.raw(",\"username\":")
        json.string(orNull: user?.username)
        json.raw(",\"banned\":")
        json.bool(user?.banned ?? false)
        json.raw("}")
        return json.bytes
    }

    /// A Clerk error body: `{"errors":[{"message","long_message","code"}],"clerk_trace_id"}`.
    static func errors(message: String, longMessage: String, code: String, traceID: String) -> [UInt8] {
        var json = JSONBytes(capacity: 256)
        json.raw("{\"errors\":[{\"message\":")
        json.string(message)
        json.raw(",\"long_message\":")
        json.string(longMessage)
        json.raw(",\"code\":")
        json.string(code)
        json.raw("}],\"clerk_trace_id\":")
        json.string(traceID)
        json.raw("}")
        return json.bytes
    }
}
