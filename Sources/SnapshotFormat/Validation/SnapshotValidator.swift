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

    /// Reads the file once, streaming its record arrays: each record is decoded and checked as it is read,
    /// and the digest is recomputed from the records' bytes as they stand in the file (a canonical file's
    /// records are their canonical form). Only when that does not match is the slower canonical
    /// re-encoding tried, so a valid but re-formatted file is still recognised.
    public static func validate(_ data: Data) -> Report {
        var checker = Checker()
        let snapshot = checker.check(data)
        let fatal = checker.problems.contains { [.structure, .foreignDocument, .unsupportedVersion, .notJSON].contains($0.kind) }
        return Report(problems: checker.problems, snapshot: fatal ? nil : snapshot)
    }
}

/// The validator's checks that `SnapshotIndexer` shares instead of restating: it reads and checks the
/// records its own way, then has the fields around them judged by the very code that reports on them.
extension SnapshotValidator {
    /// The header and the version it states when it, the top-level field names and the counts are all in
    /// order; nil otherwise. `root` holds the top-level members other than the record arrays; `counts`
    /// are every version's (`SnapshotLayout.counts`), of which the file's version's are checked.
    static func header(
        of root: JSONObject, counts: [(key: String, value: Int)]
    ) -> (header: SnapshotHeader, digest: String, version: SnapshotLayout.Version)? {
        var checker = Checker()
        guard let header = checker.checkHeader(root) else { return nil }
        for key in root.keys where !header.version.memberKeys.contains(key) || Checker.recordSections.contains(key) {
            checker.problem(.structure, JSONFieldError.shown(key), "unknown top-level field")
        }
        checker.checkCounts(root, SnapshotLayout.counts(counts, of: header.version))
        return checker.problems.isEmpty ? header : nil
    }
}

private struct Checker {
    var problems: [SnapshotProblem] = []

    /// Past this many, further problems are counted, not kept: a badly broken file must not exhaust memory.
    static let problemLimit = 1000

    mutating func problem(_ kind: SnapshotProblem.Kind, _ location: String, _ message: String) {
        if problems.count < Self.problemLimit {
            problems.append(SnapshotProblem(kind, at: location, message))
        } else if problems.count == Self.problemLimit {
            problems.append(SnapshotProblem(kind, at: "", "more problems were found and not listed"))
        }
    }

    static let recordSections = SnapshotLayout.recordArrays.map(\.key)

    var resources: [Resource] = []
    var entitlements: [Entitlement] = []
    var grants: [Grant] = []
    var accessPaths: [AccessPath] = []
    var diagnostics: [Diagnostic] = []
    var streamedSections = Set<String>()
    var fileDigest = FileOrderDigest()

    mutating func check(_ data: Data) -> Snapshot? {
        var root = JSONObject()
        do {
            try JSONParser.streamObject(data, streaming: Set(Self.recordSections)) { event in
                switch event {
                case .member(let key, let value): root.members.append((key: key, value: value))
                case .arrayStart(let key):
                    streamedSections.insert(key)
                    fileDigest.start(key)
                case .element(let key, let index, let value, let raw):
                    fileDigest.element(key, raw: raw, first: index == 0)
                    record(key, index, value)
                case .arrayEnd(let key): fileDigest.end(key)
                }
            }
        } catch {
            problems = []
            if (try? JSONParser.parse(data)) != nil {
                problem(.foreignDocument, "", "expected a JSON object: not a clerk-grants snapshot")
            } else {
                problem(.notJSON, "", "the file is not valid JSON: \(error)")
            }
            return nil
        }
        guard let header = checkHeader(root) else { return nil }
        let version = header.version

        for key in root.keys + streamedSections.sorted() where !version.memberKeys.contains(key) {
            if let member = SnapshotLayout.Member.allCases.first(where: { $0.key == key }), member.introduced > version {
                problem(.structure, key, "a \(version.rawValue) snapshot has no \(key) (introduced in \(member.introduced.rawValue))")
            } else {
                problem(.structure, JSONFieldError.shown(key), "unknown top-level field")
            }
        }
        for section in version.recordArrays.map(\.key) where !streamedSections.contains(section) {
            problem(.structure, section, "missing or not an array")
        }
        checkVersion(version)
        checkIdentity(resources, entitlements, grants)
        checkAccessPaths()
        checkOrder(resources.map(\.id), "resources")
        checkOrder(entitlements.map(\.id), "entitlements")
        checkOrder(grants.map(\.id), "grants")
        checkOrder(accessPaths.map(\.id), "access_paths")

        guard problems.allSatisfy({ $0.kind != .structure }) else { return nil }
        let graph = AccessGraph(
            resources: resources, entitlements: entitlements, grants: grants, diagnostics: diagnostics, accessPaths: accessPaths)
        let snapshot = Snapshot(header: header.header, graph: graph, digest: header.digest)
        checkCounts(root, snapshot.counts)
        if fileDigest.value(for: version) != header.digest {
            let canonical = Self.canonicalDigest(data, version: version)
            if canonical != header.digest {
                let records = version == .v1_0 ? "resources, entitlements and grants" : "access paths, resources, entitlements and grants"
                problem(.digest, "digest", "the file says \(header.digest) but its \(records) hash to \(canonical): the file was changed after it was written")
            }
        }
        return snapshot
    }

    /// Records of the types and kinds a later version introduced, in a file of an earlier one.
    mutating func checkVersion(_ version: SnapshotLayout.Version) {
        guard version < .latest else { return }
        for (index, resource) in resources.enumerated() {
            if let (field, message) = SnapshotRecordRules.versionProblem(resource, in: version) {
                problem(.structure, "resources[\(index)].\(field)", message)
            }
        }
        for (index, entitlement) in entitlements.enumerated() {
            if let (field, message) = SnapshotRecordRules.versionProblem(entitlement, in: version) {
                problem(.structure, "entitlements[\(index)].\(field)", message)
            }
        }
    }

    /// Paths name a listed organization, an entitlement of it and a listed user; ids are unique; role
    /// sets name listed roles.
    mutating func checkAccessPaths() {
        var resourceTypes: [String: Resource.Kind] = [:]
        for resource in resources { resourceTypes[resource.id] = resource.type }
        for (index, resource) in resources.enumerated() where resource.type == .roleSet {
            if let message = SnapshotRecordRules.roleSetReferenceProblem(resource, isRole: { resourceTypes[$0] == .role }) {
                problem(.reference, "resources[\(index)]", message)
            }
        }
        guard !accessPaths.isEmpty else { return }
        var targets: [String: (kind: Entitlement.Kind, resource: String)] = [:]
        for entitlement in entitlements { targets[entitlement.id] = (entitlement.kind, entitlement.resource) }
        var ids = Set<String>()
        for (index, path) in accessPaths.enumerated() {
            if !ids.insert(path.id).inserted {
                problem(.reference, "access_paths[\(index)]", "duplicate access path id \(JSONFieldError.shown(path.id))")
            }
            if let message = SnapshotRecordRules.checkReferences(path, resourceType: { resourceTypes[$0] }, entitlement: { targets[$0] }) {
                problem(.reference, "access_paths[\(index)]", message)
            }
        }
    }

    /// The fields around the records. A file that is not a clerk-grants snapshot, or of a major version this
    /// tool does not read, reports that alone: its records' problems would only be noise.
    mutating func checkHeader(_ root: JSONObject) -> (header: SnapshotHeader, digest: String, version: SnapshotLayout.Version)? {
        guard let schema = root["schema"]?.stringValue, schema == Snapshot.schemaName else {
            let found = root["schema"].map { $0.stringValue.map { "'\(JSONFieldError.shown($0))'" } ?? $0.typeName } ?? "missing"
            problems = []
            problem(.foreignDocument, "schema", "expected '\(Snapshot.schemaName)', found \(found): not a clerk-grants snapshot")
            return nil
        }
        guard let version = root["schema_version"]?.stringValue else {
            problems = []
            problem(.structure, "schema_version", "missing or not a string")
            return nil
        }
        guard let layout = SnapshotLayout.Version(reading: version) else {
            problems = []
            problem(
                .unsupportedVersion, "schema_version",
                "snapshot schema version \(JSONFieldError.shown(version)) is not supported: this clerk-grants reads version \(Snapshot.supportedMajor).x")
            return nil
        }
        let generatedAt = string(root, "generated_at")
        if let generatedAt, Timestamp.milliseconds(rfc3339: generatedAt) == nil {
            problem(.structure, "generated_at", "\(JSONFieldError.quoted(generatedAt)) is not an RFC 3339 UTC timestamp within years 1970-9999")
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
        let evidence = layout.hasEvidence ? checkEvidence(root) : nil
        guard let generatedAt, let tool, let source, let complete, let digest, !layout.hasEvidence || evidence != nil else { return nil }
        return (
            SnapshotHeader(
                generatedAt: generatedAt, tool: tool, source: source, complete: complete, schemaVersion: version,
                provenance: evidence?.provenance, chain: evidence?.chain),
            digest, layout
        )
    }

    /// A 1.2 file's `provenance`, `chain` (null, or a link) and `signature` (null, or an HMAC's form: whether
    /// it is right takes the key, `SnapshotSeal.verify`).
    mutating func checkEvidence(_ root: JSONObject) -> (provenance: SnapshotProvenance, chain: SnapshotChainLink?)? {
        var provenance: SnapshotProvenance?
        if let json = object(root, "provenance") {
            do {
                provenance = try SnapshotProvenance(json: json)
            } catch {
                problem(.structure, "provenance.\(error.path)", error.problem)
            }
        }
        var chain: SnapshotChainLink??
        switch root["chain"] {
        case nil: problem(.structure, "chain", "missing: a 1.2 snapshot states its chain link, or null")
        case .null?: chain = .some(nil)
        case .object(let json)?:
            do {
                chain = .some(try SnapshotChainLink(json: json))
            } catch {
                problem(.structure, "chain.\(error.path)", error.problem)
            }
        case let other?: problem(.structure, "chain", "expected an object or null, found \(other.typeName)")
        }
        switch root["signature"] {
        case nil: problem(.structure, "signature", "missing: a 1.2 snapshot states its signature, or null")
        case .null?: break
        case .string(let text)? where SnapshotSeal.isSignature(text): break
        case .string(let text)?: problem(.structure, "signature", "\(JSONFieldError.quoted(text)) is not hmac-sha256: and 64 lowercase hex digits")
        case let other?: problem(.structure, "signature", "expected a string or null, found \(other.typeName)")
        }
        guard let provenance, let chain else { return nil }
        return (provenance, chain)
    }

    mutating func record(_ section: String, _ index: Int, _ value: JSONValue) {
        switch SnapshotLayout.Member(recordArray: section) {
        case .resources:
            decode(value, section, index, Resource.init(json:), rules: SnapshotRecordRules.check).map { resources.append($0) }
        case .entitlements:
            decode(value, section, index, Entitlement.init(json:), rules: SnapshotRecordRules.check).map { entitlements.append($0) }
        case .grants:
            decode(value, section, index, Grant.init(json:), rules: SnapshotRecordRules.check).map { grants.append($0) }
        case .accessPaths:
            decode(value, section, index, AccessPath.init(json:), rules: SnapshotRecordRules.check).map { accessPaths.append($0) }
        default: decode(value, section, index, decodeDiagnostic).map { diagnostics.append($0) }
        }
    }

    /// The digest of a file that is not laid out canonically: every record re-encoded canonically.
    static func canonicalDigest(_ data: Data, version: SnapshotLayout.Version) -> String {
        var sections: [SnapshotSection: [JSONValue]] = [:]
        try? JSONParser.streamObject(data, streaming: Set(SnapshotSection.allCases.map(\.rawValue))) { event in
            if case .element(let key, _, let value, _) = event, let section = SnapshotSection(rawValue: key) {
                sections[section, default: []].append(value)
            }
        }
        return SnapshotDigest.compute(sections, version: version)
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
        guard InstanceName.isValid(instance) else {
            problem(.structure, "source.instance", "\(JSONFieldError.quoted(instance)) is not an instance name: expected \(InstanceName.ruleDescription)")
            return nil
        }
        var collections: [ClerkCollection] = []
        for value in source["collections"]?.arrayValue ?? [] {
            guard let name = value.stringValue, let collection = ClerkCollection(rawValue: name) else {
                problem(.structure, "source.collections", "unknown collection \(value.stringValue.map { JSONFieldError.quoted($0) } ?? value.typeName)")
                continue
            }
            collections.append(collection)
        }
        return Snapshot.Source(system: system, apiURL: apiURL, instance: instance, collections: collections)
    }

    /// `decode`, then the record's value rules (`SnapshotRecordRules`), whose problems are placed like a
    /// field's.
    mutating func decode<T>(
        _ value: JSONValue, _ section: String, _ index: Int, _ make: (JSONObject) throws(JSONFieldError) -> T,
        rules: (T) throws(JSONFieldError) -> Void
    ) -> T? {
        decode(value, section, index) { (json) throws(JSONFieldError) in
            let record = try make(json)
            try rules(record)
            return record
        }
    }

    mutating func decode<T>(
        _ value: JSONValue, _ section: String, _ index: Int, _ make: (JSONObject) throws(JSONFieldError) -> T
    ) -> T? {
        guard let object = value.objectValue else {
            problem(.structure, "\(section)[\(index)]", "expected an object, found \(value.typeName)")
            return nil
        }
        do {
            return try make(object)
        } catch {
            problem(.structure, "\(section)[\(index)].\(error.path)", error.problem)
            return nil
        }
    }

    // MARK: - Integrity

    mutating func checkIdentity(_ resources: [Resource], _ entitlements: [Entitlement], _ grants: [Grant]) {
        var resourceTypes: [String: Resource.Kind] = [:]
        for (index, resource) in resources.enumerated() {
            if resourceTypes.updateValue(resource.type, forKey: resource.id) != nil {
                problem(.reference, "resources[\(index)]", "duplicate resource id \(JSONFieldError.shown(resource.id))")
            }
            if resource.id != Resource.id(resource.type, resource.clerkID) {
                problem(.reference, "resources[\(index)]", "id \(JSONFieldError.shown(resource.id)) does not match type and clerk_id (\(JSONFieldError.shown(Resource.id(resource.type, resource.clerkID))))")
            }
        }
        var grantable: [String: [Resource.Kind]] = [:]
        for (index, entitlement) in entitlements.enumerated() {
            if grantable.updateValue(entitlement.grantableTo, forKey: entitlement.id) != nil {
                problem(.reference, "entitlements[\(index)]", "duplicate entitlement id \(JSONFieldError.shown(entitlement.id))")
            }
            if entitlement.id != "\(entitlement.resource):\(entitlement.slug)" {
                problem(.reference, "entitlements[\(index)]", "id \(JSONFieldError.shown(entitlement.id)) is not resource:slug (\(JSONFieldError.shown(entitlement.resource)):\(JSONFieldError.shown(entitlement.slug)))")
            }
            if entitlement.kind == .access, let type = resourceTypes[entitlement.resource], type != .machine {
                problem(.reference, "entitlements[\(index)]", "access entitlement \(JSONFieldError.shown(entitlement.id)) belongs to \(JSONFieldError.shown(entitlement.resource)), which is not a machine")
            }
            if resourceTypes[entitlement.resource] == nil {
                problem(.reference, "entitlements[\(index)]", "entitlement \(JSONFieldError.shown(entitlement.id)) belongs to resource \(JSONFieldError.shown(entitlement.resource)), which does not exist")
            }
            if let role = entitlement.role, resourceTypes[role] != .role {
                problem(.reference, "entitlements[\(index)]", "entitlement \(JSONFieldError.shown(entitlement.id)) names role \(JSONFieldError.shown(role)), which does not exist")
            }
        }
        var grantIDs = Set<String>()
        grantIDs.reserveCapacity(grants.count)
        for (index, grant) in grants.enumerated() {
            if !grantIDs.insert(grant.id).inserted {
                problem(.reference, "grants[\(index)]", "duplicate grant id \(JSONFieldError.shown(grant.id))")
            }
            if grant.id != "\(grant.entitlement):\(grant.principal)" {
                problem(.reference, "grants[\(index)]", "id \(JSONFieldError.shown(grant.id)) is not entitlement:principal")
            }
            guard let allowed = grantable[grant.entitlement] else {
                problem(.reference, "grants[\(index)]", "grant \(JSONFieldError.shown(grant.id)) points at entitlement \(JSONFieldError.shown(grant.entitlement)), which does not exist")
                continue
            }
            guard let principalType = resourceTypes[grant.principal] else {
                problem(.reference, "grants[\(index)]", "grant \(JSONFieldError.shown(grant.id)) has principal \(JSONFieldError.shown(grant.principal)), which does not exist")
                continue
            }
            if !allowed.contains(principalType) {
                problem(.reference, "grants[\(index)]", "grant \(JSONFieldError.shown(grant.id)): a \(principalType.rawValue) cannot hold \(JSONFieldError.shown(grant.entitlement)) (grantable to \(allowed.map(\.rawValue).joined(separator: ", ")))")
            }
        }
    }

    mutating func checkOrder(_ ids: [String], _ section: String) {
        for index in ids.indices.dropFirst() where !codePointPrecedes(ids[index - 1], ids[index]) {
            if ids[index - 1] == ids[index] { continue }
            problem(.order, "\(section)[\(index)]", "\(JSONFieldError.shown(ids[index])) comes after \(JSONFieldError.shown(ids[index - 1])): records must be sorted by id")
            return
        }
    }

    mutating func checkCounts(_ root: JSONObject, _ expectedCounts: [(key: String, value: Int)]) {
        guard let counts = root["counts"]?.objectValue else {
            problem(.structure, "counts", "missing or not an object")
            return
        }
        for (key, expected) in expectedCounts {
            let found = counts[key]?.int64Value
            if found != Int64(expected) {
                problem(.counts, "counts.\(key)", "says \(found.map(String.init) ?? "nothing") but the file holds \(expected)")
            }
        }
    }
}

func decodeDiagnostic(_ json: JSONObject) throws(JSONFieldError) -> Diagnostic {
    try RecordKind.diagnostic.checkFields(json)
    let severityName = try json.requiredString("severity")
    guard let severity = Diagnostic.Severity(rawValue: severityName) else {
        throw JSONFieldError(path: "severity", problem: "unknown severity '\(severityName)'")
    }
    return Diagnostic(
        code: DiagnosticCode(rawValue: try json.requiredString("code")), severity: severity, message: try json.requiredString("message"),
        subject: try json.requiredString("subject"))
}

/// The digest over its sections exactly as their records stand in the file, framed by `DigestHasher` as
/// the encoder frames them. Valid only when the sections arrive in digest order (`SnapshotSection`), as
/// this tool writes them. The version is stated after the records, so the sections are hashed as they
/// come and `value(for:)` answers only when they were exactly the version's.
struct FileOrderDigest {
    private var hasher = DigestHasher()
    private var sectionsSeen: [SnapshotSection] = []
    private var usable = true

    mutating func start(_ key: String) {
        guard let section = SnapshotSection(rawValue: key) else { return }
        let order = SnapshotSection.allCases
        guard usable, order.firstIndex(of: section)! > (sectionsSeen.last.map { order.firstIndex(of: $0)! } ?? -1) else {
            usable = false
            return
        }
        hasher.beginSection(section)
    }

    mutating func element(_ key: String, raw: UnsafeBufferPointer<UInt8>, first: Bool) {
        guard usable, SnapshotSection(rawValue: key) != nil else { return }
        hasher.record(raw)
    }

    mutating func end(_ key: String) {
        guard usable, SnapshotSection(rawValue: key) != nil else { return }
        hasher.endSection()
        if let section = SnapshotSection(rawValue: key) { sectionsSeen.append(section) }
    }

    /// nil when the file's layout does not allow the shortcut, or its sections are not `version`'s.
    func value(for version: SnapshotLayout.Version) -> String? {
        guard usable, sectionsSeen == version.digestSections else { return nil }
        var copy = hasher
        return copy.finish()
    }

}
