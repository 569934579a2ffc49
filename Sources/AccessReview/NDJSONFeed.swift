import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// `convert --to ndjson`: one JSON object per line, each with a `record_type` (`snapshot` header first,
/// then `resource`, `entitlement`, `grant`, `access_path` (snapshot 1.1), `diagnostic`, and with `expand`
/// every `effective_permission`),
/// so a SIEM or log pipeline ingests records one at a time without knowing the snapshot schema.
/// Each line is canonical JSON (keys sorted, no white space), hence byte-stable, with U+2028, U+2029 and
/// U+0085 escaped (`NDJSONLine`) so readers that split on them still see one record a line.
public enum NDJSONFeed {
    public static func write(
        _ index: AccessIndex, expand: Bool,
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        var writer = CanonicalJSONWriter(reservingCapacity: 4096)
        func record(_ type: String, _ value: JSONValue) {
            guard case .object(var object) = value else { return }
            object["record_type"] = .string(type)
            writer.removeAll()
            writer.write(.object(object))
            writer.writeRaw(0x0A)
            out.write(NDJSONLine.escapeLineSeparators(writer.bytes))
        }
        let snapshot = index.snapshot
        let redactor = index.redactor
        record(
            "snapshot",
            [
                "schema": .string(Snapshot.schemaName), "schema_version": .string(snapshot.schemaVersion),
                "generated_at": .string(snapshot.generatedAt), "digest": .string(snapshot.digest),
                "instance": .string(snapshot.source.instance), "complete": .bool(snapshot.complete),
                "pii_redacted": .bool(redactor != nil), "expanded": .bool(expand),
            ])
        // Records are copied from the file with their `record_type` added when its bytes are canonical
        // (every file this tool writes), and re-encoded from their decoded value otherwise.
        var line: [UInt8] = []
        func copy(_ type: StaticString, _ span: ByteSpan, decoded: () -> JSONValue) {
            guard snapshot.recordsAreCanonical, snapshot.withBytes({ Self.addRecordType(type, to: $0[span], into: &line) }) else {
                return record("\(type)", decoded())
            }
            out.write(NDJSONLine.escapeLineSeparators(line))
        }
        for position in 0..<snapshot.resourceCount {
            if let redactor, snapshot.resources[position].type == .user {
                record("resource", redactor.redact(snapshot.resource(at: position)).json)
            } else {
                copy("resource", snapshot.resources[position].record) { snapshot.resource(at: position).json }
            }
        }
        for position in 0..<snapshot.entitlementCount {
            copy("entitlement", snapshot.entitlements[position].record) { snapshot.entitlement(at: position).json }
        }
        for position in 0..<snapshot.grantCount {
            copy("grant", snapshot.grants[position].record) { snapshot.grant(at: position).json }
        }
        // A redacting index hands out access paths with the invited addresses already replaced.
        for path in index.accessPaths { record("access_path", path.json) }
        for diagnostic in snapshot.diagnostics {
            record(
                "diagnostic",
                [
                    "code": .string(diagnostic.code.rawValue), "severity": .string(diagnostic.severity.rawValue),
                    "message": .string(diagnostic.message), "subject": .string(diagnostic.subject),
                ])
        }
        if expand {
            for membership in index.memberships {
                for permission in index.effectivePermissions(of: membership) {
                    record(
                        "effective_permission",
                        [
                            "user": .string(permission.user), "organization": .string(permission.organization),
                            "permission": .string(permission.permission), "permission_key": .string(permission.permissionKey),
                            "via": [
                                "membership_id": .string(permission.membershipID), "role": .string(permission.role),
                                "role_key": .optional(permission.roleKey),
                            ],
                        ])
                }
            }
        }
        out.finish()
    }

    /// `record` (one canonical JSON object) with `"record_type":"<type>"` inserted where canonical key order
    /// puts it, then a newline, in `line`; false when the bytes are not an object of plain keys.
    static func addRecordType(_ type: StaticString, to record: UnsafeBufferPointer<UInt8>, into line: inout [UInt8]) -> Bool {
        let key: StaticString = "record_type"
        let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        var cursor = JSONCursor(record)
        var insertion: Int?
        let read = cursor.members { cursor, name in
            if insertion == nil, UnsafeBufferPointer(rebasing: record[name]).lexicographicallyPrecedes(keyBytes) == false {
                insertion = name.lowerBound - 1
            }
            return cursor.skipValue(depth: 1)
        }
        guard read, cursor.index == record.count, record.count >= 2 else { return false }
        let member = Array("\"record_type\":\"".utf8) + Array(UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount)) + [UInt8(ascii: "\"")]
        line.removeAll(keepingCapacity: true)
        if let insertion {
            line.append(contentsOf: record[..<insertion])
            line.append(contentsOf: member)
            line.append(UInt8(ascii: ","))
            line.append(contentsOf: record[insertion...])
        } else {
            let end = record.count - 1
            line.append(contentsOf: record[..<end])
            if end > 1 { line.append(UInt8(ascii: ",")) }
            line.append(contentsOf: member)
            line.append(UInt8(ascii: "}"))
        }
        line.append(0x0A)
        return true
    }
}
