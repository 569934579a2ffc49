extension PIIRedactor? {
    /// A name as printed: its token when redacting, else itself.
    func name(_ value: String) -> String {
        guard let redactor = self else { return value }
        let token: String = redactor.token(value)
        return token
    }

    /// An email as printed (nil stays nil): its token when redacting, else itself.
    func email(_ value: String?) -> String? {
        guard let redactor = self, let value else { return value }
        let token: String = redactor.token(value, isEmail: true)
        return token
    }
}
