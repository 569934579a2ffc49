/// How large a generated tenant is. The same spec always yields the same tenant, byte for byte, so a test
/// can assert exact values and a benchmark can be repeated.
public struct FakeTenantSpec: Sendable, Equatable {
    public var users: Int
    public var organizations: Int
    /// At most `users × organizations`: a user is never a member of one organization twice.
    public var memberships: Int
    /// Custom roles beside the default `org:admin` and `org:member`.
    public var customRoles: Int
    /// Custom permissions (`type: "user"`) beside the nine system permissions.
    public var customPermissions: Int
    public var seed: UInt64
    /// Organizations (at most this many, picked by their own random stream) whose `role_set_key` names a
    /// role set the tenant does not list, so they fall back to every role with a warning. Off by default,
    /// so a seed's organizations are what they were before role sets were listed.
    public var organizationsOnUnlistedRoleSet: Int
    /// Users (at most this many) given over 500 sessions, so reading their active sessions takes two pages.
    public var usersWithManySessions: Int
    /// Whether users have sessions at all (`GET /v1/sessions` answers an empty list otherwise). A tenant for
    /// an export without `--sessions` can leave them out: at 100,000 users they are tens of megabytes.
    public var generatesSessions: Bool

    public init(
        users: Int, organizations: Int, memberships: Int, customRoles: Int = 3, customPermissions: Int = 6,
        seed: UInt64 = 1, organizationsOnUnlistedRoleSet: Int = 0, usersWithManySessions: Int = 0, generatesSessions: Bool = true
    ) {
        self.generatesSessions = generatesSessions
        self.usersWithManySessions = usersWithManySessions
        self.organizationsOnUnlistedRoleSet = organizationsOnUnlistedRoleSet
        self.users = users
        self.organizations = organizations
        self.memberships = memberships
        self.customRoles = customRoles
        self.customPermissions = customPermissions
        self.seed = seed
    }

    /// The benchmark's tenant: about 360 MB of JSON when read in full.
    public static let benchmark = FakeTenantSpec(
        users: 100_000, organizations: 5_000, memberships: 300_000, customRoles: 12, customPermissions: 30, seed: 2026)
}
