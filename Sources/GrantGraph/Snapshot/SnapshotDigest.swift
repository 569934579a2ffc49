import CanonicalJSON

/// The digest that identifies a tenant's access state: SHA-256 over the compact canonical JSON of
/// `{"entitlements":[...],"grants":[...],"resources":[...]}` with every array sorted by id. It ignores
/// `generated_at`, diagnostics and the order the API returned things in.
public enum SnapshotDigest {
    public static func compute(_ graph: AccessGraph) -> String {
        compute(
            resources: graph.resources.map(\.json), entitlements: graph.entitlements.map(\.json),
            grants: graph.grants.map(\.json))
    }

    /// Over records as JSON values, so `validate` can recompute the digest of a file it has not fully decoded.
    public static func compute(resources: [JSONValue], entitlements: [JSONValue], grants: [JSONValue]) -> String {
        var hasher = SHA256()
        var writer = CanonicalJSONWriter(reservingCapacity: 1 << 16)
        func flush() {
            hasher.update(writer.bytes)
            writer.removeAll()
        }
        func section(_ name: String, _ records: [JSONValue], first: Bool) {
            writer.writeRaw(first ? "{" : ",")
            writer.writeString(name)
            writer.writeRaw(":[")
            for (index, record) in records.enumerated() {
                if index > 0 { writer.writeRaw(UInt8(ascii: ",")) }
                writer.write(record)
                if writer.bytes.count >= 1 << 16 { flush() }
            }
            writer.writeRaw("]")
        }
        section("entitlements", entitlements, first: true)
        section("grants", grants, first: false)
        section("resources", resources, first: false)
        writer.writeRaw("}")
        flush()
        return "sha256:" + SHA256.hex(hasher.finalize())
    }
}
