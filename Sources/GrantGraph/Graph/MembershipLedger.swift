import SnapshotFormat

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

    /// Indices of the memberships to keep (of repeats, the first listed), and the ids that were returned
    /// more than once with how often: paging over a list that changes can return a membership twice.
    /// An open-addressing table over the ids' bytes: no `String` per id, and linear time.
    func unique() -> (kept: [Int], repeated: [(id: String, count: Int)]) {
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var repeats: [Int: Int] = [:]
        ids.bytes.withUnsafeBytes { bytes in
            for index in 0..<count {
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes[ids.range(index)]))
                var slot = hasher.finalize() & mask
                while slots[slot] >= 0, !ids.equal(Int(slots[slot]), index) { slot = (slot + 1) & mask }
                if slots[slot] < 0 {
                    slots[slot] = Int32(index)
                    continue
                }
                repeats[slot, default: 1] += 1
                if entries[index].order < entries[Int(slots[slot])].order { slots[slot] = Int32(index) }
            }
        }
        let kept = slots.compactMap { $0 < 0 ? nil : Int($0) }.sorted()
        return (kept, repeats.map { (ids.string(Int(slots[$0.key])), $0.value) })
    }
}
