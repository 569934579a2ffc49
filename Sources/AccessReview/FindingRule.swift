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
    // Snapshot 1.1: access paths, role sets and machines. A 1.0 snapshot has none of these, so they never fire on it.
    case pendingAdminInvitation = "pending_admin_invitation"
    case enrollmentAdminRole = "enrollment_admin_role"
    case staleInvitation = "stale_invitation"
    case enrollmentUnverifiedDomain = "enrollment_unverified_domain"
    case membershipOutsideRoleSet = "membership_outside_role_set"
    case machineTooManyScopes = "machine_too_many_scopes"
    /// Needs `export --sessions`: without session data it never fires.
    case activeSessionBlockedUser = "active_session_blocked_user"

    /// The rules that read snapshot 1.1 content; reports of a 1.0 snapshot leave them out of their counts.
    public static let accessPathRules: [FindingRule] = [
        .pendingAdminInvitation, .enrollmentAdminRole, .staleInvitation, .enrollmentUnverifiedDomain,
        .membershipOutsideRoleSet, .machineTooManyScopes, .activeSessionBlockedUser,
    ]

    /// Its place in `allCases`: the order reports list rules in.
    public var position: Int { Self.allCases.firstIndex(of: self)! }

    public var severity: FindingSeverity {
        switch self {
        case .bannedMemberWithGrants, .adminWithoutTwoFactor, .adminWithoutVerifiedEmail, .pendingAdminInvitation,
            .enrollmentAdminRole, .activeSessionBlockedUser:
            return .high
        case .lockedMemberWithGrants, .staleGrantHolder, .organizationWithoutAdmin, .unresolvedRoleKey, .staleInvitation,
            .enrollmentUnverifiedDomain, .membershipOutsideRoleSet:
            return .medium
        case .organizationWithTooManyAdmins, .machineTooManyScopes: return .low
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
        case .pendingAdminInvitation: return "Pending invitation to an admin role"
        case .enrollmentAdminRole: return "Automatic enrollment grants an admin role"
        case .staleInvitation: return "Invitation pending for too long"
        case .enrollmentUnverifiedDomain: return "Automatic enrollment on an unverified domain"
        case .membershipOutsideRoleSet: return "Membership role outside the organization's role set"
        case .machineTooManyScopes: return "Machine can call more machines than allowed"
        case .activeSessionBlockedUser: return "Banned or locked user with an active session"
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
        case .pendingAdminInvitation:
            return "Whoever controls the invited address becomes an admin with one click: a mistyped, forwarded or taken-over mailbox is an admin account in waiting. Confirm the person and the role, or revoke the invitation."
        case .enrollmentAdminRole:
            return "Anyone who signs up with a matching email (or comes in through the identity provider) joins as an admin, without anyone choosing them. The default role of automatic enrollment should grant the least access."
        case .staleInvitation:
            return "An invitation nobody accepted for weeks is usually forgotten, yet it still works: the address may have changed hands, and the access it grants was approved for a need that may be gone. Revoke it or re-invite."
        case .enrollmentUnverifiedDomain:
            return "Nobody has proven that the organization controls this domain, yet enrollment is automatic for its addresses: whoever registers it, or an address on it, may be let in."
        case .membershipOutsideRoleSet:
            return "The organization's role set does not offer this role, yet the member holds it (kept from before a role-set change, or set through the API): the access differs from what the organization's configuration says it can be."
        case .machineTooManyScopes:
            return "A machine that can call many others is a wide blast radius: its credentials reach every one of them. Keep machine-to-machine scopes to what each machine needs."
        case .activeSessionBlockedUser:
            return "A ban or lockout stops new sign-ins, but a session that is already active can go on being used until it ends: the person you meant to shut out may still be inside. Revoke the user's sessions."
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
