/// The alphabet and length every Clerk object id must have to be used: ids become parts of snapshot ids
/// (`organization:<id>:role:<id>`), request paths (`/v1/organizations/<id>/memberships`) and file names, so an
/// id is data only while it cannot spell a separator, a path step, white space or a control character.
///
/// Clerk issues ids as a type prefix, `_` and base62 (`user_2NxAliceAdams00000000000000`, about 32
/// characters); the rule leaves room for `-` and four times that length, and refuses everything else at
/// decode time, so the snapshot's `<type>:<id>` scheme can never be ambiguous.
public enum ClerkID {
    /// Longest id accepted, in bytes.
    public static let maximumLength = 128

    /// The rule in the words error messages and the README use.
    public static let ruleDescription = "1-\(maximumLength) characters of A-Z a-z 0-9 _ -"

    /// Whether `text` is 1...`maximumLength` bytes of `[A-Za-z0-9_-]`.
    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid(bytes: $0) }
    }

    /// The same rule over raw bytes (the snapshot indexer checks ids where they stand in the file).
    @inlinable public static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        for byte in bytes where !isIDByte(byte) { return false }
        return true
    }

    @inline(__always) @inlinable public static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }
}
