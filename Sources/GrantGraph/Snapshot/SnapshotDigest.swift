import CanonicalJSON

/// The digest that identifies a tenant's access state: SHA-256 over the compact canonical JSON of
/// `{"entitlements":[...],"grants":[...],"resources":[...]}` with every array sorted by id. It ignores
/// `generated_at`, diagnostics and the order the API returned things in.
public enum SnapshotDigest {
    public static func compute(_ graph: AccessGraph) -> String {
        digest { writer, section in
            switch section {
            case .entitlements: return graph.entitlements.count
            case .grants: return graph.grants.count
            case .resources: return graph.resources.count
            }
        } write: { writer, section, index in
            switch section {
            case .entitlements: writer.writeRecord(graph.entitlements[index])
            case .grants: writer.writeRecord(graph.grants[index])
            case .resources: writer.writeRecord(graph.resources[index])
            }
        }
    }

    /// Over records as parsed JSON values, so `validate` checks the file's bytes independently of the
    /// writer that produced them.
    public static func compute(resources: [JSONValue], entitlements: [JSONValue], grants: [JSONValue]) -> String {
        let lists: [Section: [JSONValue]] = [.entitlements: entitlements, .grants: grants, .resources: resources]
        return digest { _, section in lists[section]!.count } write: { writer, section, index in
            writer.write(lists[section]![index])
        }
    }

    enum Section: CaseIterable {
        case entitlements
        case grants
        case resources
    }

    /// The hash of `{"entitlements":[...],"grants":[...],"resources":[...]}` with each record written by
    /// `write`, in chunks: shared by every way of computing the digest, so they cannot disagree on framing.
    static func digest(
        count: (inout CanonicalJSONWriter, Section) -> Int,
        write: (inout CanonicalJSONWriter, Section, Int) -> Void
    ) -> String {
        var hasher = SHA256()
        var writer = CanonicalJSONWriter(reservingCapacity: 1 << 16)
        for (position, section) in Section.allCases.enumerated() {
            writer.writeRaw(position == 0 ? "{" : ",")
            writer.writeString("\(section)")
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
