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
        _ index: AccessIndex, expand: Bool, redactor: PIIRedactor?,
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
        record(
            "snapshot",
            [
                "schema": .string(Snapshot.schemaName), "schema_version": .string(snapshot.schemaVersion),
                "generated_at": .string(snapshot.generatedAt), "digest": .string(snapshot.digest),
                "instance": .string(snapshot.source.instance), "complete": .bool(snapshot.complete),
                "pii_redacted": .bool(redactor != nil), "expanded": .bool(expand),
            ])
        for resource in snapshot.graph.resources {
            var resource = resource
            if let redactor, resource.type == .user {
                resource.attributes = redactor.redactUserAttributes(resource.attributes)
                resource.displayName = redactor.token(resource.displayName)
            }
            record("resource", resource.json)
        }
        for entitlement in snapshot.graph.entitlements { record("entitlement", entitlement.json) }
        for grant in snapshot.graph.grants { record("grant", grant.json) }
        // An invitation's address is personal data, in its principal and its source alike.
        for path in index.accessPaths { record("access_path", redactor.map { $0.redactAccessPath(path) } ?? path.json) }
        for diagnostic in snapshot.graph.diagnostics {
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
}
