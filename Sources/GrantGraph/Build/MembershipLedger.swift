/// Every membership read, in a compact form: the graph needs a membership's id, its user, organization
/// and role key, and when it was created. Users, organizations and role keys are numbers from the
/// builder's interners, and the ids sit in one buffer, so 300,000 memberships take about 20 MB instead of
/// the several hundred their decoded pages held.
struct MembershipLedger {
    struct Entry {
        var organization: Int32
        var user: Int32
        var roleKey: Int32
        var createdAt: Int64
        /// Where it was in the listing (`PagePosition.order(ofItem:)`): of repeats, the first is kept.
        var order: UInt64
    }

    private(set) var ids = ByteStrings()
    private(set) var entries: [Entry] = []

    var count: Int { entries.count }

    mutating func append(id: String, _ entry: Entry) {
        ids.append(id)
        entries.append(entry)
    }

    /// Indices of the memberships to keep, in id order, and the ids that were returned more than once
    /// with how often: paging over a list that changes can return a membership twice.
    func unique() -> (kept: [Int], repeated: [(id: String, count: Int)]) {
        let order = ids.sortedIndices(tiebreak: entries.map(\.order))
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        var repeated: [(id: String, count: Int)] = []
        var runStart = 0
        for position in order.indices {
            if position > 0, ids.equal(order[position], order[position - 1]) { continue }
            if position - runStart > 1 { repeated.append((ids.string(order[runStart]), position - runStart)) }
            runStart = position
            kept.append(order[position])
        }
        if order.count - runStart > 1 { repeated.append((ids.string(order[runStart]), order.count - runStart)) }
        return (kept, repeated)
    }
}
