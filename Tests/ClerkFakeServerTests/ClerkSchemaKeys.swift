/// Field names from the Clerk Backend API OpenAPI spec (bapi 2026-05-12), copied by hand so the tests need
/// no YAML reader: `required` lists what every object must carry, `allowed` what a schema with
/// `additionalProperties: false` permits.
enum ClerkSchemaKeys {
    static let userRequired: Set<String> = [
        "id", "object", "username", "first_name", "last_name", "has_image", "primary_email_address_id",
        "primary_phone_number_id", "primary_web3_wallet_id", "password_enabled", "two_factor_enabled",
        "totp_enabled", "backup_code_enabled", "email_addresses", "phone_numbers", "web3_wallets", "passkeys",
        "external_accounts", "saml_accounts", "enterprise_accounts", "public_metadata", "external_id",
        "last_sign_in_at", "banned", "locked", "lockout_expires_in_seconds", "verification_attempts_remaining",
        "created_at", "updated_at", "delete_self_enabled", "create_organization_enabled", "last_active_at",
        "mfa_enabled_at", "mfa_disabled_at", "legal_accepted_at",
    ]
    static let userAllowed: Set<String> = userRequired.union([
        "locale", "profile_image_url", "image_url", "private_metadata", "unsafe_metadata",
        "password_last_updated_at", "organization_memberships", "deprovisioned", "create_organizations_limit",
        "bypass_client_trust", "scim",
    ])
    static let emailAddressRequired: Set<String> = ["object", "email_address", "verification", "linked_to"]
    static let emailAddressAllowed: Set<String> = emailAddressRequired.union([
        "id", "reserved", "matches_sso_connection", "created_at", "updated_at",
    ])
    static let otpVerificationRequired: Set<String> = ["status", "strategy", "attempts", "expire_at"]
    static let otpVerificationAllowed: Set<String> = otpVerificationRequired.union([
        "object", "channel", "verified_at_client",
    ])
    static let organizationRequired: Set<String> = [
        "object", "id", "name", "slug", "has_image", "max_allowed_memberships", "admin_delete_enabled",
        "public_metadata", "created_at", "updated_at",
    ]
    static let membershipRequired: Set<String> = [
        "object", "id", "role", "permissions", "public_metadata", "created_at", "updated_at", "organization",
    ]
    static let publicUserDataRequired: Set<String> = [
        "user_id", "first_name", "last_name", "profile_image_url", "image_url", "has_image",
    ]
    static let publicUserDataAllowed: Set<String> = publicUserDataRequired.union([
        "identifier", "username", "banned", "deprovisioned",
    ])
    static let roleRequired: Set<String> = [
        "object", "id", "name", "key", "description", "is_creator_eligible", "permissions", "created_at", "updated_at",
    ]
    static let permissionRequired: Set<String> = [
        "object", "id", "name", "key", "description", "type", "created_at", "updated_at",
    ]
}
