/// Memberships of an `AccessIndex` in report order (organization id, then admins first, role key, user
/// name, user id), made into `Membership` values only as they are read: the index keeps a few integers per
/// membership, so three hundred thousand of them cost megabytes, not the strings of each.
public struct MembershipList: RandomAccessCollection, Sendable {
    let index: AccessIndex
    let rows: Range<Int>

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> Membership {
        precondition(position >= 0 && position < rows.count, "membership position out of range")
        return index.membership(row: rows.lowerBound + position)
    }

    /// How many of them make their user an organization admin, without making a `Membership` of each.
    public var adminCount: Int { index.adminCount(rows: rows) }
}
