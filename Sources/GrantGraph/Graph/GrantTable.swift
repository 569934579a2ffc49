import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// The grants of a graph in the form they are sorted and written from. A membership's grants are two
/// small numbers (the membership, and the role or none); their ids and records are written from the
/// ledger and the id lists when the snapshot is written, so 600,000 grants never exist as 600,000 sets of
/// strings. Roles' permission grants are few and kept as values.
struct GrantTable {
    private struct MembershipGrant {
        var membership: Int32
        /// Index into `roleIDs` for a role grant, -1 for the member grant.
        var role: Int32
    }

    private let memberships: MembershipLedger
    private let organizationIDs: [String]
    private let userIDs: [String]
    private let roleIDs: [String]
    private let roleKeys: [String]
    private var membershipGrants: [MembershipGrant] = []
    private var permissionGrants: [Grant] = []
    /// The grants to write, in canonical order; set by `sort()`. Indices past the membership grants are
    /// permission grants.
    private(set) var order: [Int] = []
    /// The parts membership grants are written from, as bytes; nil when some id or role key would need
    /// escaping inside a JSON string, and every grant is then written as a value.
    private let plainParts: GrantRecordParts?
    /// Some organization or role id contains `:`: different parts may then spell the same grant id, and
    /// ids cannot be ordered by their parts (`GrantOrder`).
    let partsMayCollide: Bool

    init(memberships: MembershipLedger, organizationIDs: [String], userIDs: [String], roleIDs: [String], roleKeys: [String]) {
        self.memberships = memberships
        self.organizationIDs = organizationIDs
        self.userIDs = userIDs
        self.roleIDs = roleIDs
        self.roleKeys = roleKeys
        plainParts = GrantRecordParts(
            organizationIDs: organizationIDs, userIDs: userIDs, roleIDs: roleIDs, roleKeys: roleKeys, membershipIDs: memberships.ids)
        partsMayCollide = (organizationIDs + roleIDs).contains { $0.utf8.contains(UInt8(ascii: ":")) }
        membershipGrants.reserveCapacity(memberships.count * 2)
    }

    var count: Int { order.count }

    /// The membership's grant of membership (`role == nil`) or of the role at index `role` of `roleIDs`.
    mutating func addMembershipGrant(membership: Int, role: Int?) {
        membershipGrants.append(MembershipGrant(membership: Int32(membership), role: Int32(role ?? -1)))
    }

    mutating func addPermissionGrant(permission: String, role: String, roleKey: String) {
        permissionGrants.append(
            Grant(
                entitlement: Entitlement.permissionID(permission: permission), principal: Resource.id(.role, role),
                source: Grant.Source(roleKey: roleKey)))
    }

    // MARK: - Order

    /// Puts the grants in canonical order (by id, in code-point order) and keeps the first of each id: two
    /// memberships of one user in one organization give the same grant id. Returns a diagnostic for each
    /// such conflict.
    mutating func sort() -> [Diagnostic] {
        let sorted = GrantOrder.rankedOrder(of: self) ?? bytewiseOrder()
        var diagnostics: [Diagnostic] = []
        order = []
        order.reserveCapacity(sorted.count)
        for index in sorted {
            if let previous = order.last, sameID(previous, index) {
                if !sameSource(previous, index) {
                    diagnostics.append(
                        Diagnostic(
                            code: .duplicateGrant, severity: .warning,
                            message:
                                "grant \(id(index)) arises from both \(membershipID(previous) ?? "?") and \(membershipID(index) ?? "?"); the first is kept",
                            subject: id(index)))
                }
                continue
            }
            order.append(index)
        }
        return diagnostics
    }

    /// Every grant's id laid out and sorted bytewise: the order whatever the ids contain.
    private func bytewiseOrder() -> [Int] {
        var ids = ByteStrings(reservingCapacity: totalCount, averageLength: 80)
        for index in 0..<totalCount { ids.append(id(index)) }
        return ids.sortedIndices(tiebreak: (0..<totalCount).map(tiebreak))
    }

    var totalCount: Int { membershipGrants.count + permissionGrants.count }

    /// Of grants with equal ids the one with the smallest tiebreak is kept: the first membership listed.
    func tiebreak(_ index: Int) -> UInt64 {
        index < membershipGrants.count ? memberships.entries[Int(membershipGrants[index].membership)].order : UInt64(index)
    }

    /// What the ranked sort needs to know of a membership grant: its organization, role (or -1) and user.
    func membershipGrantParts(_ index: Int) -> (organization: Int32, role: Int32, user: Int32)? {
        guard index < membershipGrants.count else { return nil }
        let grant = membershipGrants[index]
        let entry = memberships.entries[Int(grant.membership)]
        return (entry.organization, grant.role, entry.user)
    }

    var identifiers: (organizations: [String], roles: [String], users: [String]) { (organizationIDs, roleIDs, userIDs) }

    func permissionGrantID(_ index: Int) -> String? {
        index >= membershipGrants.count ? permissionGrants[index - membershipGrants.count].id : nil
    }

    // MARK: - One grant

    private func entitlementID(_ grant: MembershipGrant) -> String {
        let organization = organizationIDs[Int(memberships.entries[Int(grant.membership)].organization)]
        return grant.role < 0
            ? Entitlement.memberID(organization: organization)
            : Entitlement.roleID(organization: organization, role: roleIDs[Int(grant.role)])
    }

    private func principalID(_ grant: MembershipGrant) -> String {
        Resource.id(.user, userIDs[Int(memberships.entries[Int(grant.membership)].user)])
    }

    func id(_ index: Int) -> String {
        guard index < membershipGrants.count else { return permissionGrants[index - membershipGrants.count].id }
        let grant = membershipGrants[index]
        return "\(entitlementID(grant)):\(principalID(grant))"
    }

    /// Equal parts make equal ids; different parts can too, but only when an organization or role id
    /// contains `:` (`org_1:role:r` + member, and `org_1` + role `r:member`), so only then are ids compared.
    private func sameID(_ left: Int, _ right: Int) -> Bool {
        if let a = membershipGrantParts(left), let b = membershipGrantParts(right), a == b || !partsMayCollide { return a == b }
        return id(left) == id(right)
    }

    /// Per entitlement kind, the grants kept.
    func count(of kind: Entitlement.Kind) -> Int {
        order.reduce(0) { count, index in
            let grantKind: Entitlement.Kind =
                index >= membershipGrants.count ? .permission : (membershipGrants[index].role < 0 ? .member : .role)
            return count + (grantKind == kind ? 1 : 0)
        }
    }

    private func sameSource(_ left: Int, _ right: Int) -> Bool {
        if left >= membershipGrants.count || right >= membershipGrants.count {
            return left >= membershipGrants.count && right >= membershipGrants.count
                && permissionGrants[left - membershipGrants.count] == permissionGrants[right - membershipGrants.count]
        }
        let (a, b) = (Int(membershipGrants[left].membership), Int(membershipGrants[right].membership))
        return memberships.ids.equal(a, b) && memberships.entries[a].createdAt == memberships.entries[b].createdAt
            && roleKeys[Int(memberships.entries[a].roleKey)] == roleKeys[Int(memberships.entries[b].roleKey)]
    }

    private func membershipID(_ index: Int) -> String? {
        index < membershipGrants.count ? memberships.ids.string(Int(membershipGrants[index].membership)) : nil
    }

    /// Writes the grant at `position` of the canonical order, keys in code-point order as
    /// `CanonicalJSONWriter.writeRecord(_: Grant)` writes them. A membership grant is written from its
    /// parts' bytes straight into the output (`GrantRecordParts`): it is most of a snapshot's bytes, and
    /// joining strings for each of 600,000 grants would cost more than writing them.
    func write(_ position: Int, to writer: inout CanonicalJSONWriter) {
        // One record is a block of one: the snapshot encoder writes whole blocks (`GrantBlockWriter`).
        write(position, gathered: gather(position..<position + 1), to: &writer)
    }

    /// A membership grant's parts as `gather` collects them; `role` is `Int32.min` for a grant written as a
    /// value (a permission grant, or any grant when some id needs escaping).
    struct GatheredGrant {
        var organization: Int32
        var role: Int32
        var user: Int32
        var membership: Int32
        var roleKey: Int32
        var createdAt: Int64
        /// Where the user's and the membership's ids lie (`GrantRecordParts.locate`).
        var userBytes: Range<Int> = 0..<0
        var membershipBytes: Range<Int> = 0..<0
    }

    /// The grants at `positions` of the canonical order, gathered for `write(_:gathered:to:)`.
    struct GatheredBlock {
        let positions: Range<Int>
        let grants: [GatheredGrant]
    }

    /// Collects the parts of the grants at `positions` in one tight pass. The canonical order visits
    /// memberships in no order of the ledger's, so each grant's ledger entry is a fetch from far away in
    /// memory; here the fetches of many grants overlap, where writing grant after grant waited for each.
    func gather(_ positions: Range<Int>) -> GatheredBlock {
        var grants: [GatheredGrant] = []
        grants.reserveCapacity(positions.count)
        let written = plainParts != nil
        for position in positions {
            let index = order[position]
            guard written, index < membershipGrants.count else {
                grants.append(GatheredGrant(organization: 0, role: .min, user: 0, membership: 0, roleKey: 0, createdAt: 0))
                continue
            }
            let grant = membershipGrants[index]
            let entry = memberships.entries[Int(grant.membership)]
            grants.append(
                GatheredGrant(
                    organization: entry.organization, role: grant.role, user: entry.user, membership: grant.membership,
                    roleKey: entry.roleKey, createdAt: entry.createdAt))
        }
        // A second tight pass for the ids' places, fetched from as far away as the entries were.
        if let plainParts {
            for row in grants.indices where grants[row].role != .min {
                let ids = plainParts.locate(user: Int(grants[row].user), membership: Int(grants[row].membership))
                grants[row].userBytes = ids.user
                grants[row].membershipBytes = ids.membership
            }
        }
        return GatheredBlock(positions: positions, grants: grants)
    }

    /// `write(position, to:)`, from a block `gather` collected.
    func write(_ position: Int, gathered block: GatheredBlock, to writer: inout CanonicalJSONWriter) {
        let grant = block.grants[position - block.positions.lowerBound]
        guard grant.role != .min, let plainParts else {
            writer.writeRecord(grantValue(order[position]))
            return
        }
        writer.appendRaw { bytes in
            plainParts.appendRecord(
                organization: Int(grant.organization), role: grant.role < 0 ? nil : Int(grant.role), user: grant.userBytes,
                createdAt: grant.createdAt, membership: grant.membershipBytes, roleKey: Int(grant.roleKey), to: &bytes)
        }
    }

    /// The grant as a value: for the few permission grants, and for ids that need escaping.
    private func grantValue(_ index: Int) -> Grant {
        guard index < membershipGrants.count else { return permissionGrants[index - membershipGrants.count] }
        let grant = membershipGrants[index]
        let entry = memberships.entries[Int(grant.membership)]
        return Grant(
            entitlement: entitlementID(grant), principal: principalID(grant),
            source: Grant.Source(
                membershipID: memberships.ids.string(Int(grant.membership)), roleKey: roleKeys[Int(entry.roleKey)],
                grantedAt: Timestamp.rfc3339(milliseconds: entry.createdAt)))
    }
}
