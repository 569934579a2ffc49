/// Where a record or a field's value sits in a snapshot file's bytes. Thirty-two bit offsets keep the index
/// of a million grants small; `SnapshotIndexer` leaves larger files to the full reader.
package struct ByteSpan: Sendable, Equatable {
    package var start: UInt32
    package var count: UInt32

    package init(_ range: Range<Int>) {
        start = UInt32(truncatingIfNeeded: range.lowerBound)
        count = UInt32(truncatingIfNeeded: range.count)
    }

    package init(start: Int, count: Int) {
        self.init(start..<(start + count))
    }

    package var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }

    /// Stands for no span where an optional one would take more room: no file the index reads reaches
    /// this offset (it refuses files of `UInt32.max` bytes or more).
    package static let absent = ByteSpan(rawStart: .max, count: 0)

    /// Nil for `absent`, else the span.
    package var present: ByteSpan? { start == .max ? nil : self }

    private init(rawStart: UInt32, count: UInt32) {
        start = rawStart
        self.count = count
    }

    /// The first `length` bytes (`prefix`) or what follows them and one separator (`suffix`): the parts of a
    /// `<resource>:<slug>` or `<entitlement>:<principal>` id, whose lengths the indexer has checked.
    package func prefix(_ length: UInt32) -> ByteSpan { ByteSpan(start: Int(start), count: Int(length)) }
    package func suffix(after length: UInt32) -> ByteSpan { ByteSpan(start: Int(start + length + 1), count: Int(count - length - 1)) }
}

extension UnsafeBufferPointer<UInt8> {
    package subscript(span: ByteSpan) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: self[span.range]) }

    /// Equal bytes at two spans, possibly of two buffers.
    package func bytesEqual(_ span: ByteSpan, _ other: UnsafeBufferPointer<UInt8>, _ otherSpan: ByteSpan) -> Bool {
        span.count == otherSpan.count && (span.count == 0 || memcmp(baseAddress! + Int(span.start), other.baseAddress! + Int(otherSpan.start), Int(span.count)) == 0)
    }

    /// Code-point order of two spans' strings, possibly of two buffers: negative, zero or positive, as memcmp.
    package func compareBytes(_ span: ByteSpan, _ other: UnsafeBufferPointer<UInt8>, _ otherSpan: ByteSpan) -> Int {
        let common = Int(Swift.min(span.count, otherSpan.count))
        if common > 0 {
            let order = memcmp(baseAddress! + Int(span.start), other.baseAddress! + Int(otherSpan.start), common)
            if order != 0 { return Int(order) }
        }
        return Int(span.count) - Int(otherSpan.count)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
