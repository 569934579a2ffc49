import CanonicalJSON

/// The digest that identifies a tenant's access state: SHA-256 over the compact canonical JSON of
/// `{"entitlements":[...],"grants":[...],"resources":[...]}` with every array sorted by id. It ignores
/// `generated_at`, diagnostics and the order the API returned things in.
public enum SnapshotDigest {
    public static func compute(_ body: some SnapshotBody) -> String {
        digest { _, section in body.recordCount(section) } write: { writer, section, index in
            body.writeRecord(index, of: section, to: &writer)
        }
    }

    /// Over records as parsed JSON values, so `validate` checks the file's bytes independently of the
    /// writer that produced them.
    public static func compute(resources: [JSONValue], entitlements: [JSONValue], grants: [JSONValue]) -> String {
        let lists: [SnapshotSection: [JSONValue]] = [.entitlements: entitlements, .grants: grants, .resources: resources]
        return digest { _, section in lists[section]!.count } write: { writer, section, index in
            writer.write(lists[section]![index])
        }
    }

    /// The hash of `{"entitlements":[...],"grants":[...],"resources":[...]}` with each record written by
    /// `write`, in chunks: shared by every way of computing the digest, so they cannot disagree on framing.
    static func digest(
        count: (inout CanonicalJSONWriter, SnapshotSection) -> Int,
        write: (inout CanonicalJSONWriter, SnapshotSection, Int) -> Void
    ) -> String {
        var hasher = SHA256()
        var writer = CanonicalJSONWriter(reservingCapacity: 1 << 16)
        for (position, section) in SnapshotSection.allCases.enumerated() {
            writer.writeRaw(position == 0 ? "{" : ",")
            writer.writeString(section.rawValue)
            writer.writeRaw(":[")
            for index in 0..<count(&writer, section) {
                if index > 0 { writer.writeRaw(UInt8(ascii: ",")) }
                write(&writer, section, index)
                if writer.bytes.count >= 1 << 16 {
                    hasher.update(writer.bytes)
                    writer.removeAll()
                }
            }
            writer.writeRaw("]")
        }
        writer.writeRaw("}")
        hasher.update(writer.bytes)
        return "sha256:" + SHA256.hex(hasher.finalize())
    }
}
