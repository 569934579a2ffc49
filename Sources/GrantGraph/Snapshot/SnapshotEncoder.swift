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

    /// Hands the encoded snapshot to `emit` in chunks of about a megabyte, in order. The snapshot must be sealed.
    public static func encode(_ snapshot: Snapshot, emit: ([UInt8]) -> Void) {
        precondition(snapshot.isSealed, "encode(_:emit:) needs a sealed snapshot; use encode(_:emit:patch:)")
        _ = write(snapshot, hashing: false, emit: emit)
    }

    /// Writes an unsealed snapshot and seals it in the same pass: the records go out in canonical form, so
    /// hashing them as they are written gives the digest without a second pass over a million records. The
    /// digest's place is written as a same-length placeholder and `patch(offset, bytes)` fills it in at the end.
    public static func encode(
        _ snapshot: inout Snapshot, emit: ([UInt8]) -> Void, patch: (_ offset: Int, _ bytes: [UInt8]) -> Void
    ) {
        let (digest, offset) = write(snapshot, hashing: true, emit: emit)
        patch(offset, Array(digest.utf8))
        snapshot.digest = digest
    }

    private static let digestSections: Set<String> = ["entitlements", "grants", "resources"]

    private static func write(_ snapshot: Snapshot, hashing: Bool, emit: ([UInt8]) -> Void) -> (digest: String, offset: Int) {
        let graph = snapshot.graph
        var writer = CanonicalJSONWriter(reservingCapacity: chunkSize + 65_536)
        var emitted = 0
        var hasher = SHA256()
        var hashedSections = 0
        var digestOffset = 0
        func flushIfFull() {
            if writer.bytes.count >= chunkSize {
                emit(writer.bytes)
                emitted += writer.bytes.count
                writer.removeAll()
            }
        }
        func hash(_ text: String) {
            hasher.update(Array(text.utf8))
        }
        func member(_ key: String, _ value: JSONValue, last: Bool = false) {
            writer.writeRaw("  ")
            writer.writeString(key)
            writer.writeRaw(": ")
            writer.write(value)
            writer.writeRaw(last ? "\n" : ",\n")
        }
        func records<Record>(_ key: String, _ list: [Record], _ write: (inout CanonicalJSONWriter, Record) -> Void) {
            let hashed = hashing && digestSections.contains(key)
            if hashed {
                hash((hashedSections == 0 ? "{" : ",") + "\"\(key)\":[")
                hashedSections += 1
            }
            writer.writeRaw("  ")
            writer.writeString(key)
            if list.isEmpty {
                writer.writeRaw(": [],\n")
                if hashed { hash("]") }
                return
            }
            writer.writeRaw(": [\n")
            for (index, record) in list.enumerated() {
                writer.writeRaw("    ")
                let start = writer.bytes.count
                write(&writer, record)
                if hashed {
                    if index > 0 { hasher.update([UInt8(ascii: ",")]) }
                    writer.bytes.withUnsafeBufferPointer { hasher.update(UnsafeBufferPointer(rebasing: $0[start...])) }
                }
                writer.writeRaw(index + 1 < list.count ? ",\n" : "\n")
                flushIfFull()
            }
            writer.writeRaw("  ],\n")
            if hashed { hash("]") }
        }
        let placeholder = "sha256:" + String(repeating: "0", count: 64)
        writer.writeRaw("{\n")
        member("complete", .bool(snapshot.complete))
        member("counts", .object(JSONObject(snapshot.counts.map { (key: $0.key, value: .int(Int64($0.value))) })))
        records("diagnostics", graph.diagnostics) { $0.writeRecord($1) }
        digestOffset = emitted + writer.bytes.count + Array("  \"digest\": \"".utf8).count
        member("digest", .string(hashing ? placeholder : snapshot.digest))
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
        guard hashing else { return (snapshot.digest, digestOffset) }
        hash("}")
        return ("sha256:" + SHA256.hex(hasher.finalize()), digestOffset)
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
