/// The Unix-millisecond timestamps Clerk sends, limited to years 1970-9999: the span a four-digit RFC 3339
/// year can write (the snapshot schema's pattern), and far enough from `Int64`'s ends that converting one
/// to a date can never overflow. Anything else is a malformed page, not a date to guess at.
public enum ClerkTimestamp {
    /// 1970-01-01T00:00:00.000Z through 9999-12-31T23:59:59.999Z.
    public static let validRange: ClosedRange<Int64> = 0...253_402_300_799_999

    public static let ruleDescription = "Unix milliseconds within years 1970-9999"
}
