#if canImport(Glibc)
    import Glibc
#endif

/// Many short strings (ids) laid end to end in one buffer. A million ids as `String`s cost a heap object
/// and reference counting each; here they cost their bytes, and sorting compares them with `memcmp`,
/// which is exactly code-point order for UTF-8.
package struct ByteStrings {
    package private(set) var bytes: [UInt8] = []
    /// `starts[i]..<starts[i + 1]` are the bytes of string `i`.
    package private(set) var starts: [Int] = [0]

    package init(reservingCapacity count: Int = 0, averageLength: Int = 0) {
        bytes.reserveCapacity(count * averageLength)
        starts.reserveCapacity(count + 1)
    }

    package var count: Int { starts.count - 1 }

    package mutating func append(_ string: String) {
        appendPart(string)
        finishString()
    }

    /// Builds a string from parts without making a `String` of it: parts, then `finishString()`.
    package mutating func appendPart(_ part: String) {
        var part = part
        part.withUTF8 { bytes.append(contentsOf: $0) }
    }

    package mutating func finishString() {
        starts.append(bytes.count)
    }

    package mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
    }

    package func range(_ index: Int) -> Range<Int> { starts[index]..<starts[index + 1] }

    package func string(_ index: Int) -> String { String(decoding: bytes[range(index)], as: UTF8.self) }

    /// `body` gets the bytes of string `index`.
    package func withUTF8<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = range(index)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    package func equal(_ left: Int, _ right: Int) -> Bool {
        compare(left, right) == 0
    }

    package func compare(_ left: Int, _ right: Int) -> Int32 {
        bytes.withUnsafeBufferPointer { compare(left, right, in: $0.baseAddress) }
    }

    private func compare(_ left: Int, _ right: Int, in base: UnsafePointer<UInt8>?) -> Int32 {
        let leftLength = starts[left + 1] - starts[left]
        let rightLength = starts[right + 1] - starts[right]
        let common = min(leftLength, rightLength)
        if common > 0, let base {
            let order = memcmp(base + starts[left], base + starts[right], common)
            if order != 0 { return order }
        }
        return leftLength == rightLength ? 0 : (leftLength < rightLength ? -1 : 1)
    }

    /// `indices` (all strings by default) in code-point order of their strings; equal strings ordered by
    /// `tiebreak` (ascending), then by index, so the result never depends on the sort algorithm.
    package func sortedIndices(_ indices: [Int]? = nil, tiebreak: [UInt64]? = nil) -> [Int] {
        var order = indices ?? Array(0..<count)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress
            order.sort { left, right in
                let byBytes = compare(left, right, in: base)
                if byBytes != 0 { return byBytes < 0 }
                if let tiebreak, tiebreak[left] != tiebreak[right] { return tiebreak[left] < tiebreak[right] }
                return left < right
            }
        }
        return order
    }
}
