import CanonicalJSON
import ClerkModel

/// Writes a snapshot as canonical JSON laid out one record per line: keys sorted, arrays sorted by id,
/// so two exports of an unchanged tenant differ only in `generated_at` and a text diff shows record changes.
public enum SnapshotEncoder {
    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        let graph = snapshot.graph
        var writer = CanonicalJSONWriter(
            reservingCapacity: 256 * (graph.resources.count + graph.entitlements.count + graph.grants.count) + 4096)
        writer.writeRaw("{\n")
        member(&writer, "complete", .bool(snapshot.complete))
        member(&writer, "counts", .object(JSONObject(snapshot.counts.map { (key: $0.key, value: .int(Int64($0.value))) })))
        records(&writer, "diagnostics", graph.diagnostics.map(\.json))
        member(&writer, "digest", .string(snapshot.digest))
        records(&writer, "entitlements", graph.entitlements.map(\.json))
        member(&writer, "generated_at", .string(snapshot.generatedAt))
        records(&writer, "grants", graph.grants.map(\.json))
        records(&writer, "resources", graph.resources.map(\.json))
        member(&writer, "schema", .string(Snapshot.schemaName))
        member(&writer, "schema_version", .string(snapshot.schemaVersion))
        member(&writer, "source", snapshot.source.json)
        member(&writer, "tool", ["name": .string(snapshot.tool.name), "version": .string(snapshot.tool.version)], last: true)
        writer.writeRaw("}\n")
        return writer.bytes
    }

    private static func member(_ writer: inout CanonicalJSONWriter, _ key: String, _ value: JSONValue, last: Bool = false) {
        writer.writeRaw("  ")
        writer.writeString(key)
        writer.writeRaw(": ")
        writer.write(value)
        writer.writeRaw(last ? "\n" : ",\n")
    }

    private static func records(_ writer: inout CanonicalJSONWriter, _ key: String, _ values: [JSONValue]) {
        writer.writeRaw("  ")
        writer.writeString(key)
        if values.isEmpty {
            writer.writeRaw(": [],\n")
            return
        }
        writer.writeRaw(": [\n")
        for (index, value) in values.enumerated() {
            writer.writeRaw("    ")
            writer.write(value)
            writer.writeRaw(index + 1 < values.count ? ",\n" : "\n")
        }
        writer.writeRaw("  ],\n")
    }
}

extension Snapshot.Source {
    var json: JSONValue {
        [
            "system": .string(system), "api_url": .string(apiURL), "instance": .string(instance),
            "collections": .array(collections.map { .string($0.rawValue) }),
        ]
    }
}

extension Diagnostic {
    public var json: JSONValue {
        [
            "code": .string(code), "severity": .string(severity.rawValue), "message": .string(message),
            "subject": .string(subject),
        ]
    }
}
