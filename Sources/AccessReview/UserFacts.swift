import CanonicalJSON
import SnapshotFormat

/// What the reviews and feeds read of a user, kept for every user of a snapshot instead of the whole
/// `Resource`: a hundred thousand users then cost a few megabytes, not the hundred a decoded attribute
/// dictionary each would. A value is nil exactly when `Resource.string`/`bool` would be (absent, null or of
/// another type), so every rule reads it as it read the resource. The whole resource is
/// `AccessIndex.resource(_:)`, decoded on demand.
public struct UserFacts: Sendable, Equatable {
    /// `user:<clerk id>`.
    public var id: String
    public var displayName: String
    public var primaryEmail: String?
    public var lastActiveAt: String?
    public var banned: Bool?
    public var locked: Bool?
    public var twoFactorEnabled: Bool?
    public var emailVerified: Bool?
    /// False for a user known only through a membership (Clerk's user list did not return it).
    public var inUserList: Bool?
    /// Set only for users in an `export --sessions` scope.
    public var activeSessions: Int64?
    public var activeSessionsLastActiveAt: String?

    public init(_ user: Resource) {
        id = user.id
        displayName = user.displayName
        primaryEmail = user.string("primary_email")
        lastActiveAt = user.string("last_active_at")
        banned = user.bool("banned")
        locked = user.bool("locked")
        twoFactorEnabled = user.bool("two_factor_enabled")
        emailVerified = user.bool("email_verified")
        inUserList = user.bool("in_user_list")
        activeSessions = user.attributes["active_sessions"]?.int64Value
        activeSessionsLastActiveAt = user.string("active_sessions_last_active_at")
    }

    /// The Clerk id (`user_...`).
    public var clerkID: String { AccessIndex.clerkID(id) }
}
