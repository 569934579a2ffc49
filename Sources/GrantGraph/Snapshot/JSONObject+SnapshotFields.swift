import CanonicalJSON

extension JSONObject {
    func snapshotString(_ key: String) throws(SnapshotFieldError) -> String {
        guard let value = self[key] else { throw SnapshotFieldError(field: key, problem: "missing") }
        guard let string = value.stringValue else {
            throw SnapshotFieldError(field: key, problem: "expected string, found \(value.typeName)")
        }
        return string
    }

    func snapshotOptionalString(_ key: String) throws(SnapshotFieldError) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw SnapshotFieldError(field: key, problem: "expected string, found \(value.typeName)")
        }
        return string
    }

    func snapshotObject(_ key: String) throws(SnapshotFieldError) -> JSONObject {
        guard let value = self[key] else { throw SnapshotFieldError(field: key, problem: "missing") }
        guard let object = value.objectValue else {
            throw SnapshotFieldError(field: key, problem: "expected object, found \(value.typeName)")
        }
        return object
    }

    func snapshotArray(_ key: String) throws(SnapshotFieldError) -> [JSONValue] {
        guard let value = self[key] else { throw SnapshotFieldError(field: key, problem: "missing") }
        guard let array = value.arrayValue else {
            throw SnapshotFieldError(field: key, problem: "expected array, found \(value.typeName)")
        }
        return array
    }

    func snapshotBool(_ key: String) throws(SnapshotFieldError) -> Bool {
        guard let value = self[key] else { throw SnapshotFieldError(field: key, problem: "missing") }
        guard let flag = value.boolValue else {
            throw SnapshotFieldError(field: key, problem: "expected boolean, found \(value.typeName)")
        }
        return flag
    }
}
