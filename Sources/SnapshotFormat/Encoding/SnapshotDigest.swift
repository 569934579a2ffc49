import CanonicalJSON

/// The digest that identifies a tenant's access state: SHA-256 over the compact canonical JSON of
/// `{"entitlements":[...],"grants":[...],"resources":[...]}` with every array sorted by id. It ignores
/// `generated_at`, diagnostics and the order the API returned things in.
public enum SnapshotDigest {
    public static func compute(_ body: some SnapshotBody) -> String {
        digest { section in body.recordCount(section) } write: { writer, section, index in
            body.writeRecord(index, of: section, to: &writer)
        }
    }

    /// Over records as parsed JSON values, so `validate` checks the file's bytes independently of the
    /// writer that produced them.
    public static func compute(resources: [JSONValue], entitlements: [JSONValue], grants: [JSONValue]) -> String {
        compute([.entitlements: entitlements, .grants: grants, .resources: resources])
    }

    /// Over each section's records as parsed JSON values; a section not given is empty.
    package static func compute(_ sections: [SnapshotSection: [JSONValue]]) -> String {
        digest { section in sections[section]?.count ?? 0 } write: { writer, section, index in
            writer.write(sections[section]![index])
        }
    }

    /// The digest with each record written by `write`, hashed in batches of about 64 KB.
    static func digest(
        count: (SnapshotSection) -> Int,
        write: (inout CanonicalJSONWriter, SnapshotSection, Int) -> Void
    ) -> String {
        var hasher = DigestHasher()
        var writer = CanonicalJSONWriter(reservingCapacity: 1 << 16)
        for section in SnapshotSection.digested {
            hasher.beginSection(section)
            var batched = 0
            for index in 0..<count(section) {
                if batched > 0 { writer.writeRaw(UInt8(ascii: ",")) }
                write(&writer, section, index)
                batched += 1
                if writer.bytes.count >= 1 << 16 {
                    hasher.records(writer.bytes, count: batched)
                    writer.removeAll()
                    batched = 0
                }
            }
            hasher.records(writer.bytes, count: batched)
            writer.removeAll()
            hasher.endSection()
        }
        return hasher.finish()
    }
}
