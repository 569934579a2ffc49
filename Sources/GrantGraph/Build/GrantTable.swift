import CanonicalJSON
import ClerkModel

/// The grants of a graph in the form they are sorted and written from: each is its id (the entitlement id,
/// `:`, the principal id) and where it came from (a membership, or a role's key). Its record is written
/// from those when the snapshot is written, so 600,000 grants never exist as 600,000 sets of strings.
struct GrantTable {
    private struct Entry {
        var kind: Entitlement.Kind
        /// The entitlement id is the first `entitlementLength` bytes of the grant id.
        var entitlementLength: Int32
        /// Index into the membership ledger, or -1 for a role's permission grant.
        var membership: Int32
        var roleKey: Int32
    }

    private var ids = ByteStrings()
    private var entries: [Entry] = []
    /// Of grants with equal ids the one with the smallest tiebreak is kept: the first membership listed.
    private var tiebreaks: [UInt64] = []
    private let memberships: MembershipLedger
    private let roleKeys: [String]
    /// The grants to write, in canonical order; set by `sort()`.
    private(set) var order: [Int] = []

    init(memberships: MembershipLedger, roleKeys: [String]) {
        self.memberships = memberships
        self.roleKeys = roleKeys
        ids = ByteStrings(reservingCapacity: memberships.count * 2, averageLength: 80)
        entries.reserveCapacity(memberships.count * 2)
        tiebreaks.reserveCapacity(memberships.count * 2)
    }

    var count: Int { order.count }

    /// `organization:<org>:member:user:<user>`, or with `role:<role id>` in place of `member`.
    mutating func addMembershipGrant(organization: String, role: String?, user: String, membership: Int) {
        let source = memberships.entries[membership]
        ids.appendPart("organization:")
        ids.appendPart(organization)
        if let role {
            ids.appendPart(":role:")
            ids.appendPart(role)
        } else {
            ids.appendPart(":member")
        }
        let entitlementLength = ids.unfinishedLength
        ids.appendPart(":user:")
        ids.appendPart(user)
        ids.finishString()
        entries.append(
            Entry(
                kind: role == nil ? .member : .role, entitlementLength: Int32(entitlementLength),
                membership: Int32(membership), roleKey: source.roleKey))
        tiebreaks.append(source.order)
    }

    /// `permission:<permission>:granted:role:<role>`.
    mutating func addPermissionGrant(permission: String, role: String, roleKey: Int32) {
        ids.appendPart("permission:")
        ids.appendPart(permission)
        ids.appendPart(":granted")
        let entitlementLength = ids.unfinishedLength
        ids.appendPart(":role:")
        ids.appendPart(role)
        ids.finishString()
        entries.append(Entry(kind: .permission, entitlementLength: Int32(entitlementLength), membership: -1, roleKey: roleKey))
        tiebreaks.append(UInt64(entries.count))
    }

    /// Puts the grants in canonical order and keeps the first of each id: two memberships of one user in
    /// one organization give the same grant id. Returns a diagnostic for each such conflict.
    mutating func sort() -> [Diagnostic] {
        let sorted = ids.sortedIndices(tiebreak: tiebreaks)
        tiebreaks = []
        var diagnostics: [Diagnostic] = []
        order = []
        order.reserveCapacity(sorted.count)
        for index in sorted {
            if let previous = order.last, ids.equal(previous, index) {
                if !sameSource(previous, index) {
                    let id = ids.string(index)
                    diagnostics.append(
                        Diagnostic(
                            code: "duplicate_grant", severity: .warning,
                            message:
                                "grant \(id) arises from both \(membershipID(previous) ?? "?") and \(membershipID(index) ?? "?"); the first is kept",
                            subject: id))
                }
                continue
            }
            order.append(index)
        }
        return diagnostics
    }

    /// Grants kept, per entitlement kind.
    func count(of kind: Entitlement.Kind) -> Int {
        order.reduce(0) { $0 + (entries[$1].kind == kind ? 1 : 0) }
    }

    private func sameSource(_ left: Int, _ right: Int) -> Bool {
        let (a, b) = (entries[left], entries[right])
        guard a.kind == b.kind, a.entitlementLength == b.entitlementLength, roleKeys[Int(a.roleKey)] == roleKeys[Int(b.roleKey)]
        else { return false }
        if a.membership < 0 || b.membership < 0 { return a.membership == b.membership }
        return memberships.ids.equal(Int(a.membership), Int(b.membership))
            && memberships.entries[Int(a.membership)].createdAt == memberships.entries[Int(b.membership)].createdAt
    }

    private func membershipID(_ index: Int) -> String? {
        let membership = entries[index].membership
        return membership < 0 ? nil : memberships.ids.string(Int(membership))
    }

    /// Writes the grant at `position` of the canonical order, keys in code-point order as
    /// `CanonicalJSONWriter.writeRecord(_: Grant)` writes them.
    func write(_ position: Int, to writer: inout CanonicalJSONWriter) {
        let index = order[position]
        let entry = entries[index]
        ids.withUTF8(index) { id in
            let split = Int(entry.entitlementLength)
            writer.writeRaw("{\"entitlement\":")
            writer.writeString(utf8: UnsafeBufferPointer(rebasing: id[..<split]))
            writer.writeRaw(",\"id\":")
            writer.writeString(utf8: id)
            writer.writeRaw(",\"principal\":")
            writer.writeString(utf8: UnsafeBufferPointer(rebasing: id[(split + 1)...]))
            writer.writeRaw(",\"source\":{")
            if entry.membership >= 0 {
                let membership = Int(entry.membership)
                writer.writeRaw("\"granted_at\":\"")
                writer.appendRaw { Timestamp.appendRFC3339(milliseconds: memberships.entries[membership].createdAt, to: &$0) }
                writer.writeRaw("\",\"membership_id\":")
                memberships.ids.withUTF8(membership) { writer.writeString(utf8: $0) }
                writer.writeRaw(",")
            }
            writer.writeRaw("\"role_key\":")
            writer.writeString(roleKeys[Int(entry.roleKey)])
            writer.writeRaw("}}")
        }
    }
}
