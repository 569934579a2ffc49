import CanonicalJSON

/// The fields of a Clerk `Session` (`GET /v1/sessions?user_id=...`) that an access review needs: whose it
/// is, its status and when it was last active (Unix milliseconds). Clerk has no instance-wide session list
/// (since 2024-01-01 the list needs `user_id` or `client_id`), so sessions are read one user at a time.
public struct ClerkSession: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var status: String
    public var lastActiveAt: Int64

    public init(id: String, userID: String, status: String = "active", lastActiveAt: Int64) {
        self.id = id
        self.userID = userID
        self.status = status
        self.lastActiveAt = lastActiveAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ["id", "user_id", "status", "last_active_at"]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        userID = try json.requiredClerkID("user_id")
        status = try json.requiredString("status")
        lastActiveAt = try json.requiredTimestamp("last_active_at")
    }
}

/// Which users `export --sessions` reads the active sessions of: one request per user in scope.
public enum SessionScope: String, Sendable, CaseIterable {
    /// Users holding, through a membership whose role resolves, a role with an admin permission.
    case admins
    /// Banned or locked users, and admins without two-factor authentication.
    case flagged
    /// Every listed user.
    case all
}

/// Active sessions of one user in scope, as recorded in its `active_sessions` attributes.
public struct SessionSummary: Sendable, Equatable {
    public var activeSessions: Int
    /// The latest `last_active_at` of its active sessions (Unix milliseconds); nil when it has none.
    public var lastActiveAt: Int64?

    public init(activeSessions: Int = 0, lastActiveAt: Int64? = nil) {
        self.activeSessions = activeSessions
        self.lastActiveAt = lastActiveAt
    }

    public mutating func add(_ session: ClerkSession) {
        activeSessions += 1
        lastActiveAt = max(lastActiveAt ?? session.lastActiveAt, session.lastActiveAt)
    }
}

extension ClerkPermission {
    /// Permissions that make a role holder an organization admin: they can change who is a member, or
    /// delete the organization. Clerk's own `org:admin` holds both. The one list the export's session scope
    /// and the review's admin findings share.
    public static let adminKeys: Set<String> = ["org:sys_memberships:manage", "org:sys_profile:delete"]
}
