import CanonicalJSON
import ClerkModel
import SnapshotFormat

extension AccessIndex {
    /// The resource half of building an index: users as facts, the other resources decoded, and every
    /// resource's rank by display name. It reads only the resource list, so it runs beside `MembershipPart`.
    struct ResourcePart: Sendable {
        var resourceIDs: [String] = []
        /// Resource position -> position in `users`, -1 for resources that are not users.
        var userPositions: [Int32]
        /// Resource position -> position in `otherResources`, -1 for users.
        var otherPositions: [Int32]
        var users: [UserFacts] = []
        var otherResources: [Resource] = []
        var otherResourcesByID: [String: Int] = [:]
        /// Resource position -> its place in display name order (ties by position): a member's place
        /// among the members of one role in a report.
        var nameRank: [Int32] = []

        init(_ snapshot: IndexedSnapshot, redactor: PIIRedactor?) {
            let resourceCount = snapshot.resourceCount
            resourceIDs.reserveCapacity(resourceCount)
            userPositions = [Int32](repeating: -1, count: resourceCount)
            otherPositions = [Int32](repeating: -1, count: resourceCount)
            // Every display name's UTF-8 in one buffer, so sorting compares bytes instead of retaining Strings.
            var names = NameBytes(capacity: resourceCount)
            let file = UserFactsFile(snapshot.bytes)
            snapshot.withBytes { bytes in
                for position in 0..<resourceCount {
                    let entry = snapshot.resources[position]
                    if entry.type == .user {
                        var facts = UserFacts(record: entry.record, in: file) ?? UserFacts(snapshot.resource(at: position))
                        if let redactor { facts = facts.redacted(by: redactor) }
                        resourceIDs.append(facts.id)
                        userPositions[position] = Int32(users.count)
                        names.append(facts.displayName)
                        users.append(facts)
                    } else {
                        let resource = snapshot.resource(at: position)
                        resourceIDs.append(resource.id)
                        otherPositions[position] = Int32(otherResources.count)
                        otherResourcesByID[resource.id] = otherResources.count
                        names.append(resource.displayName)
                        otherResources.append(resource)
                    }
                }
            }
            nameRank = names.ranks()
        }
    }

    /// The membership half of building an index: each member grant joined to its role grant, by positions
    /// only (no resource id is needed for the join), so it runs beside `ResourcePart`.
    struct MembershipPart: Sendable {
        /// Entitlement position -> its resource's position.
        var entitlementResource: [Int32]
        /// Entitlement position -> the position of the role it names (role entitlements), else -1.
        var entitlementRole: [Int32]
        /// One per member grant, in grant order; `isAdmin` is set once the roles' permissions are known.
        var rows: [MembershipRow] = []
        /// Distinct role keys the grants state, by position, in the order first met.
        var roleKeys: [String] = []
        /// Permission and machine access grants, in grant order: few, and read with the resources' ids.
        var otherGrants: [Int32] = []

        init(_ snapshot: IndexedSnapshot) {
            // Per entitlement: its resource's and (for a role entitlement) its role's positions. The indexer
            // has checked that both are resources of the file.
            let entitlementCount = snapshot.entitlementCount
            var entitlementResource = [Int32](repeating: -1, count: entitlementCount)
            var entitlementRole = [Int32](repeating: -1, count: entitlementCount)
            snapshot.withBytes { bytes in
                for position in 0..<entitlementCount {
                    let entry = snapshot.entitlements[position]
                    entitlementResource[position] = Int32(snapshot.resourcePosition(bytes[entry.id.prefix(entry.resourceLength)]) ?? -1)
                    if let role = entry.role { entitlementRole[position] = Int32(snapshot.resourcePosition(bytes[role]) ?? -1) }
                }
            }
            self.entitlementResource = entitlementResource
            self.entitlementRole = entitlementRole

            // Grants by kind: members kept, role grants noted for the join. A role grant joins the member
            // grant with its membership id or, lacking one, the member grant of its organization and
            // principal; of two role grants with one key the later counts.
            var memberGrants: [Int32] = []
            var roleGrantsByMembershipID: [Int32] = []
            var roleGrantsByPrincipal: [UInt64: Int32] = [:]
            for position in 0..<snapshot.grantCount {
                let entry = snapshot.grants[position]
                let entitlementPosition = Int(entry.entitlement)
                switch snapshot.entitlements[entitlementPosition].kind {
                case .member:
                    memberGrants.append(Int32(position))
                case .role:
                    if entry.membershipID != nil {
                        roleGrantsByMembershipID.append(Int32(position))
                    } else {
                        roleGrantsByPrincipal[AccessIndex.pairKey(entitlementResource[entitlementPosition], entry.principal)] = Int32(position)
                    }
                case .permission, .access:
                    otherGrants.append(Int32(position))
                }
            }
            // Looked up last one first, so the later of two role grants with one membership id is found.
            let roleGrantTable = snapshot.withBytes { bytes in
                SpanTable(count: roleGrantsByMembershipID.count, bytes: bytes) {
                    snapshot.grants[Int(roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - $0])].membershipID!
                }
            }

            // Memberships: each member grant joined to its role grant.
            var roleKeys = RoleKeyList()
            rows.reserveCapacity(memberGrants.count)
            snapshot.withBytes { bytes in
                for grantPosition in memberGrants {
                    let entry = snapshot.grants[Int(grantPosition)]
                    let organization = entitlementResource[Int(entry.entitlement)]
                    var roleGrant: Int32 = -1
                    if let membershipID = entry.membershipID {
                        let found = roleGrantTable.find(bytes[membershipID], in: bytes) {
                            snapshot.grants[Int(roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - $0])].membershipID!
                        }
                        if let found { roleGrant = roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - found] }
                    } else {
                        roleGrant = roleGrantsByPrincipal[AccessIndex.pairKey(organization, entry.principal)] ?? -1
                    }
                    rows.append(
                        MembershipRow(
                            memberGrant: grantPosition, user: entry.principal, organization: organization,
                            role: roleGrant >= 0 ? snapshot.grants[Int(roleGrant)].entitlement : -1,
                            roleKey: entry.roleKey.map { roleKeys.position(of: bytes[$0]) } ?? -1, isAdmin: false))
                }
            }
            self.roleKeys = roleKeys.keys
        }
    }
}

/// Role keys met so far and their positions: a few distinct keys over hundreds of thousands of
/// memberships, so a key is matched by its bytes against the keys known, without making a String.
private struct RoleKeyList {
    private(set) var keys: [String] = []
    private var bytes: [[UInt8]] = []
    /// The keys past the first few, for a snapshot with many (each a linear search would be slow).
    private var more: [String: Int32] = [:]
    private static let searchedLinearly = 16

    mutating func position(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        for (position, known) in bytes.enumerated() where known.count == key.count && known.elementsEqual(key) {
            return Int32(position)
        }
        let text = String(decoding: key, as: UTF8.self)
        if bytes.count == Self.searchedLinearly, let position = more[text] { return position }
        let position = Int32(keys.count)
        keys.append(text)
        if bytes.count < Self.searchedLinearly { bytes.append(Array(key)) } else { more[text] = position }
        return position
    }
}

/// Display names as UTF-8 in one buffer, for sorting by name without retaining a String per comparison.
private struct NameBytes {
    private var bytes: [UInt8] = []
    /// Where each name starts in `bytes`; one more entry than names, for the last one's end.
    private var starts: [Int32] = [0]
    /// The name is all ASCII: then equal as Strings exactly when equal as bytes.
    private var ascii: [Bool] = []
    /// The names that are not, as Strings, for the comparisons bytes cannot settle.
    private var otherNames: [Int: String] = [:]

    init(capacity: Int) {
        starts.reserveCapacity(capacity + 1)
        ascii.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 16)
    }

    /// An ASCII name, as a String: only met when the other name of a comparison is not ASCII.
    private func name(_ position: Int) -> String {
        String(decoding: bytes[Int(starts[position])..<Int(starts[position + 1])], as: UTF8.self)
    }

    mutating func append(_ name: String) {
        var isASCII = true
        for byte in name.utf8 {
            bytes.append(byte)
            if byte >= 0x80 { isASCII = false }
        }
        if !isASCII { otherNames[ascii.count] = name }
        starts.append(Int32(bytes.count))
        ascii.append(isASCII)
    }

    /// Each position's rank in the order `String` comparison gives: names unequal as Strings in
    /// code-point order, equal ones by position (Strings compare canonically equivalent names as equal,
    /// bytes do not, so names that are not ASCII are compared as Strings).
    func ranks() -> [Int32] {
        var order = (0..<ascii.count).map { Int32($0) }
        bytes.withUnsafeBufferPointer { buffer in
            func span(_ position: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: buffer[Int(starts[position])..<Int(starts[position + 1])])
            }
            order.sort { lhs, rhs in
                let (left, right) = (Int(lhs), Int(rhs))
                let (leftBytes, rightBytes) = (span(left), span(right))
                let common = min(leftBytes.count, rightBytes.count)
                var order = common == 0 ? 0 : Int(memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, common))
                if order == 0 { order = leftBytes.count - rightBytes.count }
                if order == 0 { return lhs < rhs }
                if ascii[left] && ascii[right] { return order < 0 }
                let (leftName, rightName) = (otherNames[left] ?? name(left), otherNames[right] ?? name(right))
                return leftName != rightName ? codePointPrecedes(leftName, rightName) : lhs < rhs
            }
        }
        var ranks = [Int32](repeating: 0, count: order.count)
        for (rank, position) in order.enumerated() { ranks[Int(position)] = Int32(rank) }
        return ranks
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
