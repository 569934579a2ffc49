import CanonicalJSON
import ClerkModel

/// Writes a snapshot as canonical JSON laid out one record per line: keys sorted, arrays sorted by id,
/// so two exports of an unchanged tenant differ only in `generated_at` and a text diff shows record changes.
/// Output is produced in chunks, so a snapshot of a million records never sits in memory twice.
public enum SnapshotEncoder {
    static let chunkSize = 1 << 20

    public static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(snapshot) { bytes += $0 }
        return bytes
    }

    /// Hands the encoded snapshot to `emit` in chunks of about a megabyte, in order.
    public static func encode(_ snapshot: Snapshot, emit: ([UInt8]) -> Void) {
        let graph = snapshot.graph
        var writer = CanonicalJSONWriter(reservingCapacity: chunkSize + 65_536)
        func flushIfFull() {
            if writer.bytes.count >= chunkSize {
                emit(writer.bytes)
                writer.removeAll()
            }
        }
        func member(_ key: String, _ value: JSONValue, last: Bool = false) {
            writer.writeRaw("  ")
            writer.writeString(key)
            writer.writeRaw(": ")
            writer.write(value)
            writer.writeRaw(last ? "\n" : ",\n")
        }
        func records<Record>(_ key: String, _ list: [Record], _ write: (inout CanonicalJSONWriter, Record) -> Void) {
            writer.writeRaw("  ")
            writer.writeString(key)
            if list.isEmpty {
                writer.writeRaw(": [],\n")
                return
            }
            writer.writeRaw(": [\n")
            for (index, record) in list.enumerated() {
                writer.writeRaw("    ")
                write(&writer, record)
                writer.writeRaw(index + 1 < list.count ? ",\n" : "\n")
                flushIfFull()
            }
            writer.writeRaw("  ],\n")
        }
        writer.writeRaw("{\n")
        member("complete", .bool(snapshot.complete))
        member("counts", .object(JSONObject(snapshot.counts.map { (key: $0.key, value: .int(Int64($0.value))) })))
        records("diagnostics", graph.diagnostics) { $0.writeRecord($1) }
        member("digest", .string(snapshot.digest))
        records("entitlements", graph.entitlements) { $0.writeRecord($1) }
        member("generated_at", .string(snapshot.generatedAt))
        records("grants", graph.grants) { $0.writeRecord($1) }
        records("resources", graph.resources) { $0.writeRecord($1) }
        member("schema", .string(Snapshot.schemaName))
        member("schema_version", .string(snapshot.schemaVersion))
        member("source", snapshot.source.json)
        member("tool", ["name": .string(snapshot.tool.name), "version": .string(snapshot.tool.version)], last: true)
        writer.writeRaw("}\n")
        emit(writer.bytes)
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
