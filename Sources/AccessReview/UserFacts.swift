import CanonicalJSON
import SnapshotFormat

/// What the reviews and feeds read of a user, kept for every user of a snapshot instead of the whole
/// `Resource`: a hundred thousand users then cost a few megabytes, not the hundred a decoded attribute
/// dictionary each would. A value is nil exactly when `Resource.string`/`bool` would be (absent, null or of
/// another type), so every rule reads it as it read the resource. The whole resource is
/// `AccessIndex.resource(_:)`, decoded on demand.
public struct UserFacts: Sendable, Equatable {
    /// `user:<clerk id>`.
    public var id: String {
        get { text.string({ $0.id }, { $0.id }) }
        set { text.update { $0.id = newValue } }
    }
    public var displayName: String {
        get { text.string({ $0.displayName }, { $0.displayName }) }
        set { text.update { $0.displayName = newValue } }
    }
    public var primaryEmail: String? {
        get { text.optional({ $0.primaryEmail }, { $0.primaryEmail }) }
        set { text.update { $0.primaryEmail = newValue } }
    }
    public var lastActiveAt: String? {
        get { text.optional({ $0.lastActiveAt }, { $0.lastActiveAt }) }
        set {
            text.update { $0.lastActiveAt = newValue }
            lastActiveMilliseconds = newValue.flatMap(Timestamp.milliseconds(rfc3339:))
        }
    }
    /// `lastActiveAt` as Unix milliseconds, read once with the facts (the rules and the activity figures
    /// read it for every user); nil when it is nil or not an RFC 3339 time.
    public private(set) var lastActiveMilliseconds: Int64?
    public var banned: Bool?
    public var locked: Bool?
    public var twoFactorEnabled: Bool?
    public var emailVerified: Bool?
    /// False for a user known only through a membership (Clerk's user list did not return it).
    public var inUserList: Bool?
    /// Set only for users in an `export --sessions` scope.
    public var activeSessions: Int64?
    public var activeSessionsLastActiveAt: String? {
        get { text.optional({ $0.activeSessionsLastActiveAt }, { $0.activeSessionsLastActiveAt }) }
        set { text.update { $0.activeSessionsLastActiveAt = newValue } }
    }

    /// The facts' text: Strings, or where a snapshot file holds it (see `UserFactsText`).
    private var text: UserFactsText

    public init(_ user: Resource) {
        text = .decoded(
            UserFactsText.Strings(
                id: user.id, displayName: user.displayName, primaryEmail: user.string("primary_email"),
                lastActiveAt: user.string("last_active_at"), activeSessionsLastActiveAt: user.string("active_sessions_last_active_at")))
        banned = user.bool("banned")
        locked = user.bool("locked")
        twoFactorEnabled = user.bool("two_factor_enabled")
        emailVerified = user.bool("email_verified")
        inUserList = user.bool("in_user_list")
        activeSessions = user.attributes["active_sessions"]?.int64Value
        lastActiveMilliseconds = user.string("last_active_at").flatMap(Timestamp.milliseconds(rfc3339:))
    }

    public static func == (lhs: UserFacts, rhs: UserFacts) -> Bool {
        lhs.id == rhs.id && lhs.displayName == rhs.displayName && lhs.primaryEmail == rhs.primaryEmail && lhs.lastActiveAt == rhs.lastActiveAt
            && lhs.banned == rhs.banned && lhs.locked == rhs.locked && lhs.twoFactorEnabled == rhs.twoFactorEnabled
            && lhs.emailVerified == rhs.emailVerified && lhs.inUserList == rhs.inUserList && lhs.activeSessions == rhs.activeSessions
            && lhs.activeSessionsLastActiveAt == rhs.activeSessionsLastActiveAt && lhs.lastActiveMilliseconds == rhs.lastActiveMilliseconds
    }

    /// Reads the facts of the user record at `record` in a snapshot file's bytes, keeping its plain strings
    /// as spans of the file rather than as Strings (which would cost a hundred thousand users a few dozen
    /// megabytes more). Nil as `init?(record:)`.
    package init?(record: ByteSpan, in file: UserFactsFile) {
        let read: UserFacts? = file.bytes.withUnsafeBytes { raw in
            UserFacts(record: raw.bindMemory(to: UInt8.self)[record], file: (file, Int(record.start)))
        }
        guard let read else { return nil }
        self = read
    }

    /// Reads the facts straight from a user record's bytes (as the file holds it, already validated),
    /// without decoding its attributes into a dictionary: the read-side commands do this for every user.
    /// Nil when the record holds anything this reader leaves to `init(_:)` (a number with a fraction, an
    /// escaped key), so the caller decodes the resource instead and gets the same facts.
    package init?(record: UnsafeBufferPointer<UInt8>) {
        self.init(record: record, file: nil)
    }

    /// The reader of both: with a `file` (and the record's offset in it), plain strings are kept as spans.
    private init?(record: UnsafeBufferPointer<UInt8>, file: (file: UserFactsFile, offset: Int)?) {
        var id: UserFactsText.Field?
        var displayName: UserFactsText.Field?
        var facts = (email: UserFactsText.Field?.none, lastActive: UserFactsText.Field?.none, sessionsLastActive: UserFactsText.Field?.none)
        var flags = (banned: Bool?.none, locked: Bool?.none, twoFactor: Bool?.none, verified: Bool?.none, listed: Bool?.none)
        var sessions: Int64?
        var cursor = JSONCursor(record)
        /// A string value (nil for any other type), decoding escapes through `JSONParser`; false when unreadable.
        func string(_ cursor: inout JSONCursor, into value: inout UserFactsText.Field?) -> Bool {
            cursor.skipWhitespace()
            guard cursor.next == UInt8(ascii: "\"") else { return cursor.skipValue(depth: 2) }
            let start = cursor.index
            guard let read = cursor.string() else { return false }
            if read.plain {
                if let file {
                    value = .span(ByteSpan(start: file.offset + read.range.lowerBound, count: read.range.count))
                } else {
                    value = .text(cursor.text(read.range))
                }
            } else {
                guard let parsed = try? JSONParser.parse(Array(record[start..<cursor.index])) else { return false }
                value = parsed.stringValue.map(UserFactsText.Field.text)
            }
            return true
        }
        func bool(_ cursor: inout JSONCursor, into value: inout Bool?) -> Bool {
            cursor.skipWhitespace()
            if cursor.literal("true") { value = true } else if cursor.literal("false") { value = false } else { return cursor.skipValue(depth: 2) }
            return true
        }
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") { return string(&cursor, into: &id) }
            if cursor.key(key, is: "display_name") { return string(&cursor, into: &displayName) }
            guard cursor.key(key, is: "attributes") else { return cursor.skipValue(depth: 1) }
            guard cursor.peek(UInt8(ascii: "{")) else { return false }
            return cursor.members { cursor, key in
                if cursor.key(key, is: "primary_email") { return string(&cursor, into: &facts.email) }
                if cursor.key(key, is: "last_active_at") { return string(&cursor, into: &facts.lastActive) }
                if cursor.key(key, is: "active_sessions_last_active_at") { return string(&cursor, into: &facts.sessionsLastActive) }
                if cursor.key(key, is: "banned") { return bool(&cursor, into: &flags.banned) }
                if cursor.key(key, is: "locked") { return bool(&cursor, into: &flags.locked) }
                if cursor.key(key, is: "two_factor_enabled") { return bool(&cursor, into: &flags.twoFactor) }
                if cursor.key(key, is: "email_verified") { return bool(&cursor, into: &flags.verified) }
                if cursor.key(key, is: "in_user_list") { return bool(&cursor, into: &flags.listed) }
                if cursor.key(key, is: "active_sessions") {
                    cursor.skipWhitespace()
                    let start = cursor.index
                    guard cursor.next == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(cursor.next) else {
                        return cursor.skipValue(depth: 2)
                    }
                    guard cursor.integer() else { return false }
                    sessions = Int64(cursor.text(start..<cursor.index))
                    return sessions != nil
                }
                return cursor.skipValue(depth: 2)
            }
        }
        guard read, let id, let displayName else { return nil }
        text = UserFactsText(
            file: file?.file, id: id, displayName: displayName, primaryEmail: facts.email, lastActiveAt: facts.lastActive,
            activeSessionsLastActiveAt: facts.sessionsLastActive)
        banned = flags.banned
        locked = flags.locked
        twoFactorEnabled = flags.twoFactor
        emailVerified = flags.verified
        inUserList = flags.listed
        activeSessions = sessions
        switch facts.lastActive {
        case .span(let span)?:
            let start = Int(span.start) - (file?.offset ?? 0)
            lastActiveMilliseconds = Timestamp.milliseconds(rfc3339: UnsafeBufferPointer(rebasing: record[start..<(start + Int(span.count))]))
        case .text(let text)?: lastActiveMilliseconds = Timestamp.milliseconds(rfc3339: text)
        case nil: lastActiveMilliseconds = nil
        }
    }

    /// The Clerk id (`user_...`).
    public var clerkID: String { Resource.clerkID(of: id) }
}

extension UserFacts {
    /// The facts with the display name and primary email replaced by `redactor`'s tokens.
    func redacted(by redactor: PIIRedactor) -> UserFacts {
        var facts = self
        facts.displayName = redactor.token(displayName)
        facts.primaryEmail = redactor.token(primaryEmail, isEmail: true)
        return facts
    }
}
