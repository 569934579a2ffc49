/// A forward-only reader over JSON bytes (for the snapshot indexer): it checks syntax and reports where things
/// are, without building values. It reads a subset of JSON — numbers only as integers without fraction or
/// exponent (at most 18 digits), nesting at most 64 deep — and fails on anything else. Every
/// text it accepts, `JSONParser` accepts too, with the same meaning; when it fails, the caller hands the
/// file to `JSONParser`, which either reads it after all or says what is wrong.
///
/// Everything is `@inlinable` so that the compiler can inline it into the caller's loops, which run once
/// per byte of a file of hundreds of megabytes.
public struct JSONCursor {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var index = 0
    /// The keys of the open objects: a key repeated within an object fails the read, as `JSONParser` refuses it.
    public var keys = JSONKeyLedger()

    public static let maximumDepth = 64

    @inlinable public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    @inlinable public var atEnd: Bool { index == bytes.count }

    /// The next byte, or 0 at the end (0 is never valid there, so it needs no separate check).
    @inline(__always) @inlinable public var next: UInt8 { index < bytes.count ? bytes[index] : 0 }

    @inline(__always) @inlinable public mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` if it comes next, after any white space.
    @inline(__always) @inlinable public mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard next == byte else { return false }
        index += 1
        return true
    }

    /// After a member or element: true after `,` (another follows), false after `closer`, nil otherwise.
    @inline(__always) @inlinable public mutating func continues(before closer: UInt8) -> Bool? {
        skipWhitespace()
        switch next {
        case UInt8(ascii: ","):
            index += 1
            return true
        case closer:
            index += 1
            return false
        default: return nil
        }
    }

    /// A string at the cursor, after any white space: the bytes between its quotes, and whether they are its
    /// value as is (no escapes). Strings with bytes above 0x7F are checked to be UTF-8 as they stand: an
    /// escape is ASCII and stands for whole characters, so the raw bytes are valid exactly when the value is.
    @inline(__always) @inlinable public mutating func string() -> (range: Range<Int>, plain: Bool)? {
        skipWhitespace()
        guard next == UInt8(ascii: "\"") else { return nil }
        index += 1
        let start = index
        var plain = true
        var highBits: UInt8 = 0
        while true {
            skipOrdinaryBytes()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let range = start..<index
                index += 1
                if highBits & 0x80 != 0, String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) == nil {
                    return nil
                }
                return (range, plain)
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard unicodeEscape() else { return nil }
                default: return nil
                }
                plain = false
                continue
            }
            if byte < 0x20 { return nil }
            highBits |= byte
            index += 1
        }
    }

    /// Moves eight bytes at a time past string bytes that need no attention — ASCII other than `"`, `\` and
    /// control characters — stopping at the word holding the first that does. Ids and names are mostly
    /// such bytes, and this loop runs over most of a snapshot file.
    @inline(__always) @inlinable public mutating func skipOrdinaryBytes() {
        guard let base = bytes.baseAddress else { return }
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if Self.holdsSpecialByte(word) { return }
            index += 8
        }
    }

    /// Whether any byte of `word` is `"`, `\`, below 0x20 or above 0x7F. The zero-byte tests may misreport
    /// bytes after a true hit, but never report one without a true hit, so the answer is exact.
    @inline(__always) @inlinable public static func holdsSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let belowSpace = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | belowSpace | word) & highs != 0
    }

    /// `\uXXXX` at the cursor, by `JSONParser`'s rules: a high surrogate must be followed by an escaped low
    /// one, and a low surrogate must not stand alone.
    @inlinable public mutating func unicodeEscape() -> Bool {
        index += 2
        guard let value = hexQuad() else { return false }
        switch value {
        case 0xD800...0xDBFF:
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return false }
            index += 2
            guard let low = hexQuad(), (0xDC00...0xDFFF).contains(low) else { return false }
            return true
        case 0xDC00...0xDFFF: return false
        default: return true
        }
    }

    @inlinable public mutating func hexQuad() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A string whose bytes are its value: ids and names the indexer compares byte for byte.
    @inline(__always) @inlinable public mutating func plainString() -> Range<Int>? {
        guard let string = string(), string.plain else { return nil }
        return string.range
    }

    /// A member's key, which the indexer matches by its bytes, and the `:` after it.
    @inline(__always) @inlinable public mutating func key() -> Range<Int>? {
        guard let key = plainString(), take(UInt8(ascii: ":")) else { return nil }
        return key
    }

    /// A string, or null (nil range); any other value fails.
    @inline(__always) @inlinable public mutating func optionalString() -> (range: Range<Int>?, plain: Bool)? {
        skipWhitespace()
        if next == UInt8(ascii: "n") { return literal("null") ? (nil, true) : nil }
        return string().map { ($0.range, $0.plain) }
    }

    /// The members of the object at the cursor, each handed to `member` with its key's bytes; `member` reads
    /// the value and returns false to fail the whole read.
    @inline(__always) @inlinable public mutating func members(_ member: (inout JSONCursor, Range<Int>) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        var scope = keys.open()
        while true {
            guard let key = key(), note(key: key, in: &scope), member(&self, key) else { return false }
            guard let more = continues(before: UInt8(ascii: "}")) else { return false }
            if !more {
                keys.close(scope)
                return true
            }
        }
    }

    /// The elements of the array at the cursor, each read by `element`, which returns false to fail the
    /// whole read.
    @inline(__always) @inlinable public mutating func elements(_ element: (inout JSONCursor) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self), let more = continues(before: UInt8(ascii: "]")) else { return false }
            if !more { return true }
        }
    }

    /// Notes a plain key of the object `scope` stands for; false when the object already has it.
    @inline(__always) @inlinable public mutating func note(key: Range<Int>, in scope: inout JSONKeyLedger.Scope) -> Bool {
        keys.insert(raw: key, of: bytes, in: &scope)
    }

    /// Whether the value at the cursor starts with `byte`, without moving past it.
    @inline(__always) @inlinable public mutating func peek(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return next == byte
    }

    @inline(__always) @inlinable public func key(_ key: Range<Int>, is name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress! + key.lowerBound, name.utf8Start, key.count) == 0
    }

    /// A plain string's value.
    @inlinable public func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Moves past one value of any type, checking it. `depth` counts the containers it is in.
    @inlinable public mutating func skipValue(depth: Int) -> Bool {
        skipWhitespace()
        switch next {
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            if take(UInt8(ascii: "}")) { return true }
            var scope = keys.open()
            while true {
                // Escaped keys are left to `JSONParser`: only a plain key's bytes are its text.
                guard let key = plainString(), note(key: key, in: &scope), take(UInt8(ascii: ":")), skipValue(depth: depth + 1) else {
                    return false
                }
                guard let more = continues(before: UInt8(ascii: "}")) else { return false }
                if !more {
                    keys.close(scope)
                    return true
                }
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { return false }
            index += 1
            if take(UInt8(ascii: "]")) { return true }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                guard let more = continues(before: UInt8(ascii: "]")) else { return false }
                if !more { return true }
            }
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
        default: return false
        }
    }

    @inlinable public mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)` of at most 18 digits, so it fits `Int64` as `JSONParser` reads it; a fraction or an
    /// exponent fails (`JSONParser` reads those as doubles, with rules of its own).
    @inlinable public mutating func integer() -> Bool {
        if next == UInt8(ascii: "-") { index += 1 }
        let start = index
        if next == UInt8(ascii: "0") {
            index += 1
        } else {
            while (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { index += 1 }
        }
        guard index > start, index - start <= 18 else { return false }
        switch next {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return false
        default: return true
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
