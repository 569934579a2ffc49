/// The keys of the objects being read, innermost object last, so that a key repeated within one object is
/// refused: RFC 8259 leaves such an object's meaning to the reader, and two readers (or a reader and a
/// person) that pick different members is how a hostile page or snapshot hides a value.
///
/// This runs for every key of every page, so a key costs a few instructions: a tag made of its length and
/// its first and last eight bytes, and one bit of that tag in a 64-bit filter per object. Only when the
/// filter bit is already set are the object's earlier tags compared, and only equal tags compare bytes
/// (in place, without copying). Past `linearLimit` keys (far more than any Clerk object has: a user has
/// 44) an object switches to a hash set of the key bytes, so that a hostile object of a hundred thousand
/// keys costs linear time, not quadratic. Keys are noted by their place in the input; a
/// key written with escapes is noted decoded, in `spill`, because `"a"` and `"\u0061"` are the same key.
public struct JSONKeyLedger {
    public struct Entry {
        @usableFromInline var tag: UInt64
        @usableFromInline var start: Int
        /// Negative for a key in `spill`.
        @usableFromInline var count: Int

        @inlinable init(tag: UInt64, start: Int, count: Int, spilled: Bool) {
            self.tag = tag
            self.start = start
            self.count = spilled ? -count : count
        }
    }

    /// One open object: where its keys start in the ledger, its filter, and its key set once it outgrew
    /// the list.
    public struct Scope {
        @usableFromInline let entryBase: Int
        @usableFromInline let spillBase: Int
        @usableFromInline var filter: UInt64 = 0
        @usableFromInline var large: Set<[UInt8]>?

        @inlinable init(entryBase: Int, spillBase: Int) {
            self.entryBase = entryBase
            self.spillBase = spillBase
        }
    }

    @usableFromInline static let linearLimit = 128

    @usableFromInline var entries: [Entry] = []
    @usableFromInline var spill: [UInt8] = []

    @inlinable public init() {}

    @inline(__always) @inlinable public func open() -> Scope {
        Scope(entryBase: entries.count, spillBase: spill.count)
    }

    @inline(__always) @inlinable public mutating func close(_ scope: Scope) {
        if entries.count > scope.entryBase { entries.removeLast(entries.count - scope.entryBase) }
        if spill.count > scope.spillBase { spill.removeLast(spill.count - scope.spillBase) }
    }

    /// Notes the key whose bytes, as written and with no escapes, are `range` of `bytes`; false when the
    /// object already has it.
    @inline(__always) @inlinable
    public mutating func insert(raw range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, in scope: inout Scope) -> Bool {
        let key = UnsafeBufferPointer(rebasing: bytes[range])
        let tag = Self.tag(key)
        let bit: UInt64 = 1 << (tag & 63)
        if scope.filter & bit == 0, scope.large == nil, entries.count - scope.entryBase < Self.linearLimit - 1 {
            scope.filter |= bit
            entries.append(Entry(tag: tag, start: range.lowerBound, count: range.count, spilled: false))
            return true
        }
        scope.filter |= bit
        return insertSlowly(key, Entry(tag: tag, start: range.lowerBound, count: range.count, spilled: false), bytes, &scope)
    }

    /// Notes a key that was written with escapes, by its decoded text.
    public mutating func insert(decoded key: String, of bytes: UnsafeBufferPointer<UInt8>, in scope: inout Scope) -> Bool {
        let text = Array(key.utf8)
        let start = spill.count
        return text.withUnsafeBufferPointer { key in
            let tag = Self.tag(key)
            scope.filter |= 1 << (tag & 63)
            guard insertSlowly(key, Entry(tag: tag, start: start, count: key.count, spilled: true), bytes, &scope) else { return false }
            spill.append(contentsOf: key)
            return true
        }
    }

    @usableFromInline
    mutating func insertSlowly(_ key: UnsafeBufferPointer<UInt8>, _ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>, _ scope: inout Scope) -> Bool {
        if scope.large != nil {
            return scope.large!.insert(Array(key)).inserted
        }
        for index in scope.entryBase..<entries.count where entries[index].tag == entry.tag && isKey(entries[index], key, bytes) {
            return false
        }
        entries.append(entry)
        if entries.count - scope.entryBase >= Self.linearLimit {
            var set = Set<[UInt8]>(minimumCapacity: Self.linearLimit * 2)
            for other in entries[scope.entryBase...] { set.insert(keyBytes(other, bytes)) }
            scope.large = set
        }
        return true
    }

    /// Whether `entry` is `key`, compared where the entry's bytes lie.
    private func isKey(_ entry: Entry, _ key: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = entry.count < 0 ? -entry.count : entry.count
        guard count == key.count else { return false }
        if entry.count < 0 { return spill[entry.start..<entry.start + count].elementsEqual(key) }
        return UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.start + count]).elementsEqual(key)
    }

    private func keyBytes(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        entry.count < 0 ? Array(spill[entry.start..<entry.start - entry.count]) : Array(bytes[entry.start..<entry.start + entry.count])
    }

    /// The length and the first and last eight bytes (fewer for a short key). Keys with the same tag are
    /// compared byte for byte, so a collision costs time, never a wrong answer.
    @inline(__always) @inlinable static func tag(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = key.count
        guard let base = key.baseAddress, count > 0 else { return 0 }
        var head: UInt64
        var tail: UInt64
        if count >= 8 {
            head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            tail = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
        } else {
            head = 0
            for index in 0..<count { head = head << 8 | UInt64(base[index]) }
            tail = 0
        }
        // Mixed so that the filter bit (the low six bits) depends on every byte of the tag.
        let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        return mixed ^ (mixed >> 29) ^ (mixed >> 47)
    }
}
