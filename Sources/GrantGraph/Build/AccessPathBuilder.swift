import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// Turns invitations, organization domains and enterprise connections into access paths (snapshot 1.1):
/// the ways into an organization that are not grants yet. Every path leads to the role entitlement of its
/// role key, resolved as memberships resolve theirs (`RoleKeyIndex`), or to the member entitlement when
/// the key names no role (`unresolved_path_role`); a path into an organization the export does not hold is
/// left out (`dangling_path_organization`).
struct AccessPathBuilder {
    /// A path and the role it leads to (a position in the graph's roles), so the graph can check it against
    /// the organization's role set.
    struct Built {
        var path: AccessPath
        var organizationID: String
        var role: Int?
    }

    let roleKeys: RoleKeyIndex
    let roleIDs: [String]
    /// Lower-cased primary email to the one listed user holding it; nil when more than one user does.
    let userByEmail: [String: String?]
    let isKnownOrganization: (String) -> Bool
    /// The instance's organization settings, when the domains were read with them.
    let settings: ClerkOrganizationSettings?

    private(set) var built: [Built] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(
        roleKeys: RoleKeyIndex, roleIDs: [String], userByEmail: [String: String?], settings: ClerkOrganizationSettings?,
        isKnownOrganization: @escaping (String) -> Bool
    ) {
        self.roleKeys = roleKeys
        self.roleIDs = roleIDs
        self.userByEmail = userByEmail
        self.settings = settings
        self.isKnownOrganization = isKnownOrganization
    }

    /// The domain enrollment modes that let someone in without an invitation of their own.
    static let enrollingModes: Set<String> = ["automatic_invitation", "automatic_suggestion", "enterprise_sso"]

    // MARK: - Invitations

    /// Pending invitations become paths. The list is read with `status=pending`; an invitation that says
    /// otherwise (accepted, revoked, expired: no access to gain) is left out, and one `invitation_not_pending`
    /// diagnostic counts them, so a server ignoring the filter shows without flooding the snapshot.
    mutating func add(invitations: [ClerkInvitation]) {
        var notPending: [String: Int] = [:]
        for invitation in invitations {
            if let status = invitation.status, status != "pending" {
                notPending[status, default: 0] += 1
                continue
            }
            let id = "invitation:\(invitation.id)"
            let address = invitation.emailAddress.lowercased()
            let source = JSONObject([
                (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: invitation.createdAt))),
                (key: "email_address", value: .string(invitation.emailAddress)),
                (key: "expires_at", value: .optional(invitation.expiresAt.map(Timestamp.rfc3339(milliseconds:)))),
                (key: "inviter", value: .optional(invitation.inviterID.map { Resource.id(.user, $0) })),
                (key: "role_key", value: .string(invitation.roleKey)),
                (key: "role_name", value: .optional(invitation.roleName)),
            ])
            let matchingUser = userByEmail[address].flatMap { $0 }.map { Resource.id(.user, $0) }
            add(
                id: id, kind: .invitation, organizationID: invitation.organizationID, roleKey: invitation.roleKey,
                principal: "email:\(address)", status: "pending", matchingUser: matchingUser, source: source)
        }
        guard !notPending.isEmpty else { return }
        let total = notPending.values.reduce(0, +)
        let statuses = notPending.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        diagnostics.append(
            Diagnostic(
                code: .invitationNotPending, severity: .info,
                message: "\(total) invitation(s) listed as pending were not (\(statuses)); they are no access path and are left out",
                subject: ClerkCollection.invitations.diagnosticSubject))
    }

    // MARK: - Domains

    /// The names of the `manual_invitation` domains by organization id: no path (someone still has to
    /// invite), listed on their organization instead.
    static func manualInvitationDomains(_ domains: [ClerkOrganizationDomain]) -> [String: [String]] {
        var manual: [String: [String]] = [:]
        for domain in domains where domain.enrollmentMode == "manual_invitation" {
            manual[domain.organizationID, default: []].append(domain.name)
        }
        return manual
    }

    /// Domains whose enrollment mode lets anyone with a matching email in become paths to the instance's
    /// default domain role. A domain of another mode than these and `manual_invitation` (none is
    /// documented) is neither a path nor listed.
    mutating func add(domains: [ClerkOrganizationDomain]) {
        for domain in domains where Self.enrollingModes.contains(domain.enrollmentMode) {
            let source = JSONObject([
                (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: domain.createdAt))),
                (key: "default_role_key", value: .optional(settings?.domainsDefaultRole)),
                (key: "enrollment_mode", value: .string(domain.enrollmentMode)),
                (key: "name", value: .string(domain.name)),
                (key: "total_pending_invitations", value: .int(domain.totalPendingInvitations)),
                (key: "total_pending_suggestions", value: .int(domain.totalPendingSuggestions)),
                (key: "verified", value: .bool(domain.isVerified)),
            ])
            add(
                id: "organization_domain:\(domain.id)", kind: .domainEnrollment, organizationID: domain.organizationID,
                roleKey: settings?.domainsDefaultRole, principal: "email_domain:\(domain.name.lowercased())",
                status: domain.verificationStatus ?? "unverified", matchingUser: nil, source: source)
        }
    }

    // MARK: - Enterprise connections

    /// Connections tied to an organization become paths to the default domain role: their accounts join it
    /// as domain enrollment does. A connection tied to none grants no organization access.
    mutating func add(enterpriseConnections: [ClerkEnterpriseConnection]) {
        for connection in enterpriseConnections {
            guard let organizationID = connection.organizationID else { continue }
            let source = JSONObject([
                (key: "active", value: .bool(connection.active)),
                (key: "allow_organization_account_linking", value: .bool(connection.allowOrganizationAccountLinking)),
                (key: "created_at", value: .string(Timestamp.rfc3339(milliseconds: connection.createdAt))),
                (key: "default_role_key", value: .optional(settings?.domainsDefaultRole)),
                (key: "domains", value: .array(connection.domains.sorted(by: codePointPrecedes).map { .string($0) })),
                (key: "name", value: .string(connection.name)),
                (key: "provider", value: .string(connection.provider)),
            ])
            let id = "enterprise_connection:\(connection.id)"
            add(
                id: id, kind: .enterpriseSSO, organizationID: organizationID, roleKey: settings?.domainsDefaultRole,
                principal: id, status: connection.active ? "active" : "inactive", matchingUser: nil, source: source)
        }
    }

    // MARK: - One path

    private mutating func add(
        id: String, kind: AccessPath.Kind, organizationID: String, roleKey: String?, principal: String, status: String,
        matchingUser: String?, source: JSONObject
    ) {
        guard isKnownOrganization(organizationID) else {
            diagnostics.append(
                Diagnostic(
                    code: .danglingPathOrganization, severity: .warning,
                    message: "\(id) leads into organization \(organizationID), which the export does not hold; the path is left out",
                    subject: id))
            return
        }
        let role = roleKey.flatMap(roleKeys.position(ofKey:))
        let entitlement: String
        if let role {
            entitlement = Entitlement.roleID(organization: organizationID, role: roleIDs[role])
        } else {
            entitlement = Entitlement.memberID(organization: organizationID)
            let why = roleKey.map { "role key '\($0)' matches no exported role" }
                ?? "no organization settings were read, so the role new members get is unknown"
            diagnostics.append(
                Diagnostic(
                    code: .unresolvedPathRole, severity: .warning,
                    message: "\(id) into organization \(organizationID): \(why); the path is recorded as leading to membership",
                    subject: id))
        }
        let path = AccessPath(
            id: id, kind: kind, organization: Resource.id(.organization, organizationID), entitlement: entitlement,
            principal: principal, status: status, matchingUser: matchingUser, source: source)
        built.append(Built(path: path, organizationID: organizationID, role: role))
    }

    /// The paths in canonical order (by id, code-point order).
    func sortedPaths() -> [AccessPath] {
        var ids = ByteStrings(reservingCapacity: built.count, averageLength: 40)
        for entry in built { ids.append(entry.path.id) }
        return ids.sortedIndices().map { built[$0].path }
    }
}
