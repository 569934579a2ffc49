extension FindingRule {
    /// The controls a finding of this rule is evidence against, in `ComplianceControl` order. Written here
    /// once; the findings JSON (`rules`), the Markdown and HTML reports and the README table read it.
    public var controls: [ComplianceControl] {
        let controls: [ComplianceControl]
        switch self {
        // Access that should have ended with the person's relationship: removal (CC6.2, A.5.18).
        case .bannedMemberWithGrants: controls = [.soc2CC62, .soc2CC63, .iso27001A518]
        case .lockedMemberWithGrants: controls = [.soc2CC61, .soc2CC62, .iso27001A518]
        case .activeSessionBlockedUser: controls = [.soc2CC61, .soc2CC62, .iso27001A518]
        case .staleGrantHolder: controls = [.soc2CC62, .soc2CC63, .iso27001A518]
        case .staleInvitation: controls = [.soc2CC62, .iso27001A518]
        // Admins whose identity or second factor is unproven: authentication (CC6.1) of privileged access (A.8.2).
        case .adminWithoutTwoFactor: controls = [.soc2CC61, .iso27001A82]
        case .adminWithoutVerifiedEmail: controls = [.soc2CC61, .soc2CC62, .iso27001A82]
        case .pendingAdminInvitation: controls = [.soc2CC62, .iso27001A518, .iso27001A82]
        // How many admins, and whether anyone owns the organization: least privilege (CC6.3).
        case .organizationWithoutAdmin: controls = [.soc2CC63, .iso27001A515]
        case .organizationWithTooManyAdmins: controls = [.soc2CC63, .iso27001A82]
        case .machineTooManyScopes: controls = [.soc2CC63, .iso27001A515, .iso27001A82]
        // Access the configuration does not describe: the rules of access control (A.5.15).
        case .unresolvedRoleKey: controls = [.soc2CC63, .iso27001A515]
        case .membershipOutsideRoleSet: controls = [.soc2CC63, .iso27001A515, .iso27001A518]
        // Who gets in without anyone choosing them: registration and authorization (CC6.2).
        case .enrollmentAdminRole: controls = [.soc2CC62, .soc2CC63, .iso27001A515, .iso27001A82]
        case .enrollmentUnverifiedDomain: controls = [.soc2CC61, .soc2CC62, .iso27001A515]
        }
        return controls.sorted()
    }
}
