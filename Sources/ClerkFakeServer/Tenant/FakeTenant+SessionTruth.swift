/// What `export --sessions` must find, computed from the tenant directly.
extension FakeTenant {
    /// One user's active sessions: how many, and the latest `last_active_at` among them.
    public struct SessionTruth: Sendable, Equatable {
        public var activeSessions: Int
        public var lastActiveAt: Int64?

        public init(activeSessions: Int, lastActiveAt: Int64?) {
            self.activeSessions = activeSessions
            self.lastActiveAt = lastActiveAt
        }
    }

    /// Permissions that make a role holder an organization admin (ClerkModel's `ClerkPermission.adminKeys`;
    /// the fake server depends on nothing, so the list is repeated here and a test holds them equal).
    public static let adminPermissionKeys: Set<String> = ["org:sys_memberships:manage", "org:sys_profile:delete"]

    /// Every user's active sessions by user id; a user with none has a zero count and no time.
    public var activeSessionTruth: [String: SessionTruth] {
        var truth = Dictionary(uniqueKeysWithValues: users.map { ($0.id, SessionTruth(activeSessions: 0, lastActiveAt: nil)) })
        for session in sessions where session.status == "active" {
            var entry = truth[session.userID] ?? SessionTruth(activeSessions: 0, lastActiveAt: nil)
            entry.activeSessions += 1
            entry.lastActiveAt = max(entry.lastActiveAt ?? session.lastActiveAt, session.lastActiveAt)
            truth[session.userID] = entry
        }
        return truth
    }

    /// Users holding, through a membership whose role key names a role, a role with an admin permission.
    public var adminUserIDs: Set<String> {
        var firstRoleOfKey: [String: FakeRole] = [:]
        for role in roles where firstRoleOfKey[role.key] == nil { firstRoleOfKey[role.key] = role }
        let adminKeys = Set(firstRoleOfKey.values.filter { !Self.adminPermissionKeys.isDisjoint(with: $0.permissionKeys) }.map(\.key))
        return Set(memberships.filter { adminKeys.contains($0.roleKey) }.map(\.userID))
    }

    /// Banned or locked users, and admins without two-factor authentication.
    public var flaggedUserIDs: Set<String> {
        let admins = adminUserIDs
        return Set(users.filter { $0.banned || $0.locked || (admins.contains($0.id) && !$0.twoFactorEnabled) }.map(\.id))
    }
}
