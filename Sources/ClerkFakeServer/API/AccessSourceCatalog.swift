/// The snapshot 1.1 lists of a tenant, in list order and pre-rendered one object at a time: immutable, so
/// every connection thread reads it without a lock, like `TenantCatalog`.
struct AccessSourceCatalog: Sendable {
    let roleSets: [FakeRoleSet]
    let invitations: [FakeInvitation]
    let domains: [FakeOrganizationDomain]
    let enterpriseConnections: [FakeEnterpriseConnection]
    let machines: [FakeMachine]
    let organizationSettings: FakeOrganizationSettings
    /// Each user's sessions, newest first.
    let sessionsByUser: [String: [FakeSession]]

    private let renderedRoleSets: [[UInt8]]
    private let renderedInvitations: [[UInt8]]
    private let renderedDomains: [[UInt8]]
    private let renderedConnections: [[UInt8]]
    private let renderedMachines: [[UInt8]]
    private let renderedSettings: [UInt8]

    init(_ tenant: FakeTenant) {
        roleSets = TenantCatalog.inListOrder(tenant.roleSets) { ($0.createdAt, $0.id) }
        invitations = TenantCatalog.inListOrder(tenant.invitations) { ($0.createdAt, $0.id) }
        domains = TenantCatalog.inListOrder(tenant.domains) { ($0.createdAt, $0.id) }
        enterpriseConnections = TenantCatalog.inListOrder(tenant.enterpriseConnections) { ($0.createdAt, $0.id) }
        machines = TenantCatalog.inListOrder(tenant.machines) { ($0.createdAt, $0.id) }
        organizationSettings = tenant.organizationSettings
        sessionsByUser = Dictionary(grouping: TenantCatalog.inListOrder(tenant.sessions) { ($0.createdAt, $0.id) }, by: \.userID)

        let rolesByKey = Dictionary(tenant.roles.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let organizationsByID = Dictionary(tenant.organizations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let machinesByID = Dictionary(tenant.machines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func render<T>(_ list: [T], _ item: (T, inout JSONBytes) -> Void) -> [[UInt8]] {
            list.map { element in
                var json = JSONBytes(capacity: 1_024)
                item(element, &json)
                return json.bytes
            }
        }
        renderedRoleSets = render(roleSets) { ClerkObjectRenderer.roleSet($0, rolesByKey: rolesByKey, into: &$1) }
        renderedInvitations = render(invitations) {
            ClerkObjectRenderer.invitation(
                $0, roleName: rolesByKey[$0.roleKey]?.name, organization: organizationsByID[$0.organizationID], into: &$1)
        }
        renderedDomains = render(domains) { ClerkObjectRenderer.domain($0, into: &$1) }
        renderedConnections = render(enterpriseConnections) { ClerkObjectRenderer.enterpriseConnection($0, into: &$1) }
        renderedMachines = render(machines) { ClerkObjectRenderer.machine($0, machinesByID: machinesByID, into: &$1) }
        renderedSettings = ClerkObjectRenderer.organizationSettings(tenant.organizationSettings)
    }

    /// The positions in `invitations` of those with one of `statuses`; every invitation when `statuses` is
    /// empty (no filter asked).
    func invitationIndices(statuses: Set<String>) -> [Int] {
        invitations.indices.filter { statuses.isEmpty || statuses.contains(invitations[$0].status) }
    }

    func roleSetsPage(_ window: Range<Int>) -> [UInt8] { TenantCatalog.listPage(of: renderedRoleSets, window, bytesPerItem: 2_048) }

    func invitationsPage(_ indices: [Int], _ window: Range<Int>) -> [UInt8] {
        TenantCatalog.listPage(of: renderedInvitations, window, indices: indices, bytesPerItem: 512)
    }

    func domainsPage(_ window: Range<Int>) -> [UInt8] { TenantCatalog.listPage(of: renderedDomains, window, bytesPerItem: 768) }

    func enterpriseConnectionsPage(_ window: Range<Int>) -> [UInt8] {
        TenantCatalog.listPage(of: renderedConnections, window, bytesPerItem: 768)
    }

    func machinesPage(_ window: Range<Int>) -> [UInt8] { TenantCatalog.listPage(of: renderedMachines, window, bytesPerItem: 1_024) }

    var organizationSettingsBody: [UInt8] { renderedSettings }

    /// Every session, newest first.
    var sessions: [FakeSession] {
        TenantCatalog.inListOrder(sessionsByUser.values.flatMap { $0 }) { ($0.createdAt, $0.id) }
    }

    /// `GET /v1/sessions`: a bare array of `Session`, as the spec's `Session.List` is.
    func sessionsPage(_ sessions: [FakeSession], _ window: Range<Int>) -> [UInt8] {
        var json = JSONBytes(capacity: 2 + window.count * 512)
        json.raw("[")
        for (position, session) in sessions[window].enumerated() {
            if position > 0 { json.raw(",") }
            ClerkObjectRenderer.session(session, into: &json)
        }
        json.raw("]")
        return json.bytes
    }
}
