/// The keys of the objects being read, innermost object last, so that a key repeated within one object is
/// refused: RFC 8259 leaves such an object's meaning to the reader, and two readers (or a reader and a
/// person) that pick different members is how a hostile page or snapshot hides a value.
///
/// Objects are small (a Clerk object has a few dozen keys), so a key is compared with the keys of its own
/// object by a cheap hash and, on a hash match, byte for byte. Past `linearLimit` keys an object switches to
/// a hash set of the key bytes, so that a hostile object of a hundred thousand keys costs linear time, not
/// quadratic. Keys are noted by their place in the input; a key written with escapes is noted decoded, in
/// `spill`, because `"a"` and `"\u0061"` are the same key.
public struct JSONKeyLedger {
    public struct Entry {
        @usableFromInline var hash: UInt64
        @usableFromInline var start: Int
        @usableFromInline var count: Int
        @usableFromInline var spilled: Bool

        @inlinable init(hash: UInt64, start: Int, count: Int, spilled: Bool) {
            self.hash = hash
            self.start = start
            self.count = count
            self.spilled = spilled
        }
    }

    /// One open object: where its keys start in the ledger, and its key set once it outgrew the list.
    public struct Scope {
        @usableFromInline let entryBase: Int
        @usableFromInline let spillBase: Int
        @usableFromInline var large: Set<[UInt8]>?

        @inlinable init(entryBase: Int, spillBase: Int) {
            self.entryBase = entryBase
            self.spillBase = spillBase
        }
    }

    @usableFromInline static let linearLimit = 32

    @usableFromInline var entries: [Entry] = []
    @usableFromInline var spill: [UInt8] = []

    @inlinable public init() {}

    @inlinable public func open() -> Scope {
        Scope(entryBase: entries.count, spillBase: spill.count)
    }

    @inlinable public mutating func close(_ scope: Scope) {
        entries.removeSubrange(scope.entryBase...)
        spill.removeSubrange(scope.spillBase...)
    }

    /// Notes the key whose bytes, as written and with no escapes, are `range` of `bytes`; false when the
    /// object already has it.
    @inline(__always) @inlinable
    public mutating func insert(raw range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, in scope: inout Scope) -> Bool {
        let key = UnsafeBufferPointer(rebasing: bytes[range])
        return insert(key, Entry(hash: Self.hash(key), start: range.lowerBound, count: range.count, spilled: false), bytes, &scope)
    }

    /// Notes a key that was written with escapes, by its decoded text.
    public mutating func insert(decoded key: String, of bytes: UnsafeBufferPointer<UInt8>, in scope: inout Scope) -> Bool {
        let start = spill.count
        spill.append(contentsOf: key.utf8)
        let entry = spill.withUnsafeBufferPointer { all in
            Entry(hash: Self.hash(UnsafeBufferPointer(rebasing: all[start...])), start: start, count: all.count - start, spilled: true)
        }
        let copy = Array(spill[start...])
        let inserted = copy.withUnsafeBufferPointer { insert($0, entry, bytes, &scope) }
        if !inserted { spill.removeSubrange(start...) }
        return inserted
    }

    @inlinable
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>, _ scope: inout Scope) -> Bool {
        if scope.large != nil {
            return scope.large!.insert(Array(key)).inserted
        }
        for index in scope.entryBase..<entries.count {
            let other = entries[index]
            guard other.hash == entry.hash, other.count == entry.count else { continue }
            if other.spilled {
                let same = spill.withUnsafeBufferPointer { $0[other.start..<other.start + other.count].elementsEqual(key) }
                if same { return false }
            } else if bytes[other.start..<other.start + other.count].elementsEqual(key) {
                return false
            }
        }
        entries.append(entry)
        if entries.count - scope.entryBase == Self.linearLimit {
            var set = Set<[UInt8]>(minimumCapacity: Self.linearLimit * 2)
            for other in entries[scope.entryBase...] {
                set.insert(other.spilled ? Array(spill[other.start..<other.start + other.count]) : Array(bytes[other.start..<other.start + other.count]))
            }
            scope.large = set
        }
        return true
    }

    /// FNV-1a: a few cycles for a short key. Hostile collisions only make the exact comparison run, and
    /// only within the first `linearLimit` keys of an object.
    @inline(__always) @inlinable static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
