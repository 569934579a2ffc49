import CanonicalJSON

/// The digest that identifies a tenant's access state: SHA-256 over the compact canonical JSON of the
/// version's digest sections with every array sorted by id — 1.0
/// `{"entitlements":[...],"grants":[...],"resources":[...]}`, 1.1 the same with `"access_paths":[...]`
/// first. It ignores `generated_at`, diagnostics and the order the API returned things in.
public enum SnapshotDigest {
    /// How a snapshot writes a SHA-256 (its `digest`, a chain link's file digest): `sha256:` and 64 hex digits.
    public static func text(_ sha256: [UInt8]) -> String { "sha256:" + SHA256.hex(sha256) }

    /// The digest of `body` written as a file of `version`.
    public static func compute(_ body: some SnapshotBody, version: SnapshotLayout.Version) -> String {
        digest(version) { section in body.recordCount(section) } write: { writer, section, index in
            body.writeRecord(index, of: section, to: &writer)
        }
    }

    /// Over each section's records as parsed JSON values, framed as `version` frames them; a section not
    /// given is empty.
    package static func compute(_ sections: [SnapshotSection: [JSONValue]], version: SnapshotLayout.Version) -> String {
        digest(version) { section in sections[section]?.count ?? 0 } write: { writer, section, index in
            writer.write(sections[section]![index])
        }
    }

    /// The digest with each record written by `write` (`DigestHasher` batches them).
    static func digest(
        _ version: SnapshotLayout.Version, count: (SnapshotSection) -> Int,
        write: (inout CanonicalJSONWriter, SnapshotSection, Int) -> Void
    ) -> String {
        var hasher = DigestHasher()
        var writer = CanonicalJSONWriter(reservingCapacity: 4096)
        for section in version.digestSections {
            hasher.beginSection(section)
            for index in 0..<count(section) {
                writer.removeAll()
                write(&writer, section, index)
                hasher.record(writer.bytes)
            }
            hasher.endSection()
        }
        return hasher.finish()
    }
}
