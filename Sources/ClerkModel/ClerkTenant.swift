/// Everything read from one Clerk instance, as the API returned it (duplicates included: the graph builder
/// decides what a repeat means), plus what the reader learned about completeness along the way. The export
/// streams pages into the graph builder instead; this whole-tenant form is for small tenants and tests.
public struct ClerkTenant: Sendable {
    public var requested: Set<ClerkCollection>
    public var users: [ClerkUser] = []
    public var organizations: [ClerkOrganization] = []
    public var roles: [ClerkRole] = []
    public var permissions: [ClerkPermission] = []
    public var memberships: [ClerkMembership] = []
    public var roleSets: [ClerkRoleSet] = []
    public var invitations: [ClerkInvitation] = []
    public var domains: [ClerkOrganizationDomain] = []
    public var organizationSettings: ClerkOrganizationSettings?
    public var enterpriseConnections: [ClerkEnterpriseConnection] = []
    public var machines: [ClerkMachine] = []
    /// Active sessions of the users in the `--sessions` scope, when it was read.
    public var sessions: [ClerkSession] = []
    /// Collections that could not be read to the end, with the reason.
    public var incomplete: [ClerkCollection: String] = [:]
    /// Default collections the key was not allowed to read (`TenantReadReport.refused`).
    public var refused: [ClerkCollection: String] = [:]
    /// Observations made while reading (count mismatches, cursor fallbacks, incomplete collections).
    public var readDiagnostics: [Diagnostic] = []

    public init(requested: Set<ClerkCollection>) {
        self.requested = requested
    }

    public init(report: TenantReadReport) {
        requested = report.requested
        incomplete = report.incomplete
        refused = report.refused
        readDiagnostics = report.diagnostics
    }

    public var isComplete: Bool { incomplete.isEmpty }

    public var report: TenantReadReport {
        var report = TenantReadReport(requested: requested)
        report.incomplete = incomplete
        report.refused = refused
        report.diagnostics = readDiagnostics
        return report
    }

    public mutating func append(_ page: ClerkPage) {
        switch page.items {
        case .users(let list): users += list
        case .organizations(let list): organizations += list
        case .roles(let list): roles += list
        case .permissions(let list): permissions += list
        case .memberships(let list): memberships += list
        case .roleSets(let list): roleSets += list
        case .invitations(let list): invitations += list
        case .domains(let list): domains += list
        case .enterpriseConnections(let list): enterpriseConnections += list
        case .machines(let list): machines += list
        case .sessions(let list): sessions += list
        case .organizationSettings(let settings): organizationSettings = organizationSettings ?? settings
        }
    }

    /// The tenant as one page per collection, in list order.
    public var pages: [ClerkPage] {
        [
            ClerkPage(items: .users(users)), ClerkPage(items: .organizations(organizations)),
            ClerkPage(items: .roles(roles)), ClerkPage(items: .permissions(permissions)),
            ClerkPage(items: .memberships(memberships)), ClerkPage(items: .roleSets(roleSets)),
            ClerkPage(items: .invitations(invitations)), ClerkPage(items: .domains(domains)),
            ClerkPage(items: .enterpriseConnections(enterpriseConnections)), ClerkPage(items: .machines(machines)),
        ] + (sessions.isEmpty ? [] : [ClerkPage(items: .sessions(sessions))]) + (organizationSettings.map { [ClerkPage(items: .organizationSettings($0))] } ?? [])
    }
}
