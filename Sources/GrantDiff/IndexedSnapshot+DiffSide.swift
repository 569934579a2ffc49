import ClerkModel
import SnapshotFormat

/// A snapshot read lean as one side of a diff: records lined up by their id bytes, and a same-id pair with
/// equal bytes is settled without decoding either — in a diff of two exports most records are.
extension IndexedSnapshot: DiffSide {
    var facts: SnapshotDiff.Side {
        SnapshotDiff.Side(generatedAt: generatedAt, digest: digest, instance: source.instance, apiURL: source.apiURL, complete: complete,
            schemaVersion: schemaVersion)
    }

    var grantCount: Int { grants.count }

    func entitlementKind(ofGrant position: Int) -> Entitlement.Kind? {
        entitlements[Int(grants[position].entitlement)].kind
    }

    /// The memberships' ids are laid end to end and hashed by their bytes, so each member grant is matched
    /// by the bytes of its membership id and only a match becomes a `String`.
    func memberGrants(of memberships: Set<String>) -> [String: Int] {
        let names = Array(memberships)
        var arena: [UInt8] = []
        var keys: [ByteSpan] = []
        for name in names {
            keys.append(ByteSpan(start: arena.count, count: name.utf8.count))
            arena.append(contentsOf: name.utf8)
        }
        var positions: [String: Int] = [:]
        arena.withUnsafeBufferPointer { keyBytes in
            let table = SpanTable(count: keys.count, bytes: keyBytes) { keys[$0] }
            withBytes { bytes in
                for (position, grant) in grants.enumerated() where entitlements[Int(grant.entitlement)].kind == .member {
                    guard let membership = grant.membershipID,
                        let key = table.find(bytes[membership], in: keyBytes, key: { keys[$0] })
                    else { continue }
                    positions[names[key]] = position
                }
            }
        }
        return positions
    }

    static func match(_ section: RecordMatch.Section, _ old: IndexedSnapshot, _ new: IndexedSnapshot) -> RecordMatch {
        old.withBytes { oldBytes in
            new.withBytes { newBytes in
                switch section {
                case .resources: return merge(oldBytes, old.resources, newBytes, new.resources, id: \.id, record: \.record)
                case .entitlements: return merge(oldBytes, old.entitlements, newBytes, new.entitlements, id: \.id, record: \.record)
                case .grants: return merge(oldBytes, old.grants, newBytes, new.grants, id: \.id, record: \.record)
                }
            }
        }
    }

    private static func merge<Entry>(
        _ oldBytes: UnsafeBufferPointer<UInt8>, _ old: [Entry], _ newBytes: UnsafeBufferPointer<UInt8>, _ new: [Entry],
        id: (Entry) -> ByteSpan, record: (Entry) -> ByteSpan
    ) -> RecordMatch {
        RecordMatch.merge(oldCount: old.count, newCount: new.count) { i, j in
            oldBytes.compareBytes(id(old[i]), newBytes, id(new[j]))
        } identical: { i, j in
            oldBytes.bytesEqual(record(old[i]), newBytes, record(new[j]))
        }
    }
}
