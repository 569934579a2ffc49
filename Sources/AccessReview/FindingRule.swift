/// The checks an access review runs. Each rule carries its severity and the reason it matters, so every
/// output format explains a finding the same way and a reviewer never gets a bare rule id.
public enum FindingRule: String, Sendable, CaseIterable {
    case bannedMemberWithGrants = "banned_member_with_grants"
    case lockedMemberWithGrants = "locked_member_with_grants"
    case adminWithoutTwoFactor = "admin_without_2fa"
    case adminWithoutVerifiedEmail = "admin_without_verified_email"
    case staleGrantHolder = "stale_grant_holder"
    case organizationWithoutAdmin = "org_without_admin"
    case organizationWithTooManyAdmins = "org_too_many_admins"
    case unresolvedRoleKey = "unresolved_role_key"

    public var severity: FindingSeverity {
        switch self {
        case .bannedMemberWithGrants, .adminWithoutTwoFactor, .adminWithoutVerifiedEmail: return .high
        case .lockedMemberWithGrants, .staleGrantHolder, .organizationWithoutAdmin, .unresolvedRoleKey: return .medium
        case .organizationWithTooManyAdmins: return .low
        }
    }

    public var title: String {
        switch self {
        case .bannedMemberWithGrants: return "Banned user still holds organization access"
        case .lockedMemberWithGrants: return "Locked user still holds organization access"
        case .adminWithoutTwoFactor: return "Admin without two-factor authentication"
        case .adminWithoutVerifiedEmail: return "Admin without a verified primary email"
        case .staleGrantHolder: return "Inactive user still holds access"
        case .organizationWithoutAdmin: return "Organization without an admin"
        case .organizationWithTooManyAdmins: return "Organization with more admins than allowed"
        case .unresolvedRoleKey: return "Membership role could not be resolved"
        }
    }

    public var whyItMatters: String {
        switch self {
        case .bannedMemberWithGrants:
            return "A ban blocks sign-in, but the memberships remain: lifting the ban, or any API-key or impersonation path, restores full access. Remove the memberships so access ends with the person's relationship."
        case .lockedMemberWithGrants:
            return "A lockout follows failed sign-in attempts and expires on its own; the account may be under attack. Confirm the owner and that the access is still needed."
        case .adminWithoutTwoFactor:
            return "An admin can add members, change roles or delete the organization; a phished password alone is enough to take it over without a second factor."
        case .adminWithoutVerifiedEmail:
            return "Nobody has proven control of this admin's address (or there is none): invitations, recovery and alerts may go to someone else, and the identity behind admin rights is unconfirmed."
        case .staleGrantHolder:
            return "Access nobody uses is risk without benefit: dormant accounts are a favoured takeover target and their activity goes unnoticed. Confirm the need or remove the membership."
        case .organizationWithoutAdmin:
            return "Nobody in the organization can manage its members or settings, so offboarding and role changes fall to instance operators, and requests stall."
        case .organizationWithTooManyAdmins:
            return "Every admin can change membership and delete the organization; the more of them, the larger the attack surface and the harder it is to tell who did what. Keep admins to the few who need it."
        case .unresolvedRoleKey:
            return "The membership names a role that no longer exists (deleted or legacy key), so the permissions it grants are unknown to this review and may differ between Clerk's API and the application."
        }
    }
}

/// How urgently a finding needs attention; reports list higher severities first.
public enum FindingSeverity: String, Sendable, CaseIterable, Comparable {
    case high
    case medium
    case low

    var rank: Int {
        switch self {
        case .high: return 0
        case .medium: return 1
        case .low: return 2
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}
