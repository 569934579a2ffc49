/// A user as the fake server knows it; the server renders the full Clerk `User` object from it.
/// Timestamps are Unix milliseconds, as Clerk sends them.
public struct FakeUser: Sendable, Equatable {
    public var id: String
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Nil for a user who signs in by username only; the JSON then has `primary_email_address_id: null`
    /// and an empty `email_addresses`.
    public var primaryEmail: String?
    public var emailVerified: Bool
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    public var externalID: String?
    public var banned: Bool
    public var locked: Bool
    public var twoFactorEnabled: Bool
    public var lastSignInAt: Int64?
    /// Day precision, as Clerk reports it.
    public var lastActiveAt: Int64?

    public init(
        id: String, createdAt: Int64, updatedAt: Int64, primaryEmail: String?, emailVerified: Bool,
        username: String?, firstName: String?, lastName: String?, externalID: String?, banned: Bool, locked: Bool,
        twoFactorEnabled: Bool, lastSignInAt: Int64?, lastActiveAt: Int64?
    ) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.primaryEmail = primaryEmail
        self.emailVerified = emailVerified
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.externalID = externalID
        self.banned = banned
        self.locked = locked
        self.twoFactorEnabled = twoFactorEnabled
        self.lastSignInAt = lastSignInAt
        self.lastActiveAt = lastActiveAt
    }

    /// The id of the user's one email address object: derived, so it never disagrees with the user id.
    public var primaryEmailAddressID: String? {
        guard primaryEmail != nil else { return nil }
        return "idn_" + (id.hasPrefix("user_") ? id.dropFirst("user_".count) : id[...])
    }

    /// What a membership's `public_user_data.identifier` shows: the email, else the username.
    public var identifier: String? { primaryEmail ?? username }
}
