import CanonicalJSON

/// What one OCSF class requires of an event, as committed under `schemas/ocsf/` (taken from the OCSF
/// schema's documentation of the release in `ocsf_version`): the class and category ids, the activity ids
/// the class defines, the attributes every event must carry, and for the objects among them (dotted paths,
/// `metadata.product`) their own required attributes and "at least one of" constraints. The tests check
/// every event this tool writes against it.
package struct OCSFClassDefinition: Sendable {
    /// What an object inside the event must hold.
    package struct ObjectRule: Sendable {
        package var path: String
        package var required: [String]
        package var atLeastOne: [String]
    }

    package var ocsfVersion: String
    package var classUID: Int64
    package var className: String
    package var categoryUID: Int64
    package var activityIDs: Set<Int64>
    package var required: [String]
    package var objects: [ObjectRule]

    /// Why a class definition file could not be read.
    package struct Malformed: Error, CustomStringConvertible {
        package var reason: String
        package var description: String { "malformed OCSF class definition: \(reason)" }
    }

    /// Reads a class definition file's bytes.
    package init(json bytes: [UInt8]) throws(Malformed) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Malformed(reason: "not JSON (\(error))")
        }
        guard let object = value.objectValue else { throw Malformed(reason: "not a JSON object") }
        func int(_ key: String) throws(Malformed) -> Int64 {
            guard let number = object[key]?.int64Value else { throw Malformed(reason: "\(key) is not an integer") }
            return number
        }
        func strings(_ value: JSONValue?, _ name: String) throws(Malformed) -> [String] {
            guard let items = value?.arrayValue else { throw Malformed(reason: "\(name) is not an array") }
            var result: [String] = []
            for item in items {
                guard let text = item.stringValue else { throw Malformed(reason: "\(name) holds a non-string") }
                result.append(text)
            }
            return result
        }
        guard let version = object["ocsf_version"]?.stringValue else { throw Malformed(reason: "ocsf_version is missing") }
        guard let name = object["class_name"]?.stringValue else { throw Malformed(reason: "class_name is missing") }
        guard let activities = object["activities"]?.objectValue else { throw Malformed(reason: "activities is not an object") }
        var ids: Set<Int64> = []
        for key in activities.keys {
            guard let id = Int64(key) else { throw Malformed(reason: "activity id '\(key)' is not a number") }
            ids.insert(id)
        }
        var rules: [ObjectRule] = []
        for (path, rule) in (object["objects"]?.objectValue ?? JSONObject()).members {
            guard let rule = rule.objectValue else { throw Malformed(reason: "objects.\(path) is not an object") }
            rules.append(
                ObjectRule(
                    path: path, required: try strings(rule["required"] ?? .array([]), "objects.\(path).required"),
                    atLeastOne: try strings(rule["at_least_one"] ?? .array([]), "objects.\(path).at_least_one")))
        }
        ocsfVersion = version
        classUID = try int("class_uid")
        className = name
        categoryUID = try int("category_uid")
        activityIDs = ids
        required = try strings(object["required"], "required")
        objects = rules
    }

    /// Every way `event` falls short of the class: a missing required attribute (named by its dotted path),
    /// a wrong class or category, an activity the class does not define, a `type_uid` that is not
    /// `class_uid * 100 + activity_id`, an object without any of its "at least one of" attributes. Empty
    /// when the event conforms.
    package func problems(in event: JSONObject) -> [String] {
        var problems: [String] = []
        for name in required where !Self.isPresent(event[name]) {
            problems.append("missing required attribute '\(name)'")
        }
        if let uid = event["class_uid"]?.int64Value, uid != classUID {
            problems.append("class_uid is \(uid), the class is \(classUID)")
        }
        if let uid = event["category_uid"]?.int64Value, uid != categoryUID {
            problems.append("category_uid is \(uid), class \(classUID) belongs to category \(categoryUID)")
        }
        if let activity = event["activity_id"]?.int64Value {
            if !activityIDs.contains(activity) { problems.append("activity_id \(activity) is not defined for class \(classUID)") }
            if let type = event["type_uid"]?.int64Value, type != classUID * 100 + activity {
                problems.append("type_uid is \(type), expected \(classUID * 100 + activity) (class_uid * 100 + activity_id)")
            }
        }
        for rule in objects {
            guard let value = Self.value(at: rule.path, in: event) else { continue }
            guard let object = value.objectValue else {
                problems.append("'\(rule.path)' is not an object")
                continue
            }
            for name in rule.required where !Self.isPresent(object[name]) {
                problems.append("missing required attribute '\(rule.path).\(name)'")
            }
            if !rule.atLeastOne.isEmpty, !rule.atLeastOne.contains(where: { Self.isPresent(object[$0]) }) {
                problems.append("'\(rule.path)' has none of \(rule.atLeastOne.joined(separator: ", ")) (at least one is required)")
            }
        }
        return problems
    }

    private static func isPresent(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        return !value.isNull
    }

    private static func value(at path: String, in event: JSONObject) -> JSONValue? {
        var current: JSONValue = .object(event)
        for name in path.split(separator: ".") {
            guard let next = current.objectValue?[String(name)] else { return nil }
            current = next
        }
        return current
    }
}
