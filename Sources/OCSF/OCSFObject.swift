import CanonicalJSON

/// The OCSF objects both the diff's events and the inventory records carry, built in one place so a Clerk
/// user and an organization read the same in every event.
public enum OCSFObject {
    /// A `user` object for a Clerk user (`type_id` 1, `User`), by its Clerk id; the caller adds what it knows
    /// (`email_addr`, `full_name`, `name`, ...).
    public static func user(clerkID: String) -> JSONObject {
        JSONObject([("uid", .string(clerkID)), ("type_id", 1), ("type", "User")])
    }

    /// A Clerk organization, as a `group` or a `resource` object.
    public static func organization(clerkID: String, name: String) -> JSONObject {
        JSONObject([("uid", .string(clerkID)), ("name", .string(name)), ("type", "Organization")])
    }
}
