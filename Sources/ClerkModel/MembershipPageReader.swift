import CanonicalJSON

/// A memberships page (`{"data": [...], "total_count": N}`) read in one pass over its bytes with
/// `JSONCursor`, without the JSON tree, key filter and dictionaries `ClerkPage.decode` builds: the
/// memberships are most of an export's pages and of its decoding time.
///
/// It reads the common shape only and is at least as strict as the tree decoder: every text it accepts,
/// `ClerkPage.decode` accepts with the same result (`PageReaderTests` hold the two equal on
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
                guard let count = cursor.integerValue(), ClerkCount.validRange.contains(count) else { return false }
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
        var result: [ClerkMembership] = []
        let read = cursor.elements { cursor in
            guard let membership = membership(&cursor) else { return false }
            result.append(membership)
            return true
        }
        return read ? result : nil
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
            if cursor.key(key, is: "id") { return fill(&id, cursor.clerkID()) }
            if cursor.key(key, is: "role") { return fill(&roleKey, cursor.clerkKey()) }
            if cursor.key(key, is: "role_name") { return fill(&roleName, cursor.optionalText()) }
            if cursor.key(key, is: "organization") { return fill(&organization, self.organization(&cursor)) }
            if cursor.key(key, is: "public_user_data") { return fill(&user, publicUserData(&cursor)) }
            if cursor.key(key, is: "created_at") { return fill(&createdAt, cursor.timestamp()) }
            if cursor.key(key, is: "updated_at") { return fill(&updatedAt, cursor.timestamp()) }
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
            if cursor.key(key, is: "id") { return fill(&id, cursor.clerkID()) }
            if cursor.key(key, is: "name") { return fill(&name, cursor.text()) }
            if cursor.key(key, is: "slug") { return fill(&slug, cursor.text()) }
            if cursor.key(key, is: "members_count") { return fill(&membersCount, cursor.optionalCount()) }
            if cursor.key(key, is: "created_at") { return fill(&createdAt, cursor.timestamp()) }
            if cursor.key(key, is: "role_set_key") { return fill(&roleSetKey, cursor.optionalText()) }
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
            if cursor.key(key, is: "user_id") { return fill(&userID, cursor.clerkID()) }
            if cursor.key(key, is: "identifier") { return fill(&identifier, cursor.optionalText()) }
            if cursor.key(key, is: "username") { return fill(&username, cursor.optionalText()) }
            if cursor.key(key, is: "first_name") { return fill(&firstName, cursor.optionalText()) }
            if cursor.key(key, is: "last_name") { return fill(&lastName, cursor.optionalText()) }
            if cursor.key(key, is: "banned") { return fill(&banned, cursor.optionalBool()) }
            return cursor.skipValue(depth: 4)
        }
        guard read, let userID else { return nil }
        return ClerkMembership.PublicUserData(
            userID: userID, identifier: identifier ?? nil, username: username ?? nil, firstName: firstName ?? nil,
            lastName: lastName ?? nil, banned: banned ?? nil)
    }
}
