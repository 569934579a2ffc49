#if canImport(Glibc)
    import Glibc
#endif
import SnapshotFormat

/// Numbers distinct strings 0, 1, 2, ... in order of first appearance. A membership refers to its user,
/// organization and role key by these numbers (4 bytes) instead of holding three more strings.
///
/// An export asks it a million times, so it is its own open-addressing table over the strings' bytes
/// rather than a `[String: Int32]`: a slot holds a number, each number its hash, and a look-up compares
/// hashes before it touches any string, where a dictionary of `String`s followed each key to its heap
/// object. The hash is the standard library's `Hasher`, seeded per process, so ids chosen to collide
/// cannot be prepared in advance.
struct IDInterner {
    private(set) var strings: [String] = []
    private var bytes = ByteStrings()
    private var hashes: [Int] = []
    /// Numbers by hash; -1 is empty. Its size is a power of two at least twice the count.
    private var slots = [Int32](repeating: -1, count: 16)

    subscript(number: Int32) -> String { strings[Int(number)] }

    /// The string's number if it was numbered, without numbering it.
    func existingNumber(_ string: String) -> Int32? {
        var string = string
        return string.withUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let slot = find(utf8, hash: hash)
            return slots[slot] < 0 ? nil : slots[slot]
        }
    }

    mutating func number(_ string: String) -> Int32 {
        var text = string
        return text.withUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let slot = find(utf8, hash: hash)
            if slots[slot] >= 0 { return slots[slot] }
            let number = Int32(strings.count)
            strings.append(string)
            bytes.append(utf8: utf8)
            hashes.append(hash)
            slots[slot] = number
            if strings.count * 2 > slots.count { grow() }
            return number
        }
    }

    /// The slot holding `utf8`'s number, or the empty slot where it belongs. The table is never more than
    /// half full, so the probe ends.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, hash: Int) -> Int {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let number = slots[slot]
            if number < 0 || (hashes[Int(number)] == hash && equals(Int(number), utf8)) { return slot }
            slot = (slot + 1) & mask
        }
    }

    private func equals(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = bytes.range(number)
        guard range.count == utf8.count else { return false }
        guard let other = utf8.baseAddress, !range.isEmpty else { return true }
        return bytes.bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.lowerBound, other, range.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }

    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(utf8))
        return hasher.finalize()
    }
}
