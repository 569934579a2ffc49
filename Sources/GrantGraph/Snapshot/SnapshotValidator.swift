import CanonicalJSON
import ClerkModel
import Foundation

/// Checks a snapshot file against the v1 contract and says exactly what is wrong: known schema major,
/// well-formed records, unique ids that match their parts, grants whose entitlement and principal exist,
/// canonical order, honest counts and a matching digest.
public enum SnapshotValidator {
    /// The outcome: every problem found, and the decoded snapshot when its structure could be read.
    public struct Report: Sendable {
        public var problems: [SnapshotProblem]
        public var snapshot: Snapshot?

        public var isValid: Bool { problems.isEmpty }
    }

    public static func validate(_ data: Data) -> Report {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            return Report(problems: [SnapshotProblem(.notJSON, at: "", "the file is not valid JSON: \(error)")], snapshot: nil)
        }
        return validate(document)
    }

    public static func validate(_ document: JSONValue) -> Report {
        var checker = Checker()
        let snapshot = checker.check(document)
        return Report(problems: checker.problems, snapshot: checker.problems.contains { $0.kind == .structure || $0.kind == .foreignDocument || $0.kind == .unsupportedVersion } ? nil : snapshot)
    }
}

private struct Checker {
    var problems: [SnapshotProblem] = []

    mutating func problem(_ kind: SnapshotProblem.Kind, _ location: String, _ message: String) {
        problems.append(SnapshotProblem(kind, at: location, message))
    }

    mutating func check(_ document: JSONValue) -> Snapshot? {
        guard let root = document.objectValue else {
            problem(.foreignDocument, "", "expected a JSON object, found \(document.typeName): not a clerk-grants snapshot")
            return nil
        }
        guard let schema = root["schema"]?.stringValue, schema == Snapshot.schemaName else {
            let found = root["schema"].map { "\($0.stringValue.map { "'\($0)'" } ?? $0.typeName)" } ?? "missing"
            problem(.foreignDocument, "schema", "expected '\(Snapshot.schemaName)', found \(found): not a clerk-grants snapshot")
            return nil
        }
        guard let version = root["schema_version"]?.stringValue else {
            problem(.structure, "schema_version", "missing or not a string")
            return nil
        }
        let major = version.split(separator: ".").first.flatMap { Int($0) }
        guard major == Snapshot.supportedMajor else {
            problem(
                .unsupportedVersion, "schema_version",
                "snapshot schema version \(version) is not supported: this clerk-grants reads version \(Snapshot.supportedMajor).x")
            return nil
        }
        let known: Set<String> = [
            "schema", "schema_version", "generated_at", "tool", "source", "complete", "counts", "resources",
            "entitlements", "grants", "diagnostics", "digest",
        ]
        for key in root.keys where !known.contains(key) {
            problem(.structure, key, "unknown top-level field")
        }

        let generatedAt = string(root, "generated_at")
        if let generatedAt, Timestamp.milliseconds(rfc3339: generatedAt) == nil {
            problem(.structure, "generated_at", "'\(generatedAt)' is not an RFC 3339 UTC timestamp")
        }
        let tool = object(root, "tool").flatMap { tool -> Snapshot.Tool? in
            guard let name = string(tool, "name", at: "tool.name"), let version = string(tool, "version", at: "tool.version") else {
                return nil
            }
            return Snapshot.Tool(name: name, version: version)
        }
        let source = object(root, "source").flatMap { decodeSource($0) }
        let complete = root["complete"]?.boolValue
        if complete == nil { problem(.structure, "complete", "missing or not a boolean") }
        let digest = string(root, "digest")

        let resourceValues = array(root, "resources")
        let entitlementValues = array(root, "entitlements")
        let grantValues = array(root, "grants")
        let resources = decode(resourceValues, "resources", Resource.init(json:))
        let entitlements = decode(entitlementValues, "entitlements", Entitlement.init(json:))
        let grants = decode(grantValues, "grants", Grant.init(json:))
        let diagnostics = decode(array(root, "diagnostics"), "diagnostics", decodeDiagnostic)

        checkIdentity(resources, entitlements, grants)
        checkOrder(resources.map(\.id), "resources")
        checkOrder(entitlements.map(\.id), "entitlements")
        checkOrder(grants.map(\.id), "grants")

        guard let generatedAt, let tool, let source, let complete, let digest else { return nil }
        guard problems.allSatisfy({ $0.kind != .structure }) else { return nil }
        let graph = AccessGraph(resources: resources, entitlements: entitlements, grants: grants, diagnostics: diagnostics)
        var snapshot = Snapshot(generatedAt: generatedAt, tool: tool, source: source, complete: complete, graph: graph, schemaVersion: version)
        checkCounts(root, snapshot)
        let computed = SnapshotDigest.compute(resources: resourceValues, entitlements: entitlementValues, grants: grantValues)
        if digest != computed {
            problem(.digest, "digest", "the file says \(digest) but its resources, entitlements and grants hash to \(computed): the file was changed after it was written")
        }
        snapshot.digest = digest
        return snapshot
    }

    // MARK: - Fields

    mutating func string(_ object: JSONObject, _ key: String, at location: String? = nil) -> String? {
        guard let value = object[key]?.stringValue else {
            problem(.structure, location ?? key, "missing or not a string")
            return nil
        }
        return value
    }

    mutating func object(_ object: JSONObject, _ key: String) -> JSONObject? {
        guard let value = object[key]?.objectValue else {
            problem(.structure, key, "missing or not an object")
            return nil
        }
        return value
    }

    mutating func array(_ object: JSONObject, _ key: String) -> [JSONValue] {
        guard let value = object[key]?.arrayValue else {
            problem(.structure, key, "missing or not an array")
            return []
        }
        return value
    }

    mutating func decodeSource(_ source: JSONObject) -> Snapshot.Source? {
        guard let system = string(source, "system", at: "source.system"),
            let apiURL = string(source, "api_url", at: "source.api_url"),
            let instance = string(source, "instance", at: "source.instance")
        else { return nil }
        var collections: [ClerkCollection] = []
        for value in source["collections"]?.arrayValue ?? [] {
            guard let name = value.stringValue, let collection = ClerkCollection(rawValue: name) else {
                problem(.structure, "source.collections", "unknown collection \(value)")
                continue
            }
            collections.append(collection)
        }
        return Snapshot.Source(system: system, apiURL: apiURL, instance: instance, collections: collections)
    }

    mutating func decode<T>(_ values: [JSONValue], _ section: String, _ make: (JSONObject) throws(JSONFieldError) -> T) -> [T] {
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            guard let object = value.objectValue else {
                problem(.structure, "\(section)[\(index)]", "expected an object, found \(value.typeName)")
                continue
            }
            do {
                result.append(try make(object))
            } catch {
                problem(.structure, "\(section)[\(index)].\(error.path)", error.problem)
            }
        }
        return result
    }

    // MARK: - Integrity

    mutating func checkIdentity(_ resources: [Resource], _ entitlements: [Entitlement], _ grants: [Grant]) {
        var resourceTypes: [String: Resource.Kind] = [:]
        for (index, resource) in resources.enumerated() {
            if resourceTypes.updateValue(resource.type, forKey: resource.id) != nil {
                problem(.reference, "resources[\(index)]", "duplicate resource id \(resource.id)")
            }
            if resource.id != Resource.id(resource.type, resource.clerkID) {
                problem(.reference, "resources[\(index)]", "id \(resource.id) does not match type and clerk_id (\(Resource.id(resource.type, resource.clerkID)))")
            }
        }
        var grantable: [String: [Resource.Kind]] = [:]
        for (index, entitlement) in entitlements.enumerated() {
            if grantable.updateValue(entitlement.grantableTo, forKey: entitlement.id) != nil {
                problem(.reference, "entitlements[\(index)]", "duplicate entitlement id \(entitlement.id)")
            }
            if entitlement.id != "\(entitlement.resource):\(entitlement.slug)" {
                problem(.reference, "entitlements[\(index)]", "id \(entitlement.id) is not resource:slug (\(entitlement.resource):\(entitlement.slug))")
            }
            if resourceTypes[entitlement.resource] == nil {
                problem(.reference, "entitlements[\(index)]", "entitlement \(entitlement.id) belongs to resource \(entitlement.resource), which does not exist")
            }
            if let role = entitlement.role, resourceTypes[role] != .role {
                problem(.reference, "entitlements[\(index)]", "entitlement \(entitlement.id) names role \(role), which does not exist")
            }
        }
        var grantIDs = Set<String>()
        grantIDs.reserveCapacity(grants.count)
        for (index, grant) in grants.enumerated() {
            if !grantIDs.insert(grant.id).inserted {
                problem(.reference, "grants[\(index)]", "duplicate grant id \(grant.id)")
            }
            if grant.id != "\(grant.entitlement):\(grant.principal)" {
                problem(.reference, "grants[\(index)]", "id \(grant.id) is not entitlement:principal")
            }
            guard let allowed = grantable[grant.entitlement] else {
                problem(.reference, "grants[\(index)]", "grant \(grant.id) points at entitlement \(grant.entitlement), which does not exist")
                continue
            }
            guard let principalType = resourceTypes[grant.principal] else {
                problem(.reference, "grants[\(index)]", "grant \(grant.id) has principal \(grant.principal), which does not exist")
                continue
            }
            if !allowed.contains(principalType) {
                problem(.reference, "grants[\(index)]", "grant \(grant.id): a \(principalType.rawValue) cannot hold \(grant.entitlement) (grantable to \(allowed.map(\.rawValue).joined(separator: ", ")))")
            }
        }
    }

    mutating func checkOrder(_ ids: [String], _ section: String) {
        for index in ids.indices.dropFirst() where !codePointPrecedes(ids[index - 1], ids[index]) {
            if ids[index - 1] == ids[index] { continue }
            problem(.order, "\(section)[\(index)]", "\(ids[index]) comes after \(ids[index - 1]): records must be sorted by id")
            return
        }
    }

    mutating func checkCounts(_ root: JSONObject, _ snapshot: Snapshot) {
        guard let counts = root["counts"]?.objectValue else {
            problem(.structure, "counts", "missing or not an object")
            return
        }
        for (key, expected) in snapshot.counts {
            let found = counts[key]?.int64Value
            if found != Int64(expected) {
                problem(.counts, "counts.\(key)", "says \(found.map(String.init) ?? "nothing") but the file holds \(expected)")
            }
        }
    }
}

private func decodeDiagnostic(_ json: JSONObject) throws(JSONFieldError) -> Diagnostic {
    let severityName = try json.requiredString("severity")
    guard let severity = Diagnostic.Severity(rawValue: severityName) else {
        throw JSONFieldError(path: "severity", problem: "unknown severity '\(severityName)'")
    }
    return Diagnostic(
        code: try json.requiredString("code"), severity: severity, message: try json.requiredString("message"),
        subject: try json.requiredString("subject"))
}
