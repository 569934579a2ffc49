import CanonicalJSON

/// A user's membership in an organization, with the organization and the public user data Clerk embeds.
public struct ClerkMembership: Sendable, Equatable {
    public var id: String
    /// A role key such as `org:admin`, not a role id.
    public var roleKey: String
    public var roleName: String?
    public var organization: ClerkOrganization
    public var user: PublicUserData
    public var createdAt: Int64
    public var updatedAt: Int64

    /// The user as a membership shows it: enough to describe a user missing from the user list.
    public struct PublicUserData: Sendable, Equatable {
        public var userID: String
        public var identifier: String?
        public var username: String?
        public var firstName: String?
        public var lastName: String?
        public var banned: Bool?

        public init(
            userID: String, identifier: String? = nil, username: String? = nil, firstName: String? = nil,
            lastName: String? = nil, banned: Bool? = nil
        ) {
            self.userID = userID
            self.identifier = identifier
            self.username = username
            self.firstName = firstName
            self.lastName = lastName
            self.banned = banned
        }

        /// The members `init(json:)` reads.
        public static let jsonKeys: Set<String> = ["user_id", "identifier", "username", "first_name", "last_name", "banned"]

        public init(json: JSONObject) throws(JSONFieldError) {
            userID = try json.requiredClerkID("user_id")
            identifier = try json.optionalString("identifier")
            username = try json.optionalString("username")
            firstName = try json.optionalString("first_name")
            lastName = try json.optionalString("last_name")
            banned = try json.optionalBool("banned")
        }
    }

    public init(
        id: String, roleKey: String, roleName: String? = nil, organization: ClerkOrganization, user: PublicUserData,
        createdAt: Int64 = 0, updatedAt: Int64 = 0
    ) {
        self.id = id
        self.roleKey = roleKey
        self.roleName = roleName
        self.organization = organization
        self.user = user
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ClerkOrganization.jsonKeys.union(PublicUserData.jsonKeys).union([
        "id", "role", "role_name", "organization", "public_user_data", "created_at", "updated_at",
    ])

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        roleKey = try json.requiredClerkKey("role")
        roleName = try json.optionalString("role_name")
        do {
            organization = try ClerkOrganization(json: try json.requiredObject("organization"))
        } catch {
            throw error.path == "organization" ? error : error.nested(under: "organization")
        }
        // Clerk marks public_user_data optional; a membership without it names no user and cannot be a grant.
        do {
            user = try PublicUserData(json: try json.requiredObject("public_user_data"))
        } catch {
            throw error.path == "public_user_data" ? error : error.nested(under: "public_user_data")
        }
        createdAt = try json.requiredTimestamp("created_at")
        updatedAt = try json.requiredTimestamp("updated_at")
    }
}
