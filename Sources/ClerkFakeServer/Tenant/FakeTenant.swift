/// Everything a fake Clerk instance holds. Every list is kept newest first (`created_at` descending, ties by
/// `id` ascending), the order the server answers in.
public struct FakeTenant: Sendable, Equatable {
    public var users: [FakeUser]
    public var organizations: [FakeOrganization]
    /// The default roles `org:admin` and `org:member`, then the custom roles.
    public var roles: [FakeRole]
    /// The nine system permissions, then the custom ones.
    public var permissions: [FakePermission]
    public var memberships: [FakeMembership]
    /// Snapshot 1.1's collections: which roles each organization offers, and every other way in.
    public var roleSets: [FakeRoleSet]
    /// Every status; the server filters by the request's `status`.
    public var invitations: [FakeInvitation]
    public var domains: [FakeOrganizationDomain]
    public var enterpriseConnections: [FakeEnterpriseConnection]
    public var machines: [FakeMachine]
    public var organizationSettings: FakeOrganizationSettings
    /// Every status, newest first; `GET /v1/sessions` answers one user's, filtered by `status`.
    public var sessions: [FakeSession]

    public init(
        users: [FakeUser], organizations: [FakeOrganization], roles: [FakeRole], permissions: [FakePermission],
        memberships: [FakeMembership], roleSets: [FakeRoleSet] = [], invitations: [FakeInvitation] = [],
        domains: [FakeOrganizationDomain] = [], enterpriseConnections: [FakeEnterpriseConnection] = [],
        machines: [FakeMachine] = [], organizationSettings: FakeOrganizationSettings = .standard, sessions: [FakeSession] = []
    ) {
        self.sessions = sessions
        self.users = users
        self.organizations = organizations
        self.roles = roles
        self.permissions = permissions
        self.memberships = memberships
        self.roleSets = roleSets
        self.invitations = invitations
        self.domains = domains
        self.enterpriseConnections = enterpriseConnections
        self.machines = machines
        self.organizationSettings = organizationSettings
    }

    /// A deterministic tenant: the same spec gives an equal tenant on every run and machine.
    public static func generate(_ spec: FakeTenantSpec) -> FakeTenant {
        TenantGenerator(spec: spec).generate()
    }

    /// The role keys the generator gives to memberships whose role no longer exists: a deleted custom role
    /// and a legacy key from before `org:` prefixes.
    public static let unknownRoleKeys = ["org:deleted_role", "basic_member"]

    /// Memberships whose role key matches none of `roles`: still members, but with no known permissions.
    public var membershipsWithUnknownRole: [FakeMembership] {
        let knownKeys = Set(roles.map(\.key))
        return memberships.filter { !knownKeys.contains($0.roleKey) }
    }

    /// The order of every Clerk list: newest first, ties broken by id so the order is total.
    static func isListedBefore(createdAt: Int64, id: String, otherCreatedAt: Int64, otherID: String) -> Bool {
        createdAt != otherCreatedAt ? createdAt > otherCreatedAt : id < otherID
    }
}
