/// `source.instance`: the non-secret name of the instance a snapshot was read from, as the snapshot schema
/// allows it: `sha256:` and 8-64 lowercase hex digits (a fingerprint of the key), or `fixture:` and a name
/// of printable characters without white space. Nothing that looks like a Clerk secret key passes, so a
/// recording's `instance.txt` cannot smuggle one into a snapshot.
public enum InstanceName {
    public static let maximumLength = 200

    public static let ruleDescription = "sha256:<8-64 lowercase hex digits> or fixture:<printable name without spaces>"

    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= maximumLength, !text.contains("sk_live_"), !text.contains("sk_test_") else { return false }
        if text.hasPrefix("sha256:") {
            let hex = text.utf8.dropFirst(7)
            return (8...64).contains(hex.count)
                && hex.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        }
        guard text.hasPrefix("fixture:") else { return false }
        let name = text.unicodeScalars.dropFirst(8)
        return !name.isEmpty && name.allSatisfy { isNameScalar($0) }
    }

    /// The instance name of a fixture folder that declares none: its folder name, with every character the
    /// rule does not allow replaced by `_`.
    public static func fixture(folderName: String) -> String {
        let name = String(String.UnicodeScalarView(folderName.unicodeScalars.prefix(maximumLength - 8).map { isNameScalar($0) ? $0 : "_" }))
        let candidate = "fixture:" + (name.isEmpty ? "_" : name)
        return isValid(candidate) ? candidate : "fixture:unnamed"
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x20 && scalar.value != 0x7F && !(0x80...0xA0).contains(scalar.value) && !scalar.properties.isWhitespace
    }
}
