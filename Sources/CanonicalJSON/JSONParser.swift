import Foundation

/// A strict RFC 8259 JSON reader over raw bytes. Foundation's decoders run at a fraction of the speed the
/// export needs (hundreds of MB of page JSON); this reader is the one place that replaces a JSON library.
/// Stricter than RFC 8259 in one respect: a key repeated within one object is an error (`duplicateKey`),
/// in members it keeps and in members it skips alike.
public struct JSONParser {
    /// Deep enough for any Clerk object, shallow enough that hostile input cannot overflow the stack.
    static let maximumDepth = 512

    public static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = Reader(bytes: bytes)
            return Result { () throws(JSONParseError) in try reader.parseDocument() }
        }
        return try result.get()
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            return Result { () throws(JSONParseError) in try reader.parseDocument() }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Reads a document keeping only the object members (at any depth) whose key is in `keys`. The others
    /// are checked exactly as strictly but never built: a membership page spends most of its bytes and
    /// most of a tree's allocations on image URLs and metadata the graph never reads.
    public static func parse(_ data: Data, keeping keys: JSONKeyFilter) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self), keep: keys)
            return Result { () throws(JSONParseError) in try reader.parseDocument() }
        }
        return try result.get()
    }

    /// One step of `streamObject`: a member parsed whole, or one element of a streamed array member with
    /// the exact bytes it was read from (valid only during the call).
    public enum StreamEvent {
        case member(key: String, value: JSONValue)
        case arrayStart(key: String)
        case element(key: String, index: Int, value: JSONValue, raw: UnsafeBufferPointer<UInt8>)
        case arrayEnd(key: String)
    }

    /// Reads a top-level JSON object, handing over the elements of the array members named in `streaming`
    /// one at a time instead of building those arrays: a snapshot's grants can then be checked and
    /// dropped as they are read, so memory holds the decoded records, not a tree of the whole file.
    public static func streamObject(
        _ data: Data, streaming: Set<String>, _ handle: (StreamEvent) -> Void
    ) throws(JSONParseError) {
        let result: Result<Void, JSONParseError> = data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return Result { () throws(JSONParseError) in try reader.streamDocument(streaming: streaming, handle) }
        }
        try result.get()
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// When set, object members with other keys are skipped (checked, not built).
    var keep: JSONKeyFilter? = nil
    var index = 0
    var depth = 0
    /// The keys of the open objects, to refuse one repeated within an object.
    var ledger = JSONKeyLedger()

    init(bytes: UnsafeBufferPointer<UInt8>, keep: JSONKeyFilter? = nil) {
        self.bytes = bytes
        self.keep = keep
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingData, at: index) }
        return value
    }

    mutating func streamDocument(
        streaming: Set<String>, _ handle: (JSONParser.StreamEvent) -> Void
    ) throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        guard bytes[index] == UInt8(ascii: "{") else { throw JSONParseError(.unexpectedCharacter, at: index) }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            var scope = ledger.open()
            memberLoop: while true {
                let key = try parseMemberKey(noting: &scope)
                if streaming.contains(key), index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                    try streamArray(key: key, handle)
                } else {
                    handle(.member(key: key, value: try parseValue()))
                }
                if try endsAfterSeparator(UInt8(ascii: "}")) {
                    break memberLoop
                }
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingData, at: index) }
    }

    mutating func streamArray(key: String, _ handle: (JSONParser.StreamEvent) -> Void) throws(JSONParseError) {
        index += 1
        handle(.arrayStart(key: key))
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            handle(.arrayEnd(key: key))
            return
        }
        var position = 0
        while true {
            skipWhitespace()
            let start = index
            let value = try parseValue()
            handle(.element(key: key, index: position, value: value, raw: UnsafeBufferPointer(rebasing: bytes[start..<index])))
            position += 1
            if try endsAfterSeparator(UInt8(ascii: "]")) {
                handle(.arrayEnd(key: key))
                return
            }
        }
    }

    /// `"key":` and the white space after it, leaving the reader at the member's value; the key is noted in
    /// the object's `scope`, and a key the object already has is an error.
    @inline(__always)
    mutating func parseMemberKey(noting scope: inout JSONKeyLedger.Scope) throws(JSONParseError) -> String {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        guard bytes[index] == quote else { throw JSONParseError(.unexpectedCharacter, at: index) }
        let start = index
        let key = try parseString()
        try note(key: key, quotedAt: start, in: &scope)
        try consumeColon()
        return key
    }

    /// Notes the key whose opening quote is at `start` (the reader is just past its closing quote). `decoded`
    /// is its text when it was made into a `String`; escapes make the text shorter than the bytes.
    @inline(__always)
    mutating func note(key decoded: String?, quotedAt start: Int, in scope: inout JSONKeyLedger.Scope) throws(JSONParseError) {
        let raw = (start + 1)..<(index - 1)
        let inserted: Bool
        if let decoded, decoded.utf8.count != raw.count {
            inserted = ledger.insert(decoded: decoded, of: bytes, in: &scope)
        } else {
            inserted = ledger.insert(raw: raw, of: bytes, in: &scope)
        }
        if !inserted { throw JSONParseError(.duplicateKey, at: start) }
    }

    mutating func consumeColon() throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        guard bytes[index] == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedCharacter, at: index) }
        index += 1
        skipWhitespace()
    }

    /// With a key filter: consumes a member whose key is not kept (key, colon, and the value checked but
    /// not built) and returns true; leaves a kept member where it is and returns false.
    mutating func skipMemberUnlessKept(_ keep: JSONKeyFilter, noting scope: inout JSONKeyLedger.Scope) throws(JSONParseError) -> Bool {
        skipWhitespace()
        let start = index
        guard index < bytes.count, bytes[index] == quote else { return false }  // parseMemberKey reports it
        var end = index + 1
        while end < bytes.count, bytes[end] != quote, bytes[end] != backslash, bytes[end] >= 0x20, bytes[end] < 0x80 {
            end += 1
        }
        if end < bytes.count, bytes[end] == quote {
            if keep.contains(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])) { return false }
            index = end + 1
            try note(key: nil, quotedAt: start, in: &scope)
            try consumeColon()
        } else {
            // Escapes or non-ASCII: read the key properly (which checks it) and decide on the text. A kept
            // member is read again by the caller, which notes its key then.
            let key = try parseString()
            if keep.contains(key) {
                index = start
                return false
            }
            try note(key: key, quotedAt: start, in: &scope)
            try consumeColon()
        }
        try skipValue()
        return true
    }

    /// Checks a value as strictly as `parseValue` without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case quote: try skipString()
        case UInt8(ascii: "{"):
            try enter()
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return
            }
            var scope = ledger.open()
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
                guard bytes[index] == quote else { throw JSONParseError(.unexpectedCharacter, at: index) }
                let start = index
                let decoded = try skipString()
                try note(key: decoded, quotedAt: start, in: &scope)
                try consumeColon()
                try skipValue()
                if try endsAfterSeparator(UInt8(ascii: "}")) {
                    ledger.close(scope)
                    depth -= 1
                    return
                }
            }
        case UInt8(ascii: "["):
            try enter()
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipWhitespace()
                try skipValue()
                if try endsAfterSeparator(UInt8(ascii: "]")) {
                    depth -= 1
                    return
                }
            }
        default: _ = try parseValue()  // literals and numbers build nothing on the heap
        }
    }

    /// A string checked without making a `String` of it, except in the rare cases (escapes, non-ASCII
    /// text) where the full reader does the checking; that `String` is returned (nil when none was made).
    @discardableResult
    mutating func skipString() throws(JSONParseError) -> String? {
        let start = index
        var end = index + 1
        while end < bytes.count, bytes[end] != quote, bytes[end] != backslash, bytes[end] >= 0x20, bytes[end] < 0x80 {
            end += 1
        }
        if end < bytes.count, bytes[end] == quote {
            index = end + 1
            return nil
        }
        index = start
        return try parseString()
    }

    /// After a member or element: consumes `,` and returns false, or consumes `closer` and returns true.
    @inline(__always)
    mutating func endsAfterSeparator(_ closer: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case UInt8(ascii: ","):
            index += 1
            return false
        case closer:
            index += 1
            return true
        default: throw JSONParseError(.unexpectedCharacter, at: index)
        }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch bytes[index] {
        case quote: return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError(.unexpectedCharacter, at: index)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw JSONParseError(.unexpectedCharacter, at: index + offset)
        }
        index += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw JSONParseError(.tooDeep, at: index) }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        var scope = ledger.open()
        while true {
            if let keep, try skipMemberUnlessKept(keep, noting: &scope) {
                if try endsAfterSeparator(UInt8(ascii: "}")) {
                    ledger.close(scope)
                    depth -= 1
                    return .object(JSONObject(members))
                }
                continue
            }
            let key = try parseMemberKey(noting: &scope)
            let value = try parseValue()
            members.append((key: key, value: value))
            if try endsAfterSeparator(UInt8(ascii: "}")) {
                ledger.close(scope)
                depth -= 1
                return .object(JSONObject(members))
            }
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            if try endsAfterSeparator(UInt8(ascii: "]")) {
                depth -= 1
                return .array(elements)
            }
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var highBits: UInt8 = 0
        // Fast path: most strings are plain ASCII/UTF-8 without escapes and can be copied in one go.
        while index < bytes.count {
            let byte = bytes[index]
            highBits |= byte
            if byte == quote {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII needs no validation; only strings with multi-byte sequences go through the validator.
                if highBits & 0x80 == 0 { return String(decoding: slice, as: UTF8.self) }
                return try makeString(slice, at: start)
            }
            if byte == backslash { break }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
            index += 1
        }
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                return try buffer.withUnsafeBufferPointer { (slice) throws(JSONParseError) -> String in
                    try makeString(slice, at: start)
                }
            }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
            if byte != backslash {
                buffer.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            let escape = bytes[index]
            index += 1
            switch escape {
            case quote: buffer.append(quote)
            case backslash: buffer.append(backslash)
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape(into: &buffer)
            default: throw JSONParseError(.invalidEscape, at: index - 1)
            }
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    func makeString(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw JSONParseError(.invalidUTF8, at: offset)
        }
        return string
    }

    mutating func readHexQuad() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONParseError(.invalidEscape, at: index)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func appendUnicodeEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = index - 2
        var scalarValue = try readHexQuad()
        if (0xD800...0xDBFF).contains(scalarValue) {
            // A high surrogate must be followed by an escaped low surrogate to form one scalar.
            guard index + 6 <= bytes.count, bytes[index] == backslash, bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.invalidEscape, at: escapeStart)
            }
            index += 2
            let low = try readHexQuad()
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.invalidEscape, at: escapeStart) }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalarValue) {
            throw JSONParseError(.invalidEscape, at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw JSONParseError(.invalidEscape, at: escapeStart) }
        buffer.append(contentsOf: UTF8.encode(scalar)!)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        var magnitude: UInt64 = 0
        var overflow = false
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(bytes[index]) {
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                magnitude = sum
                index += 1
            }
        } else {
            throw JSONParseError(.invalidNumber, at: index)
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try consumeDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try consumeDigits()
        }
        if isInteger, !overflow, magnitude <= UInt64(Int64.max) {
            let value = Int64(magnitude)
            return .int(negative ? -value : value)
        }
        if isInteger, !overflow, negative, magnitude == UInt64(Int64.max) + 1 {
            return .int(Int64.min)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else { throw JSONParseError(.invalidNumber, at: start) }
        return .double(double)
    }

    mutating func consumeDigits() throws(JSONParseError) {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            index += 1
        }
        if index == start {
            throw index < bytes.count ? JSONParseError(.invalidNumber, at: index) : JSONParseError(.unexpectedEnd, at: index)
        }
    }
}
