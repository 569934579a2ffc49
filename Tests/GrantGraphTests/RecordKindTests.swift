import CanonicalJSON
import ClerkModel
import Foundation
import GoldenFiles
@testable import SnapshotFormat
import Testing

/// `RecordKind` declares each record's fields; the decoders check by it, while the writers (the graph's
/// fast tables, `CanonicalJSONWriter.writeRecord`, the models' `json`) and `SnapshotIndexer`'s byte readers
/// keep their own code. These hold every one of them to the tables.
@Suite struct RecordKindTests {
    static func root(_ url: URL) throws -> JSONObject {
        try #require(try JSONParser.parse(Data(contentsOf: url)).objectValue)
    }

    /// Each record section of a snapshot with the kind of its records.
    static let sections: [(key: String, kind: RecordKind)] = [
        ("access_paths", .accessPath), ("diagnostics", .diagnostic), ("entitlements", .entitlement), ("grants", .grant),
        ("resources", .resource),
    ]

    @Test func everyTableIsInKeyOrderWithoutRepeats() {
        for kind in RecordKind.allCases {
            let names = kind.fields.map(\.name)
            #expect(!names.isEmpty, "\(kind)")
            #expect(zip(names, names.dropFirst()).allSatisfy { codePointPrecedes($0, $1) }, "\(kind): \(names)")
        }
        #expect(RecordKind.millisecondTimestampAttributes == ["active_sessions_last_active_at", "created_at", "last_active_at", "last_sign_in_at"])
        #expect(RecordKind.countAttributes == ["active_sessions", "default_token_ttl", "members_count"])
    }

    /// `object` holds its kind's fields exactly: keys in code-point order, each declared, every required
    /// and nullable one present, each value of its declared type; attributes hold every field of their
    /// resource type's table. Returns the names seen, so callers can show every field was written.
    @discardableResult
    static func expectTableShape(_ object: JSONObject, _ kind: RecordKind, at place: String) -> Set<String> {
        let declared = kind.fields
        let keys = object.keys
        #expect(zip(keys, keys.dropFirst()).allSatisfy { codePointPrecedes($0, $1) }, "\(place): keys out of order \(keys)")
        #expect(Set(keys).isSubset(of: declared.map(\.name)), "\(place): undeclared keys in \(keys)")
        for field in declared where !field.presence.mayBeAbsent {
            #expect(object[field.name] != nil, "\(place).\(field.name) is declared \(field.presence) but missing")
        }
        #expect(throws: Never.self, "\(place)") { try kind.checkFields(object) }
        var seen = Set(keys.map { "\(kind).\($0)" })
        if kind == .resource, let type = object["type"]?.stringValue.flatMap(Resource.Kind.init(rawValue:)),
            let attributes = object["attributes"]?.objectValue
        {
            let attributeKind = RecordKind.attributes(of: type)
            // Every field but the session attributes, which only users of an `export --sessions` scope carry.
            let expected = attributeKind.fields.filter { !RecordKind.sessionAttributes.contains($0.name) || attributes[$0.name] != nil }
            #expect(attributes.keys == expected.map(\.name), "\(place).attributes")
            seen.formUnion(expectTableShape(attributes, attributeKind, at: "\(place).attributes"))
        }
        if kind == .grant, let source = object["source"]?.objectValue {
            seen.formUnion(expectTableShape(source, .grantSource, at: "\(place).source"))
        }
        if kind == .accessPath, let pathKind = object["kind"]?.stringValue.flatMap(AccessPath.Kind.init(rawValue:)),
            let source = object["source"]?.objectValue
        {
            seen.formUnion(expectTableShape(source, pathKind.sourceKind, at: "\(place).source"))
        }
        // Fields with a table of their own (a role set's `migration`), where present and not null.
        for field in kind.fields {
            if case .object(let nested?) = field.value, !nested.isAttributes, let value = object[field.name]?.objectValue {
                seen.formUnion(expectTableShape(value, nested, at: "\(place).\(field.name)"))
            }
        }
        return seen
    }

    /// The export's writers (the graph's tables) wrote the demo snapshots; between the two files every
    /// declared field of every kind is written at least once, so none of the tables is unexercised.
    @Test func everyRecordTheExportWroteHasExactlyItsTablesFields() throws {
        var seen = Set<String>()
        // The demo exports have no sessions; the demo exported with `--sessions all` carries them.
        for data in [try Data(contentsOf: DemoSnapshotFiles.demo), try Data(contentsOf: DemoSnapshotFiles.demoNext), try SessionSnapshot.demoWithSessions()] {
            let root = try #require(try JSONParser.parse(data).objectValue)
            for (key, kind) in Self.sections {
                let records = try #require(root[key]?.arrayValue)
                for (index, record) in records.enumerated() {
                    let object = try #require(record.objectValue)
                    seen.formUnion(Self.expectTableShape(object, kind, at: "\(key)[\(index)]"))
                }
            }
        }
        let declared = Set(RecordKind.allCases.flatMap { kind in kind.fields.map { "\(kind).\($0.name)" } })
        #expect(seen == declared)
    }

    /// The model types' writers (`CanonicalJSONWriter.writeRecord` and `json`), which the digest and
    /// hand-built graphs use, agree with the tables too.
    @Test func modelWritersWriteExactlyTheTablesFields() throws {
        let snapshot = try SnapshotDecoder.decode(Data(contentsOf: DemoSnapshotFiles.demo))
        let graph = snapshot.graph
        func written(_ write: (inout CanonicalJSONWriter) -> Void) throws -> JSONObject {
            var writer = CanonicalJSONWriter()
            write(&writer)
            return try #require(try JSONParser.parse(writer.bytes).objectValue)
        }
        for (index, resource) in graph.resources.enumerated() {
            let object = try written { $0.writeRecord(resource) }
            Self.expectTableShape(object, .resource, at: "resources[\(index)]")
            #expect(resource.json == .object(object))
        }
        for (index, entitlement) in graph.entitlements.enumerated() {
            let object = try written { $0.writeRecord(entitlement) }
            Self.expectTableShape(object, .entitlement, at: "entitlements[\(index)]")
            #expect(entitlement.json == .object(object))
        }
        for (index, grant) in graph.grants.enumerated() {
            let object = try written { $0.writeRecord(grant) }
            Self.expectTableShape(object, .grant, at: "grants[\(index)]")
            #expect(grant.json == .object(object))
        }
        for (index, diagnostic) in graph.diagnostics.enumerated() {
            Self.expectTableShape(try written { $0.writeRecord(diagnostic) }, .diagnostic, at: "diagnostics[\(index)]")
        }
        for (index, path) in graph.accessPaths.enumerated() {
            let object = try written { $0.writeRecord(path) }
            Self.expectTableShape(object, .accessPath, at: "access_paths[\(index)]")
            #expect(path.json == .object(object))
        }
        #expect(!graph.diagnostics.isEmpty && !graph.grants.isEmpty && !graph.accessPaths.isEmpty)
    }

    /// One damage to one declared field of one record of the demo snapshot, resealed so the digest does
    /// not catch it, with the verdict both readers must reach.
    struct FieldDamage: Sendable, CustomTestStringConvertible {
        enum Edit: Sendable { case remove, mistype }
        let kind: RecordKind
        let field: String
        let edit: Edit
        /// The validator's problem location when the damage makes the file invalid; nil when it stays valid.
        let rejectedAt: String?

        var testDescription: String { "\(edit) \(kind).\(field) -> \(rejectedAt ?? "valid")" }
    }

    /// Every field of the record kinds (removed and mistyped), and every attribute a rule checks
    /// (mistyped): all are refused at the field, except removing an optional grant source field.
    static let damages: [FieldDamage] = {
        var damages: [FieldDamage] = []
        for kind in [RecordKind.resource, .entitlement, .grant, .grantSource, .diagnostic] {
            for field in kind.fields {
                let place = location(kind, field.name)
                let removalIsValid = kind == .grantSource
                damages.append(FieldDamage(kind: kind, field: field.name, edit: .remove, rejectedAt: removalIsValid ? nil : place))
                damages.append(FieldDamage(kind: kind, field: field.name, edit: .mistype, rejectedAt: place))
            }
        }
        for kind in Resource.Kind.allCases.map(RecordKind.attributes(of:)) {
            // The session attributes' damages are SessionAttributeTests' (the demo exports carry none).
            for field in kind.fields where [.millisecondTimestamp, .count].contains(field.value) && !RecordKind.sessionAttributes.contains(field.name) {
                damages.append(FieldDamage(kind: kind, field: field.name, edit: .mistype, rejectedAt: location(kind, field.name)))
            }
        }
        return damages
    }()

    /// The record each damage is made to: the first of its section that carries every field of its kind
    /// (a role entitlement, a member grant with its whole source, a resource of the attributes' type).
    static func target(_ kind: RecordKind, in root: JSONObject) -> (section: String, index: Int)? {
        let section: String
        let fits: (JSONObject) -> Bool
        switch kind {
        case .resource, .userAttributes: (section, fits) = ("resources", { $0["type"] == .string("user") })
        case .organizationAttributes: (section, fits) = ("resources", { $0["type"] == .string("organization") })
        case .roleAttributes: (section, fits) = ("resources", { $0["type"] == .string("role") })
        case .permissionAttributes: (section, fits) = ("resources", { $0["type"] == .string("permission") })
        case .entitlement: (section, fits) = ("entitlements", { $0["kind"] == .string("role") })
        case .grant, .grantSource: (section, fits) = ("grants", { $0["source"]?.objectValue?.keys.count == 3 })
        case .diagnostic: (section, fits) = ("diagnostics", { _ in true })
        case .roleSetAttributes, .roleSetMigration: (section, fits) = ("resources", { $0["type"] == .string("role_set") })
        case .machineAttributes: (section, fits) = ("resources", { $0["type"] == .string("machine") })
        case .accessPath: (section, fits) = ("access_paths", { _ in true })
        case .invitationSource: (section, fits) = ("access_paths", { $0["kind"] == .string("invitation") })
        case .domainSource: (section, fits) = ("access_paths", { $0["kind"] == .string("domain_enrollment") })
        case .enterpriseSSOSource: (section, fits) = ("access_paths", { $0["kind"] == .string("enterprise_sso") })
        }
        guard let index = root[section]?.arrayValue?.firstIndex(where: { $0.objectValue.map(fits) ?? false }) else { return nil }
        return (section, index)
    }

    /// The demo snapshot, or for the kinds it has no record of (1.1's role sets and machines) the
    /// hand-made 1.1 example.
    static func file(for kind: RecordKind) -> URL {
        if let root = try? Self.root(DemoSnapshotFiles.demo), target(kind, in: root) != nil { return DemoSnapshotFiles.demo }
        return SnapshotVersionTests.examples.appendingPathComponent("example-1.1.snapshot.json")
    }

    static func location(_ kind: RecordKind, _ field: String) -> String {
        guard let root = try? Self.root(file(for: kind)), let (section, index) = target(kind, in: root) else { return "?" }
        switch kind {
        case .grantSource: return "\(section)[\(index)].source.\(field)"
        case .userAttributes, .organizationAttributes, .roleAttributes, .permissionAttributes, .roleSetAttributes, .machineAttributes:
            return "\(section)[\(index)].attributes.\(field)"
        default: return "\(section)[\(index)].\(field)"
        }
    }

    /// `root` re-encoded with its digest recomputed, as its version frames it, from its records as they now stand.
    static func resealed(_ root: JSONObject) -> Data {
        var root = root
        let version = root["schema_version"]?.stringValue.flatMap(SnapshotLayout.Version.init(reading:)) ?? .v1_0
        var sections: [SnapshotSection: [JSONValue]] = [:]
        for section in SnapshotSection.allCases { sections[section] = root[section.rawValue]?.arrayValue ?? [] }
        root["digest"] = .string(SnapshotDigest.compute(sections, version: version))
        return Data(CanonicalJSONWriter.encode(.object(root)))
    }

    @Test func theUndamagedReencodedDemoIsValidForBothReaders() throws {
        let data = Self.resealed(try Self.root(DemoSnapshotFiles.demo))
        #expect(SnapshotValidator.validate(data).problems == [])
        #expect(IndexedSnapshot(data) != nil)
    }

    @Test(arguments: damages)
    func bothReadersJudgeEachDamagedFieldByTheTable(damage: FieldDamage) throws {
        var root = try Self.root(Self.file(for: damage.kind))
        let (section, index) = try #require(Self.target(damage.kind, in: root))
        var records = try #require(root[section]?.arrayValue)
        var record = try #require(records[index].objectValue)
        func damaged(_ object: JSONObject) -> JSONObject {
            var object = object
            #expect(object[damage.field] != nil, "the target lacks \(damage.field)")
            switch damage.edit {
            case .remove: object[damage.field] = nil
            // No declared field of these kinds holds a boolean, and no rule-bearing attribute does.
            case .mistype: object[damage.field] = .bool(true)
            }
            return object
        }
        switch damage.kind {
        case .resource, .entitlement, .grant, .diagnostic: record = damaged(record)
        case .grantSource: record["source"] = .object(damaged(try #require(record["source"]?.objectValue)))
        default: record["attributes"] = .object(damaged(try #require(record["attributes"]?.objectValue)))
        }
        records[index] = .object(record)
        root[section] = .array(records)
        let data = Self.resealed(root)
        let problems = SnapshotValidator.validate(data).problems
        if let place = damage.rejectedAt {
            #expect(problems.contains { $0.location == place }, "\(problems)")
            #expect(IndexedSnapshot(data) == nil)
        } else {
            #expect(problems == [])
            #expect(IndexedSnapshot(data) != nil)
        }
    }

    // MARK: - The published schema

    static let schema: JSONObject? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas/snapshot.v1.schema.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONParser.parse($0) }?.objectValue
    }()

    /// The schema's definition of each kind's object.
    static func definition(_ kind: RecordKind) -> JSONObject? {
        let definitions = schema?["$defs"]?.objectValue
        switch kind {
        case .resource: return definitions?["resource"]?.objectValue
        case .entitlement: return definitions?["entitlement"]?.objectValue
        case .grant: return definitions?["grant"]?.objectValue
        case .grantSource: return definitions?["grant"]?.objectValue?["properties"]?.objectValue?["source"]?.objectValue
        case .diagnostic: return definitions?["diagnostic"]?.objectValue
        case .userAttributes: return definitions?["userAttributes"]?.objectValue
        case .organizationAttributes: return definitions?["organizationAttributes"]?.objectValue
        case .roleAttributes: return definitions?["roleAttributes"]?.objectValue
        case .permissionAttributes: return definitions?["permissionAttributes"]?.objectValue
        case .roleSetAttributes: return definitions?["roleSetAttributes"]?.objectValue
        case .roleSetMigration: return definitions?["roleSetAttributes"]?.objectValue?["properties"]?.objectValue?["migration"]?.objectValue
        case .machineAttributes: return definitions?["machineAttributes"]?.objectValue
        case .accessPath: return definitions?["accessPath"]?.objectValue
        case .invitationSource: return definitions?["invitationSource"]?.objectValue
        case .domainSource: return definitions?["domainSource"]?.objectValue
        case .enterpriseSSOSource: return definitions?["enterpriseSSOSource"]?.objectValue
        }
    }

    /// A schema property as the table would declare it: what its value is, and whether it may be null.
    static func declared(bySchema property: JSONObject) -> (value: String, nullable: Bool) {
        if let names = property["enum"]?.arrayValue { return ("choice \(names.compactMap(\.stringValue).sorted())", false) }
        if let alternatives = property["oneOf"]?.arrayValue, alternatives.count == 2, alternatives[0] == ["type": "null"],
            let other = alternatives[1].objectValue
        {
            return (declared(bySchema: other).value, true)
        }
        switch property["$ref"]?.stringValue ?? property["type"]?.stringValue {
        case "#/$defs/nullableString": return ("string", true)
        case "#/$defs/nullableTimestampMillis": return ("millisecondTimestamp", true)
        case "#/$defs/timestampMillis": return ("millisecondTimestamp", false)
        case "#/$defs/timestamp": return ("timestamp", false)
        case "#/$defs/clerkId": return ("clerkID", false)
        case "#/$defs/key": return ("key", false)
        case "#/$defs/count": return ("count", false)
        case "#/$defs/stringList": return ("stringList", false)
        case "#/$defs/resourceId", "#/$defs/principalId", "#/$defs/entitlementId": return ("recordID", false)
        case "string": return ("string", false)
        case "boolean": return ("bool", false)
        case "object": return ("object", false)
        case "array":
            let names = property["items"]?.objectValue?["enum"]?.arrayValue?.compactMap(\.stringValue)
            return (names.map { "choiceList \($0.sorted())" } ?? "array", false)
        case let other: return ("unknown \(other ?? "?")", false)
        }
    }

    static func label(_ value: RecordField.Value) -> String {
        switch value {
        case .string: return "string"
        // The schema gives a grant's own id and an entitlement's role as plain strings.
        case .recordID: return "recordID"
        case .clerkID: return "clerkID"
        case .key: return "key"
        case .timestamp: return "timestamp"
        case .millisecondTimestamp: return "millisecondTimestamp"
        case .choice(let names, _): return "choice \(names.sorted())"
        case .choiceList(let names, _): return "choiceList \(names.sorted())"
        case .stringList: return "stringList"
        case .bool: return "bool"
        case .count: return "count"
        case .object: return "object"
        }
    }

    /// `schemas/snapshot.v1.schema.json` publishes the same fields: the same names, required exactly when
    /// the table says a record must carry them, nullable exactly when declared so, of the same value type.
    @Test(arguments: RecordKind.allCases)
    func thePublishedSchemaDeclaresTheTablesFields(kind: RecordKind) throws {
        let definition = try #require(Self.definition(kind))
        let properties = try #require(definition["properties"]?.objectValue)
        #expect(Set(properties.keys) == Set(kind.fields.map(\.name)))
        let required = Set(definition["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(required == Set(kind.fields.filter { !$0.presence.mayBeAbsent }.map(\.name)))
        #expect(definition["additionalProperties"] == .bool(false))
        for field in kind.fields {
            let property = try #require(properties[field.name]?.objectValue, "\(field.name)")
            let (value, nullable) = Self.declared(bySchema: property)
            let expected = Self.label(field.value)
            let plainStringInSchema = value == "string" && expected == "recordID"
            #expect(value == expected || plainStringInSchema, "\(kind).\(field.name)")
            #expect(nullable == field.presence.isNullableInSchema, "\(kind).\(field.name)")
        }
    }
}
