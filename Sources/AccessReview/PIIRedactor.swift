import CanonicalJSON
import SnapshotFormat

/// Replaces emails and names with keyed hashes (HMAC-SHA256) for systems that must not hold personal data.
/// Keyed, so nobody without the key can confirm a guess by hashing it; stable, so the same person gets the
/// same token in every feed made with the same key and records still join.
public struct PIIRedactor: Sendable {
    /// User attributes that identify a person; each is replaced when it holds a string.
    public static let personalAttributes = ["primary_email", "first_name", "last_name", "username"]

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

    /// A user resource's attributes with every personal attribute replaced.
    public func redactUserAttributes(_ attributes: JSONObject) -> JSONObject {
        var result = attributes
        for name in Self.personalAttributes {
            if let text = attributes[name]?.stringValue {
                result[name] = .string(token(text, isEmail: name == "primary_email"))
            }
        }
        return result
    }

    /// An access path record with the invited address replaced, in `principal` (`email:hmac:...`, the
    /// same token as the user's `primary_email`, so the two still join) and in `source.email_address`.
    /// Domains and connection names are the organization's, not a person's, and stay.
    public func redactAccessPath(_ path: AccessPath) -> JSONValue {
        var path = path
        if path.principal.hasPrefix("email:") {
            path.principal = "email:" + token(String(path.principal.dropFirst("email:".count)), isEmail: true)
        }
        if let address = path.source["email_address"]?.stringValue {
            path.source["email_address"] = .string(token(address, isEmail: true))
        }
        return path.json
    }
}
