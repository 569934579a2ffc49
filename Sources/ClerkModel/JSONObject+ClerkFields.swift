import CanonicalJSON

/// Typed access to the fields whose values Clerk constrains: ids, keys, timestamps and counts are checked
/// here, at decode time, so that everything after decoding can use them as they are. A value outside its
/// rule is a malformed page naming the field; the value itself is shown only as a short, escaped prefix.
extension JSONObject {
    /// An object id (`user_...`, `org_...`): see `ClerkID`.
    public func requiredClerkID(_ key: String) throws(JSONFieldError) -> String {
        let id = try requiredString(key)
        guard ClerkID.isValid(id) else {
            throw JSONFieldError(path: key, problem: "\(JSONFieldError.quoted(id)) is not a Clerk id: expected \(ClerkID.ruleDescription)")
        }
        return id
    }

    /// A role or permission key: see `ClerkKey`.
    public func requiredClerkKey(_ key: String) throws(JSONFieldError) -> String {
        let value = try requiredString(key)
        guard ClerkKey.isValid(value) else {
            throw JSONFieldError(path: key, problem: "\(JSONFieldError.quoted(value)) is not a valid key: expected \(ClerkKey.ruleDescription)")
        }
        return value
    }

    /// An array of strings (an enterprise connection's `domains`), naming the first element that is not one.
    public func requiredStrings(_ key: String) throws(JSONFieldError) -> [String] {
        var strings: [String] = []
        for (index, element) in try requiredArray(key).enumerated() {
            guard let text = element.stringValue else {
                throw JSONFieldError(path: "\(key)[\(index)]", problem: "expected string, found \(element.typeName)")
            }
            strings.append(text)
        }
        return strings
    }

    public func requiredTimestamp(_ key: String) throws(JSONFieldError) -> Int64 {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        return try Self.timestamp(value, key)
    }

    public func optionalTimestamp(_ key: String) throws(JSONFieldError) -> Int64? {
        guard let value = self[key], !value.isNull else { return nil }
        return try Self.timestamp(value, key)
    }

    public func requiredCount(_ key: String) throws(JSONFieldError) -> Int64 {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        return try Self.count(value, key)
    }

    public func optionalCount(_ key: String) throws(JSONFieldError) -> Int64? {
        guard let value = self[key], !value.isNull else { return nil }
        return try Self.count(value, key)
    }

    private static func timestamp(_ value: JSONValue, _ key: String) throws(JSONFieldError) -> Int64 {
        guard let number = exactInteger(value), ClerkTimestamp.validRange.contains(number) else {
            throw JSONFieldError(path: key, problem: "\(describe(value)) is not a timestamp: expected \(ClerkTimestamp.ruleDescription)")
        }
        return number
    }

    private static func count(_ value: JSONValue, _ key: String) throws(JSONFieldError) -> Int64 {
        guard let number = exactInteger(value), ClerkCount.validRange.contains(number) else {
            throw JSONFieldError(
                path: key,
                problem: "\(describe(value)) is not a count: expected a whole number from 0 to \(ClerkCount.validRange.upperBound)")
        }
        return number
    }

    /// Integers as Clerk writes them; a number with a fraction or exponent is not one, even when whole.
    private static func exactInteger(_ value: JSONValue) -> Int64? {
        if case .int(let number) = value { return number }
        return nil
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return JSONFieldError.quoted(text)
        default: return value.typeName
        }
    }
}
