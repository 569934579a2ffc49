import CanonicalJSON

/// A memberships page (`{"data": [...], "total_count": N}`) read in one pass over its bytes with
/// `JSONCursor`, without the JSON tree, key filter and dictionaries `ClerkPage.decode` builds: the
/// memberships are most of an export's pages and of its decoding time.
///
/// It reads the common shape only and is at least as strict as the tree decoder: every text it accepts,
/// `ClerkPage.decode` accepts with the same result (`MembershipPageReaderTests` hold the two equal on
/// generated, recorded and mutated pages). Anything else (a number with a fraction, nesting over 64, an
/// escaped key, a missing or mistyped field) makes it give up, and the caller decodes the page the old way,
/// which either reads it after all or says what is wrong, with its usual reasons.
enum MembershipPageReader {
    /// The page, or nil to have the tree decoder read it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> ClerkPage? {
        var cursor = JSONCursor(bytes)
        var memberships: [ClerkMembership]?
        var totalCount: Int64?
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "data") {
                guard memberships == nil else { return false }
                memberships = list(&cursor)
                return memberships != nil
            }
            if cursor.key(key, is: "total_count") {
                guard let count = integer(&cursor), ClerkCount.validRange.contains(count) else { return false }
                totalCount = count
                return true
            }
            return cursor.skipValue(depth: 1)
        }
        cursor.skipWhitespace()
        guard read, cursor.atEnd, let memberships, let totalCount else { return nil }
        return ClerkPage(items: .memberships(memberships), totalCount: totalCount)
    }

    private static func list(_ cursor: inout JSONCursor) -> [ClerkMembership]? {
        guard cursor.take(UInt8(ascii: "[")) else { return nil }
        var result: [ClerkMembership] = []
        if cursor.take(UInt8(ascii: "]")) { return result }
        while true {
            guard let membership = membership(&cursor) else { return nil }
            result.append(membership)
            guard let more = cursor.continues(before: UInt8(ascii: "]")) else { return nil }
            if !more { return result }
        }
    }

    /// `ClerkMembership.init(json:)`, field by field.
    private static func membership(_ cursor: inout JSONCursor) -> ClerkMembership? {
        var id: String?
        var roleKey: String?
        var roleName: String??
        var organization: ClerkOrganization?
        var user: ClerkMembership.PublicUserData?
        var createdAt: Int64?
        var updatedAt: Int64?
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") { return set(&id, clerkID(&cursor)) }
            if cursor.key(key, is: "role") { return set(&roleKey, clerkKey(&cursor)) }
            if cursor.key(key, is: "role_name") { return set(&roleName, optionalText(&cursor)) }
            if cursor.key(key, is: "organization") { return set(&organization, self.organization(&cursor)) }
            if cursor.key(key, is: "public_user_data") { return set(&user, publicUserData(&cursor)) }
            if cursor.key(key, is: "created_at") { return set(&createdAt, timestamp(&cursor)) }
            if cursor.key(key, is: "updated_at") { return set(&updatedAt, timestamp(&cursor)) }
            return cursor.skipValue(depth: 3)
        }
        guard read, let id, let roleKey, let organization, let user, let createdAt, let updatedAt else { return nil }
        return ClerkMembership(
            id: id, roleKey: roleKey, roleName: roleName ?? nil, organization: organization, user: user,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    /// `ClerkOrganization.init(json:)`, field by field.
    private static func organization(_ cursor: inout JSONCursor) -> ClerkOrganization? {
        var id: String?
        var name: String?
        var slug: String?
        var membersCount: Int64??
        var createdAt: Int64?
        var roleSetKey: String??
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") { return set(&id, clerkID(&cursor)) }
            if cursor.key(key, is: "name") { return set(&name, text(&cursor)) }
            if cursor.key(key, is: "slug") { return set(&slug, text(&cursor)) }
            if cursor.key(key, is: "members_count") { return set(&membersCount, optionalCount(&cursor)) }
            if cursor.key(key, is: "created_at") { return set(&createdAt, timestamp(&cursor)) }
            if cursor.key(key, is: "role_set_key") { return set(&roleSetKey, optionalText(&cursor)) }
            return cursor.skipValue(depth: 4)
        }
        guard read, let id, let name, let slug, let createdAt else { return nil }
        return ClerkOrganization(
            id: id, name: name, slug: slug, membersCount: membersCount ?? nil, createdAt: createdAt, roleSetKey: roleSetKey ?? nil)
    }

    /// `ClerkMembership.PublicUserData.init(json:)`, field by field.
    private static func publicUserData(_ cursor: inout JSONCursor) -> ClerkMembership.PublicUserData? {
        var userID: String?
        var identifier: String??
        var username: String??
        var firstName: String??
        var lastName: String??
        var banned: Bool??
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "user_id") { return set(&userID, clerkID(&cursor)) }
            if cursor.key(key, is: "identifier") { return set(&identifier, optionalText(&cursor)) }
            if cursor.key(key, is: "username") { return set(&username, optionalText(&cursor)) }
            if cursor.key(key, is: "first_name") { return set(&firstName, optionalText(&cursor)) }
            if cursor.key(key, is: "last_name") { return set(&lastName, optionalText(&cursor)) }
            if cursor.key(key, is: "banned") { return set(&banned, optionalBool(&cursor)) }
            return cursor.skipValue(depth: 4)
        }
        guard read, let userID else { return nil }
        return ClerkMembership.PublicUserData(
            userID: userID, identifier: identifier ?? nil, username: username ?? nil, firstName: firstName ?? nil,
            lastName: lastName ?? nil, banned: banned ?? nil)
    }

    // MARK: - Values (each nil when the tree decoder might read it otherwise, or refuse it)

    /// Stores a value read once; a key is never read twice (the cursor refuses repeated keys anyway).
    private static func set<Value>(_ slot: inout Value?, _ value: Value?) -> Bool {
        guard let value else { return false }
        slot = value
        return true
    }

    /// A string's value: its bytes when it has no escapes (ids and names nearly always), else decoded by
    /// `JSONParser`, so an escape means exactly what it means to the tree decoder.
    private static func text(_ cursor: inout JSONCursor) -> String? {
        cursor.skipWhitespace()
        let start = cursor.index
        guard let read = cursor.string() else { return nil }
        if read.plain { return cursor.text(read.range) }
        return (try? JSONParser.parse(Array(cursor.bytes[start..<cursor.index])))?.stringValue
    }

    /// A string, or null (`.some(nil)`).
    private static func optionalText(_ cursor: inout JSONCursor) -> String?? {
        cursor.skipWhitespace()
        if cursor.next == UInt8(ascii: "n") { return cursor.literal("null") ? .some(nil) : nil }
        return text(&cursor).map { .some($0) }
    }

    private static func clerkID(_ cursor: inout JSONCursor) -> String? {
        text(&cursor).flatMap { ClerkID.isValid($0) ? $0 : nil }
    }

    private static func clerkKey(_ cursor: inout JSONCursor) -> String? {
        text(&cursor).flatMap { ClerkKey.isValid($0) ? $0 : nil }
    }

    private static func timestamp(_ cursor: inout JSONCursor) -> Int64? {
        guard let value = integer(&cursor), ClerkTimestamp.validRange.contains(value) else { return nil }
        return value
    }

    private static func optionalCount(_ cursor: inout JSONCursor) -> Int64?? {
        cursor.skipWhitespace()
        if cursor.next == UInt8(ascii: "n") { return cursor.literal("null") ? .some(nil) : nil }
        guard let value = integer(&cursor), ClerkCount.validRange.contains(value) else { return nil }
        return .some(value)
    }

    private static func optionalBool(_ cursor: inout JSONCursor) -> Bool?? {
        cursor.skipWhitespace()
        if cursor.literal("true") { return .some(true) }
        if cursor.literal("false") { return .some(false) }
        if cursor.literal("null") { return .some(nil) }
        return nil
    }

    /// An integer as `JSONCursor.integer` accepts it (at most 18 digits, no fraction or exponent), with its value.
    private static func integer(_ cursor: inout JSONCursor) -> Int64? {
        cursor.skipWhitespace()
        let start = cursor.index
        guard cursor.integer() else { return nil }
        var value: Int64 = 0
        var negative = false
        for index in start..<cursor.index {
            let byte = cursor.bytes[index]
            if byte == UInt8(ascii: "-") {
                negative = true
            } else {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
        }
        return negative ? -value : value
    }
}
