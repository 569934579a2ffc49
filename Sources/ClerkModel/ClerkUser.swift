import CanonicalJSON

/// The fields of a Clerk `User` that an access review needs. Timestamps are Unix milliseconds, as Clerk sends.
public struct ClerkUser: Sendable, Equatable {
    public var id: String
    public var primaryEmail: String?
    public var primaryEmailVerified: Bool
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    public var externalID: String?
    public var banned: Bool
    public var locked: Bool
    public var twoFactorEnabled: Bool
    public var createdAt: Int64
    public var lastSignInAt: Int64?
    public var lastActiveAt: Int64?

    public init(
        id: String, primaryEmail: String? = nil, primaryEmailVerified: Bool = false, username: String? = nil,
        firstName: String? = nil, lastName: String? = nil, externalID: String? = nil, banned: Bool = false,
        locked: Bool = false, twoFactorEnabled: Bool = false, createdAt: Int64 = 0, lastSignInAt: Int64? = nil,
        lastActiveAt: Int64? = nil
    ) {
        self.id = id
        self.primaryEmail = primaryEmail
        self.primaryEmailVerified = primaryEmailVerified
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.externalID = externalID
        self.banned = banned
        self.locked = locked
        self.twoFactorEnabled = twoFactorEnabled
        self.createdAt = createdAt
        self.lastSignInAt = lastSignInAt
        self.lastActiveAt = lastActiveAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ["id", "primary_email_address_id", "email_addresses", "email_address", "verification", "status", "username", "first_name", "last_name", "external_id", "banned", "locked", "two_factor_enabled", "created_at", "last_sign_in_at", "last_active_at"]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        let primaryEmailID = try json.optionalString("primary_email_address_id")
        var email: String?
        var verified = false
        if let primaryEmailID {
            for address in try json.requiredArray("email_addresses") {
                guard let object = address.objectValue, (try? object.optionalString("id")) == primaryEmailID else {
                    continue
                }
                email = try object.requiredString("email_address")
                let verification = try object.optionalObject("verification")
                verified = (try verification?.optionalString("status")) == "verified"
            }
        } else {
            _ = try json.requiredArray("email_addresses")
        }
        primaryEmail = email
        primaryEmailVerified = verified
        username = try json.optionalString("username")
        firstName = try json.optionalString("first_name")
        lastName = try json.optionalString("last_name")
        externalID = try json.optionalString("external_id")
        banned = try json.requiredBool("banned")
        locked = try json.requiredBool("locked")
        twoFactorEnabled = try json.requiredBool("two_factor_enabled")
        createdAt = try json.requiredTimestamp("created_at")
        lastSignInAt = try json.optionalTimestamp("last_sign_in_at")
        lastActiveAt = try json.optionalTimestamp("last_active_at")
    }
}
