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

    public init(
        users: [FakeUser], organizations: [FakeOrganization], roles: [FakeRole], permissions: [FakePermission],
        memberships: [FakeMembership]
    ) {
        self.users = users
        self.organizations = organizations
        self.roles = roles
        self.permissions = permissions
        self.memberships = memberships
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
