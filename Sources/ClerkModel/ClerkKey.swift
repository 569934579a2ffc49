/// Role and permission keys (`org:admin`, `org:invoices:read`): free text in Clerk's model, so `:` is
/// allowed, but never empty (the snapshot schema requires a key), never longer than `maximumLength` bytes
/// and never holding a control character, which has no place in a key and would only serve to confuse a
/// terminal or a log reader.
public enum ClerkKey {
    public static let maximumLength = 256

    public static let ruleDescription = "1-\(maximumLength) bytes without control characters"

    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid(bytes: $0) }
    }

    /// The same rule over valid UTF-8 bytes, where C0 controls and DEL are single bytes and C1 controls
    /// (U+0080-U+009F) are `C2 80` to `C2 9F`.
    public static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return false }
        }
        return true
    }
}
