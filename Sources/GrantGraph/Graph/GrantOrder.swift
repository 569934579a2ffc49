import CanonicalJSON
import SnapshotFormat

/// The canonical order of a graph's grants (by id, in code-point order) computed from ranks instead of by
/// comparing 600,000 ids. A membership grant's id is `organization:<org>:member:user:<user>` or
/// `organization:<org>:role:<role>:user:<user>`; as long as no organization or role id contains `:`,
/// comparing two such ids comes down to comparing `<org>:`, then member before role, then `<role>:`, then
/// `<user>`, so one integer key per grant orders them exactly. Ids with `:` get the bytewise sort instead.
enum GrantOrder {
    static func rankedOrder(of table: GrantTable) -> [Int]? {
        let (organizations, roles, users) = table.identifiers
        guard !table.partsMayCollide, organizations.count < 1 << 23, roles.count < 1 << 14, users.count < 1 << 24
        else { return nil }
        let organizationRank = ranks(organizations, suffix: ":")
        let roleRank = ranks(roles, suffix: ":")
        let userRank = ranks(users, suffix: "")
        var keyed: [(key: UInt64, tiebreak: UInt64, index: Int)] = []
        keyed.reserveCapacity(table.totalCount)
        var permissionGrants: [(id: String, index: Int)] = []
        for index in 0..<table.totalCount {
            guard let parts = table.membershipGrantParts(index) else {
                permissionGrants.append((table.permissionGrantID(index)!, index))
                continue
            }
            // Bits 39...61 organization, 24...38 member (0) or role (1 and its rank), 0...23 user.
            let role: UInt64 = parts.role < 0 ? 0 : 1 << 14 | UInt64(roleRank[Int(parts.role)])
            let key = UInt64(organizationRank[Int(parts.organization)]) << 39 | role << 24 | UInt64(userRank[Int(parts.user)])
            keyed.append((key, table.tiebreak(index), index))
        }
        keyed.sort { ($0.key, $0.tiebreak, $0.index) < ($1.key, $1.tiebreak, $1.index) }
        // Every `organization:` id precedes every `permission:` id.
        permissionGrants.sort { $0.id != $1.id ? codePointPrecedes($0.id, $1.id) : $0.index < $1.index }
        return keyed.map(\.index) + permissionGrants.map(\.index)
    }

    /// Each string's position among all of them, compared with `suffix` appended.
    private static func ranks(_ strings: [String], suffix: String) -> [Int] {
        var laidOut = ByteStrings(reservingCapacity: strings.count, averageLength: 32)
        for string in strings {
            laidOut.appendPart(string)
            laidOut.appendPart(suffix)
            laidOut.finishString()
        }
        var rank = [Int](repeating: 0, count: strings.count)
        for (position, index) in laidOut.sortedIndices().enumerated() { rank[index] = position }
        return rank
    }
}
