import SnapshotFormat

extension PIIRedactor? {
    /// A name or address as printed: its token when redacting, else itself. A value that is already a token
    /// (`hmac:...`, from a redacting index or a record written with `--redact-pii`) is no personal data and
    /// stays, so it is never hashed twice and still joins with the other outputs made with the same key.
    func name(_ value: String) -> String {
        guard let redactor = self, !value.hasPrefix(Self.tokenPrefix) else { return value }
        let token: String = redactor.token(value)
        return token
    }

    /// An email as printed (nil stays nil), by the same rule.
    func email(_ value: String?) -> String? {
        guard let redactor = self, let value, !value.hasPrefix(Self.tokenPrefix) else { return value }
        let token: String = redactor.token(value, isEmail: true)
        return token
    }

    /// How `PIIRedactor.token` begins.
    private static var tokenPrefix: String { "hmac:" }
}
