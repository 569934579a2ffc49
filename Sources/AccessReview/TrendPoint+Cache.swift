import CanonicalJSON
import SnapshotFormat

extension TrendPoint {
    /// Every member of the point, for `trend`'s cache: the report's `json` leaves the instance out.
    package var cacheJSON: JSONValue {
        [
            "generated_at": .string(generatedAt), "digest": .string(digest), "instance": .string(instance),
            "complete": .bool(complete), "users": .int(Int64(users)), "organizations": .int(Int64(organizations)),
            "memberships": .int(Int64(memberships)), "admins": .int(Int64(admins)),
            "findings": .array(findings.map { .int(Int64($0)) }),
            "access_paths": accessPaths.map { .int(Int64($0)) } ?? .null,
        ]
    }

    /// A point read back from `trend`'s cache; nil for anything `cacheJSON` does not write (the cache is a
    /// file like any other: checked, never trusted to be well formed).
    package init?(cacheJSON json: JSONValue) {
        guard let object = json.objectValue, object.count == 10,
            let generatedAt = object["generated_at"]?.stringValue, Timestamp.milliseconds(rfc3339: generatedAt) != nil,
            let digest = object["digest"]?.stringValue, digest.utf8.count == "sha256:".utf8.count + 64,
            let instance = object["instance"]?.stringValue, instance.utf8.count <= 256,
            let complete = object["complete"]?.boolValue,
            let users = Self.count(object["users"]), let organizations = Self.count(object["organizations"]),
            let memberships = Self.count(object["memberships"]), let admins = Self.count(object["admins"]),
            case .array(let severities)? = object["findings"], severities.count == FindingSeverity.allCases.count,
            case let findings = severities.compactMap(Self.count), findings.count == severities.count,
            let paths = object["access_paths"]
        else { return nil }
        let accessPaths: Int?
        if paths == .null {
            accessPaths = nil
        } else if let count = Self.count(paths) {
            accessPaths = count
        } else {
            return nil
        }
        self.init(
            generatedAt: generatedAt, digest: digest, instance: instance, complete: complete, users: users,
            organizations: organizations, memberships: memberships, admins: admins, findings: findings, accessPaths: accessPaths)
    }

    /// A whole number from 0 to 2^31 - 1, as counts of a snapshot are.
    private static func count(_ value: JSONValue?) -> Int? {
        guard let number = value?.int64Value, (0...Int64(Int32.max)).contains(number) else { return nil }
        return Int(number)
    }
}
