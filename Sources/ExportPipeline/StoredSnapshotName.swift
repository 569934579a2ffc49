/// The names `export --store` gives its files: `<sequence>-<UTC timestamp>-<first 12 hex of the digest>.json`
/// (`000042-20261120T000000Z-0123456789ab.json`), and the earlier `<timestamp>-<digest12>.json`. Anything
/// else in a store folder is not a stored snapshot.
package enum StoredSnapshotName {
    /// Sequence numbers are written with at least this many digits, so names also sort in run order.
    package static let sequenceWidth = 6
    /// A longer run of digits is not a sequence this tool wrote (and would not fit an Int).
    package static let maximumSequenceDigits = 18

    /// Whether `name` is a stored snapshot's, and its sequence: `.some(nil)` for the earlier scheme.
    package static func parse(_ name: String) -> Int?? {
        if isTimestampedName(Substring(name)) { return .some(nil) }
        guard let dash = name.firstIndex(of: "-") else { return nil }
        let digits = name[..<dash]
        guard (sequenceWidth...maximumSequenceDigits).contains(digits.utf8.count),
            digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let sequence = Int(digits), isTimestampedName(name[name.index(after: dash)...])
        else { return nil }
        return .some(sequence)
    }

    /// `20261120T000000Z-0123456789ab.json`: 8 digits, T, 6 digits, Z, '-', 12 lowercase hex, .json.
    private static func isTimestampedName(_ name: Substring) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 8 + 1 + 6 + 1 + 1 + 12 + 5, name.hasSuffix(".json") else { return false }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) } }
        let hex = bytes[17..<29].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        return digits(0..<8) && bytes[8] == UInt8(ascii: "T") && digits(9..<15) && bytes[15] == UInt8(ascii: "Z")
            && bytes[16] == UInt8(ascii: "-") && hex
    }
}
