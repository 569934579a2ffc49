import CanonicalJSON

/// Replaces emails and names with keyed hashes (HMAC-SHA256) for systems and readers that must not hold
/// personal data (`--redact-pii`). Keyed, so nobody without the key can confirm a guess by hashing it;
/// stable, so the same person gets the same token in every feed and report made with the same key, and
/// records still join. Ids are not personal data and stay.
///
/// The one home of what counts as personal in a snapshot: every feed, report and diff redacts through it.
public struct PIIRedactor: Sendable {
    /// User attributes that identify a person; each is replaced when it holds a string.
    public static let personalAttributes = ["primary_email", "first_name", "last_name", "username"]
    /// The diff field names of a user resource that hold personal data.
    public static let personalUserFields: Set<String> = Set(personalAttributes + ["display_name"])

    private let key: [UInt8]

    /// Nil for an empty key: an empty HMAC key would make the hashes reversible by guessing.
    public init?(key: [UInt8]) {
        guard !key.isEmpty else { return nil }
        self.key = key
    }

    /// `hmac:` and the first 32 hex digits (128 bits) of HMAC-SHA256. Emails are lower-cased first, since
    /// Clerk treats them case-insensitively and the same address must map to one token.
    public func token(_ value: String, isEmail: Bool = false) -> String {
        let message = isEmail ? value.lowercased() : value
        return "hmac:" + String(SHA256.hex(SHA256.hmac(key: key, message: Array(message.utf8))).prefix(32))
    }

    public func token(_ value: String?, isEmail: Bool = false) -> String? {
        value.map { token($0, isEmail: isEmail) }
    }

    /// The token of one value of a personal field (`primary_email` is hashed as an email).
    public func token(field: String, _ value: JSONValue) -> JSONValue {
        guard let text = value.stringValue else { return value }
        return .string(token(text, isEmail: field == "primary_email" || field == "email_address"))
    }

    /// A user resource's attributes with every personal attribute replaced.
    public func redactUserAttributes(_ attributes: JSONObject) -> JSONObject {
        var result = attributes
        for name in Self.personalAttributes {
            if let value = attributes[name] { result[name] = token(field: name, value) }
        }
        return result
    }

    /// A resource with its personal data replaced: a user's display name and personal attributes. Other
    /// resources (organizations, roles, machines) name no person and are returned as they are.
    public func redact(_ resource: Resource) -> Resource {
        guard resource.type == .user else { return resource }
        var resource = resource
        resource.attributes = redactUserAttributes(resource.attributes)
        resource.displayName = token(resource.displayName)
        return resource
    }

    /// `email:<address>` with the address replaced by the token a user's `primary_email` gets, so an
    /// invitation still joins its user; other principals are returned as they are.
    public func redactPrincipal(_ principal: String) -> String {
        guard principal.hasPrefix("email:") else { return principal }
        return "email:" + token(String(principal.dropFirst("email:".count)), isEmail: true)
    }

    /// An access path with the invited address replaced, in `principal` and in `source.email_address`.
    /// Domains and connection names are the organization's, not a person's, and stay.
    public func redact(_ path: AccessPath) -> AccessPath {
        var path = path
        path.principal = redactPrincipal(path.principal)
        if let address = path.source["email_address"] { path.source["email_address"] = token(field: "email_address", address) }
        return path
    }

}
