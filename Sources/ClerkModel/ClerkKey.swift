/// Role and permission keys (`org:admin`, `org:invoices:read`): free text in Clerk's model, so `:` is
/// allowed, but never empty (the snapshot schema requires a key), never longer than `maximumLength` bytes
/// and never holding a control character, which has no place in a key and would only serve to confuse a
/// terminal or a log reader.
public enum ClerkKey {
    public static let maximumLength = 256

    public static let ruleDescription = "1-\(maximumLength) bytes without control characters"

    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return false }
        return !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
