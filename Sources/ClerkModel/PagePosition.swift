/// Where a page sits in the listing it came from. Pages are fetched in parallel and reach the graph builder
/// in any order; its "the first one wins" rules for objects returned twice must not depend on that order,
/// so they compare positions instead of arrival.
public struct PagePosition: Sendable, Hashable, Comparable {
    /// 0 for an instance-wide list; 1 + the organization's index for a per-organization membership list.
    public var list: Int
    /// The offset of the page's first object in its list.
    public var offset: Int

    public init(list: Int = 0, offset: Int) {
        self.list = list
        self.offset = offset
    }

    public static func < (left: PagePosition, right: PagePosition) -> Bool {
        (left.list, left.offset) < (right.list, right.offset)
    }

    /// The position of the page's `index`-th object as one integer, ordered as (list, offset + index):
    /// compact enough to keep beside each of a million objects. 24 bits of list, 40 bits of offset.
    public func order(ofItem index: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: list) << 40 | UInt64(truncatingIfNeeded: offset + index) & (1 << 40 - 1)
    }
}
