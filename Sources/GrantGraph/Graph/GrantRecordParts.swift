import CanonicalJSON
import SnapshotFormat

/// What membership grants' records are written from, as bytes laid out once: organization, user and role
/// ids, and role keys already in their JSON string form. Writing a grant then copies byte ranges and
/// touches no `String`: copying strings out of shared arrays on every core made their reference counts
/// (one cache line, fought over by both cores) a fifth of the time spent writing grants.
struct GrantRecordParts: Sendable {
    private let parts: ByteStrings
    private let userBase: Int
    private let roleBase: Int
    private let roleKeyBase: Int
    private let membershipIDs: ByteStrings

    /// Nil when an id or membership id holds a byte a JSON string escapes (`"`, `\`, control characters):
    /// such grants are written as values, through the escaping writer.
    init?(organizationIDs: [String], userIDs: [String], roleIDs: [String], roleKeys: [String], membershipIDs: ByteStrings) {
        let idLists = [organizationIDs, userIDs, roleIDs]
        guard idLists.allSatisfy({ $0.allSatisfy { CanonicalJSONWriter.needsNoEscaping($0.utf8) } }),
            CanonicalJSONWriter.needsNoEscaping(membershipIDs.bytes)
        else { return nil }
        var parts = ByteStrings(
            reservingCapacity: organizationIDs.count + userIDs.count + roleIDs.count + roleKeys.count, averageLength: 32)
        for ids in idLists { for id in ids { parts.append(id) } }
        // Role keys are tenant text and may need escaping: each is kept as the JSON string it is written as.
        for key in roleKeys {
            var writer = CanonicalJSONWriter()
            writer.writeString(key)
            writer.bytes.withUnsafeBufferPointer { parts.append(utf8: $0) }
        }
        self.parts = parts
        userBase = organizationIDs.count
        roleBase = userBase + userIDs.count
        roleKeyBase = roleBase + roleIDs.count
        self.membershipIDs = membershipIDs
    }

    /// Where the bytes of user `user`'s id and of membership `membership`'s id lie, for `appendRecord`.
    func locate(user: Int, membership: Int) -> (user: Range<Int>, membership: Range<Int>) {
        parts.starts.withUnsafeBufferPointer { starts in
            membershipIDs.starts.withUnsafeBufferPointer { membershipStarts in
                (starts[userBase + user]..<starts[userBase + user + 1], membershipStarts[membership]..<membershipStarts[membership + 1])
            }
        }
    }

    /// Appends the grant of a membership to its organization's member entitlement (`role` nil) or to its
    /// role `role`, as `CanonicalJSONWriter.writeRecord(_: Grant)` writes it. `user` and `membership` are
    /// where `locate` found the two ids.
    func appendRecord(
        organization: Int, role: Int?, user: Range<Int>, createdAt: Int64, membership: Range<Int>, roleKey: Int,
        to bytes: inout [UInt8]
    ) {
        // Ranges are read from the `starts` arrays here rather than through `ByteStrings.range`, a call into
        // another module for each part of 600,000 records.
        parts.bytes.withUnsafeBufferPointer { all in
            parts.starts.withUnsafeBufferPointer { starts in
                membershipIDs.bytes.withUnsafeBufferPointer { membershipBytes in
                    func part(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                        UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                    }
                    func text(_ text: StaticString) {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
                    }
                    let organizationID = part(organization)
                    let userID = UnsafeBufferPointer(rebasing: all[user])
                    let roleID = role.map { part(roleBase + $0) }
                    func entitlement() {
                        bytes.append(contentsOf: organizationID)
                        if let roleID {
                            text(":role:")
                            bytes.append(contentsOf: roleID)
                        } else {
                            text(":member")
                        }
                    }
                    text(#"{"entitlement":"organization:"#)
                    entitlement()
                    text(#"","id":"organization:"#)
                    entitlement()
                    text(":user:")
                    bytes.append(contentsOf: userID)
                    text(#"","principal":"user:"#)
                    bytes.append(contentsOf: userID)
                    text(#"","source":{"granted_at":""#)
                    Timestamp.appendRFC3339(milliseconds: createdAt, to: &bytes)
                    text(#"","membership_id":""#)
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: membershipBytes[membership]))
                    text(#"","role_key":"#)
                    bytes.append(contentsOf: part(roleKeyBase + roleKey))
                    text("}}")
                }
            }
        }
    }
}
