/// Positions of a record list by id bytes: the look-ups that check a snapshot's references, a million of
/// them, hash a few bytes each instead of building and hashing a `String` per id. Keys must be unique
/// (the indexer checks ids are strictly increasing before building one).
package struct SpanTable: Sendable {
    /// Each slot holds a key's position plus one (0: empty) in the low half and its hash's high half above,
    /// so most probes that miss are told apart without reading the key's bytes.
    private var slots: [UInt64]
    private let mask: Int

    package init(count: Int, bytes: UnsafeBufferPointer<UInt8>, key: (Int) -> ByteSpan) {
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: 0, count: capacity)
        for position in 0..<count {
            let hash = Self.hash(bytes[key(position)])
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(position + 1)
        }
    }

    /// The position whose key has the bytes of `probe`; `bytes` is the buffer the keys were taken from.
    package func find(_ probe: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, key: (Int) -> ByteSpan) -> Int? {
        let hash = Self.hash(probe)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let position = Int(entry & 0xFFFF_FFFF) - 1
                let span = key(position)
                if Int(span.count) == probe.count, probe.count == 0 || memcmp(bytes.baseAddress! + Int(span.start), probe.baseAddress!, probe.count) == 0 {
                    return position
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Eight bytes at a time with multiply-and-shift mixing: ids are ASCII with long shared prefixes, so
    /// every word must reach every bit of the result.
    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
