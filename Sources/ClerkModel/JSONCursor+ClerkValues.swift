import CanonicalJSON

/// The values of Clerk pages as the one-pass page readers take them (`MembershipPageReader`,
/// `UserPageReader`): each nil whenever the tree decoder (`JSONObject+ClerkFields`, `+TypedFields`) could
/// read the value otherwise or refuse it, so a reader that gets nil gives the page to the tree decoder.
extension JSONCursor {
    /// A string's value: its bytes when it has no escapes (ids and names nearly always), else decoded by
    /// `JSONParser`, so an escape means exactly what it means to the tree decoder.
    mutating func text() -> String? {
        skipWhitespace()
        let start = index
        guard let read = string() else { return nil }
        if read.plain { return text(read.range) }
        return (try? JSONParser.parse(Array(bytes[start..<index])))?.stringValue
    }

    /// A string, or null (`.some(nil)`).
    mutating func optionalText() -> String?? {
        skipWhitespace()
        if next == UInt8(ascii: "n") { return literal("null") ? .some(nil) : nil }
        return text().map { .some($0) }
    }

    /// `requiredClerkID`.
    mutating func clerkID() -> String? {
        text().flatMap { ClerkID.isValid($0) ? $0 : nil }
    }

    /// `requiredClerkKey`.
    mutating func clerkKey() -> String? {
        text().flatMap { ClerkKey.isValid($0) ? $0 : nil }
    }

    /// `requiredTimestamp`.
    mutating func timestamp() -> Int64? {
        guard let value = integerValue(), ClerkTimestamp.validRange.contains(value) else { return nil }
        return value
    }

    /// `optionalTimestamp`: a timestamp, or null (`.some(nil)`).
    mutating func optionalTimestamp() -> Int64?? {
        skipWhitespace()
        if next == UInt8(ascii: "n") { return literal("null") ? .some(nil) : nil }
        return timestamp().map { .some($0) }
    }

    /// `optionalCount`: a count, or null (`.some(nil)`).
    mutating func optionalCount() -> Int64?? {
        skipWhitespace()
        if next == UInt8(ascii: "n") { return literal("null") ? .some(nil) : nil }
        guard let value = integerValue(), ClerkCount.validRange.contains(value) else { return nil }
        return .some(value)
    }

    /// `requiredBool`.
    mutating func bool() -> Bool? {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// `optionalBool`: a boolean, or null (`.some(nil)`).
    mutating func optionalBool() -> Bool?? {
        skipWhitespace()
        if next == UInt8(ascii: "n") { return literal("null") ? .some(nil) : nil }
        return bool().map { .some($0) }
    }

    /// An integer as `integer()` accepts it (at most 18 digits, no fraction or exponent), with its value.
    mutating func integerValue() -> Int64? {
        skipWhitespace()
        let start = index
        guard integer() else { return nil }
        var value: Int64 = 0
        var negative = false
        for position in start..<index {
            let byte = bytes[position]
            if byte == UInt8(ascii: "-") {
                negative = true
            } else {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
        }
        return negative ? -value : value
    }
}

/// Stores a value a page reader read; nil (a value the tree decoder might read otherwise, or refuse) fails
/// the read, which then gives the page to the tree decoder.
func fill<Value>(_ slot: inout Value?, _ value: Value?) -> Bool {
    guard let value else { return false }
    slot = value
    return true
}
