#if canImport(Glibc)
    import Glibc
#endif
import SnapshotFormat

/// Numbers distinct strings 0, 1, 2, ... in order of first appearance. A membership refers to its user,
/// organization and role key by these numbers (4 bytes) instead of holding three more strings.
///
/// An export asks it a million times, so it is its own open-addressing table over the strings' bytes
/// rather than a `[String: Int32]`: each slot holds a number with 32 bits of its string's hash, so a probe
/// compares hashes in the slot it already read and touches a string's bytes only when they match, where a
/// dictionary of `String`s followed each key to its heap object. The hash is the standard library's
/// `Hasher`, seeded per process, so ids chosen to collide cannot be prepared in advance.
struct IDInterner {
    private(set) var strings: [String] = []
    private var bytes = ByteStrings()
    /// `hash << 32 | (number + 1)`; 0 is empty. The count of slots is a power of two at least twice the
    /// count of strings, so a probe always ends.
    private var slots = [UInt64](repeating: 0, count: 16)

    subscript(number: Int32) -> String { strings[Int(number)] }

    /// The string's number if it was numbered, without numbering it.
    func existingNumber(_ string: String) -> Int32? {
        var string = string
        return string.withUTF8 { utf8 in
            let slot = find(utf8, hash: Self.hash(utf8))
            return slots[slot] == 0 ? nil : Self.number(in: slots[slot])
        }
    }

    mutating func number(_ string: String) -> Int32 {
        var text = string
        return text.withUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let slot = find(utf8, hash: hash)
            if slots[slot] != 0 { return Self.number(in: slots[slot]) }
            let number = Int32(strings.count)
            strings.append(string)
            bytes.append(utf8: utf8)
            slots[slot] = UInt64(hash) << 32 | UInt64(number + 1)
            if strings.count * 2 > slots.count { grow() }
            return number
        }
    }

    /// The slot holding `utf8`'s number, or the empty slot where it belongs.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 || (UInt32(entry >> 32) == hash && equals(Int(Self.number(in: entry)), utf8)) { return slot }
            slot = (slot + 1) & mask
        }
    }

    private func equals(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = bytes.range(number)
        guard range.count == utf8.count else { return false }
        guard let other = utf8.baseAddress, !range.isEmpty else { return true }
        return bytes.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.lowerBound, other, range.count) == 0 }
    }

    /// Twice the slots, each entry placed again by the hash bits it carries.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(UInt32(entry >> 32)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    private static func number(in entry: UInt64) -> Int32 { Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }

    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(utf8))
        return UInt32(truncatingIfNeeded: hasher.finalize())
    }
}
