import CanonicalJSON

/// Typed field access for decoding Clerk objects: each accessor names the field in its error, so a
/// malformed page is reported as "data[3].role: expected string, found null", not as a crash.
extension JSONObject {
    func requiredString(_ key: String) throws(ClerkShapeError) -> String {
        guard let value = self[key] else { throw ClerkShapeError(path: key, problem: "required field is missing") }
        guard let string = value.stringValue else {
            throw ClerkShapeError(path: key, problem: "expected string, found \(value.typeName)")
        }
        return string
    }

    func optionalString(_ key: String) throws(ClerkShapeError) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw ClerkShapeError(path: key, problem: "expected string or null, found \(value.typeName)")
        }
        return string
    }

    func requiredBool(_ key: String) throws(ClerkShapeError) -> Bool {
        guard let value = self[key] else { throw ClerkShapeError(path: key, problem: "required field is missing") }
        guard let flag = value.boolValue else {
            throw ClerkShapeError(path: key, problem: "expected boolean, found \(value.typeName)")
        }
        return flag
    }

    func optionalBool(_ key: String) throws(ClerkShapeError) -> Bool? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw ClerkShapeError(path: key, problem: "expected boolean or null, found \(value.typeName)")
        }
        return flag
    }

    func requiredInt(_ key: String) throws(ClerkShapeError) -> Int64 {
        guard let value = self[key] else { throw ClerkShapeError(path: key, problem: "required field is missing") }
        guard let number = value.int64Value else {
            throw ClerkShapeError(path: key, problem: "expected integer, found \(value.typeName)")
        }
        return number
    }

    func optionalInt(_ key: String) throws(ClerkShapeError) -> Int64? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let number = value.int64Value else {
            throw ClerkShapeError(path: key, problem: "expected integer or null, found \(value.typeName)")
        }
        return number
    }

    func requiredObject(_ key: String) throws(ClerkShapeError) -> JSONObject {
        guard let value = self[key] else { throw ClerkShapeError(path: key, problem: "required field is missing") }
        guard let object = value.objectValue else {
            throw ClerkShapeError(path: key, problem: "expected object, found \(value.typeName)")
        }
        return object
    }

    func optionalObject(_ key: String) throws(ClerkShapeError) -> JSONObject? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw ClerkShapeError(path: key, problem: "expected object or null, found \(value.typeName)")
        }
        return object
    }

    func requiredArray(_ key: String) throws(ClerkShapeError) -> [JSONValue] {
        guard let value = self[key] else { throw ClerkShapeError(path: key, problem: "required field is missing") }
        guard let array = value.arrayValue else {
            throw ClerkShapeError(path: key, problem: "expected array, found \(value.typeName)")
        }
        return array
    }

    /// Decodes each element of an array field as an object, naming the failing element's index.
    func objects<T>(
        _ key: String,
        _ decode: (JSONObject) throws(ClerkShapeError) -> T
    ) throws(ClerkShapeError) -> [T] {
        let elements = try requiredArray(key)
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw ClerkShapeError(path: "\(key)[\(index)]", problem: "expected object, found \(element.typeName)")
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
