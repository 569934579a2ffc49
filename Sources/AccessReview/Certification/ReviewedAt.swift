import SnapshotFormat

/// The `reviewed_at` of a decision: a date (`2026-11-24`, midnight UTC) or an RFC 3339 UTC time. One
/// reading for `certify`, the record and `remediation`'s deadlines.
enum ReviewedAt {
    /// Unix milliseconds; nil for anything else, impossible dates included.
    static func milliseconds(_ text: String) -> Int64? {
        if text.utf8.count == 10 { return Timestamp.milliseconds(rfc3339: text + "T00:00:00Z") }
        return Timestamp.milliseconds(rfc3339: text)
    }
}
