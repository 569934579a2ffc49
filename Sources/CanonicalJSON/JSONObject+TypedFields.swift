/// Typed field access for decoding Clerk pages and snapshot records: each accessor names the field in
/// its error, so malformed input is reported as "data[3].role: expected string, found null", not a crash.
extension JSONObject {
    public func requiredString(_ key: String) throws(JSONFieldError) -> String {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        guard let string = value.stringValue else {
            throw JSONFieldError(path: key, problem: "expected string, found \(value.typeName)")
        }
        return string
    }

    public func optionalString(_ key: String) throws(JSONFieldError) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw JSONFieldError(path: key, problem: "expected string or null, found \(value.typeName)")
        }
        return string
    }

    public func requiredBool(_ key: String) throws(JSONFieldError) -> Bool {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        guard let flag = value.boolValue else {
            throw JSONFieldError(path: key, problem: "expected boolean, found \(value.typeName)")
        }
        return flag
    }

    public func optionalBool(_ key: String) throws(JSONFieldError) -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw JSONFieldError(path: key, problem: "expected boolean or null, found \(value.typeName)")
        }
        return flag
    }

    public func requiredInt(_ key: String) throws(JSONFieldError) -> Int64 {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        guard let number = value.int64Value else {
            throw JSONFieldError(path: key, problem: "expected integer, found \(value.typeName)")
        }
        return number
    }

    public func optionalInt(_ key: String) throws(JSONFieldError) -> Int64? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let number = value.int64Value else {
            throw JSONFieldError(path: key, problem: "expected integer or null, found \(value.typeName)")
        }
        return number
    }

    public func requiredObject(_ key: String) throws(JSONFieldError) -> JSONObject {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        guard let object = value.objectValue else {
            throw JSONFieldError(path: key, problem: "expected object, found \(value.typeName)")
        }
        return object
    }

    public func optionalObject(_ key: String) throws(JSONFieldError) -> JSONObject? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw JSONFieldError(path: key, problem: "expected object or null, found \(value.typeName)")
        }
        return object
    }

    public func requiredArray(_ key: String) throws(JSONFieldError) -> [JSONValue] {
        guard let value = self[key] else { throw JSONFieldError(path: key, problem: "required field is missing") }
        guard let array = value.arrayValue else {
            throw JSONFieldError(path: key, problem: "expected array, found \(value.typeName)")
        }
        return array
    }

    /// Decodes each element of an array field as an object, naming the failing element's index.
    public func objects<T>(
        _ key: String,
        _ decode: (JSONObject) throws(JSONFieldError) -> T
    ) throws(JSONFieldError) -> [T] {
        let elements = try requiredArray(key)
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw JSONFieldError(path: "\(key)[\(index)]", problem: "expected object, found \(element.typeName)")
            }
            do {
                result.append(try decode(object))
            } catch {
                throw error.nested(under: "\(key)[\(index)]")
            }
        }
        return result
    }
}
