import CanonicalJSON

/// A users page (a bare JSON array of users) read in one pass over its bytes, as `MembershipPageReader`
/// reads memberships: `ClerkUser.init(json:)` field by field, without a tree, at least as strict as the tree
/// decoder, giving the page to it on anything else.
enum UserPageReader {
    /// The page, or nil to have the tree decoder read it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> ClerkPage? {
        var cursor = JSONCursor(bytes)
        var users: [ClerkUser] = []
        let read = cursor.elements { cursor in
            guard let user = user(&cursor) else { return false }
            users.append(user)
            return true
        }
        guard read else { return nil }
        cursor.skipWhitespace()
        guard cursor.atEnd else { return nil }
        return ClerkPage(items: .users(users))
    }

    /// One element of `email_addresses` as far as the tree decoder reads it: its `id` when a string (an
    /// element whose id is anything else never matches) and, used only if it is the primary address, its
    /// `email_address` and `verification.status`, or that the tree decoder would refuse them.
    private struct Address {
        enum Field<Value> {
            case value(Value)
            case refused
        }

        var id: String?
        /// Missing counts as refused: the tree decoder requires it of the primary address.
        var email: Field<String> = .refused
        /// Absent or null is no status.
        var status: Field<String?> = .value(nil)
    }

    private static func user(_ cursor: inout JSONCursor) -> ClerkUser? {
        var id: String?
        var primaryEmailID: String??
        var addresses: [Address]?
        var username: String??
        var firstName: String??
        var lastName: String??
        var externalID: String??
        var banned: Bool?
        var locked: Bool?
        var twoFactor: Bool?
        var createdAt: Int64?
        var lastSignInAt: Int64??
        var lastActiveAt: Int64??
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") { return fill(&id, cursor.clerkID()) }
            if cursor.key(key, is: "primary_email_address_id") { return fill(&primaryEmailID, cursor.optionalText()) }
            if cursor.key(key, is: "email_addresses") { return fill(&addresses, Self.addresses(&cursor)) }
            if cursor.key(key, is: "username") { return fill(&username, cursor.optionalText()) }
            if cursor.key(key, is: "first_name") { return fill(&firstName, cursor.optionalText()) }
            if cursor.key(key, is: "last_name") { return fill(&lastName, cursor.optionalText()) }
            if cursor.key(key, is: "external_id") { return fill(&externalID, cursor.optionalText()) }
            if cursor.key(key, is: "banned") { return fill(&banned, cursor.bool()) }
            if cursor.key(key, is: "locked") { return fill(&locked, cursor.bool()) }
            if cursor.key(key, is: "two_factor_enabled") { return fill(&twoFactor, cursor.bool()) }
            if cursor.key(key, is: "created_at") { return fill(&createdAt, cursor.timestamp()) }
            if cursor.key(key, is: "last_sign_in_at") { return fill(&lastSignInAt, cursor.optionalTimestamp()) }
            if cursor.key(key, is: "last_active_at") { return fill(&lastActiveAt, cursor.optionalTimestamp()) }
            return cursor.skipValue(depth: 2)
        }
        guard read, let id, let addresses, let banned, let locked, let twoFactor, let createdAt else { return nil }
        // The primary address, as the tree decoder finds it: the last element whose id matches.
        var email: String?
        var verified = false
        if let primary = primaryEmailID ?? nil {
            for address in addresses where address.id == primary {
                guard case .value(let value) = address.email, case .value(let status) = address.status else { return nil }
                email = value
                verified = status == "verified"
            }
        }
        return ClerkUser(
            id: id, primaryEmail: email, primaryEmailVerified: verified, username: username ?? nil, firstName: firstName ?? nil,
            lastName: lastName ?? nil, externalID: externalID ?? nil, banned: banned, locked: locked, twoFactorEnabled: twoFactor,
            createdAt: createdAt, lastSignInAt: lastSignInAt ?? nil, lastActiveAt: lastActiveAt ?? nil)
    }

    /// `email_addresses`: an array; elements that are not objects are checked and passed over.
    private static func addresses(_ cursor: inout JSONCursor) -> [Address]? {
        var result: [Address] = []
        let read = cursor.elements { cursor in
            guard cursor.peek(UInt8(ascii: "{")) else { return cursor.skipValue(depth: 3) }
            guard let address = address(&cursor) else { return false }
            result.append(address)
            return true
        }
        return read ? result : nil
    }

    private static func address(_ cursor: inout JSONCursor) -> Address? {
        var address = Address()
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") {
                // Only a string id can match; any other value is checked and makes the element match nothing.
                guard let id = stringOrRefused(&cursor) else { return false }
                if case .value(let text) = id { address.id = text }
                return true
            }
            if cursor.key(key, is: "email_address") {
                guard let email = stringOrRefused(&cursor) else { return false }
                address.email = email
                return true
            }
            if cursor.key(key, is: "verification") {
                guard let status = verificationStatus(&cursor) else { return false }
                address.status = status
                return true
            }
            return cursor.skipValue(depth: 4)
        }
        return read ? address : nil
    }

    /// A string as its value; any other value checked and passed as refused; nil when it is not JSON this
    /// reader takes.
    private static func stringOrRefused(_ cursor: inout JSONCursor) -> Address.Field<String>? {
        cursor.skipWhitespace()
        if cursor.next == UInt8(ascii: "\"") { return cursor.text().map { .value($0) } }
        return cursor.skipValue(depth: 4) ? .refused : nil
    }

    /// `verification` as the tree decoder reads it: null is no status; an object gives its `status` (a
    /// string; null or absent is none); anything else, or a status of another type, is refused. nil when it
    /// is not JSON this reader takes.
    private static func verificationStatus(_ cursor: inout JSONCursor) -> Address.Field<String?>? {
        cursor.skipWhitespace()
        if cursor.next == UInt8(ascii: "n") { return cursor.literal("null") ? .value(nil) : nil }
        guard cursor.next == UInt8(ascii: "{") else { return cursor.skipValue(depth: 4) ? .refused : nil }
        var status: Address.Field<String?> = .value(nil)
        let read = cursor.members { cursor, key in
            guard cursor.key(key, is: "status") else { return cursor.skipValue(depth: 5) }
            cursor.skipWhitespace()
            if cursor.next == UInt8(ascii: "n") {
                guard cursor.literal("null") else { return false }
                status = .value(nil)
                return true
            }
            guard let text = stringOrRefused(&cursor) else { return false }
            if case .value(let value) = text { status = .value(value) } else { status = .refused }
            return true
        }
        return read ? status : nil
    }
}
