/// Writes JSON canonically: object keys in code-point order, no insignificant white space inside a value,
/// integers in plain decimal, strings escaped minimally (only `"`, `\` and control characters). The same
/// value always yields the same bytes, which is what makes snapshot digests and golden files stable.
public struct CanonicalJSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.write(value)
        return writer.bytes
    }

    /// Canonical JSON laid out for people: every object member and array element on its own line,
    /// indented by two spaces. Used for reports and schemas, not for digests.
    public static func encodePretty(_ value: JSONValue) -> [UInt8] {
        var writer = CanonicalJSONWriter()
        writer.writePretty(value, indent: 0)
        writer.writeRaw("\n")
        return writer.bytes
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }

    public mutating func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func writeRaw(_ byte: UInt8) {
        bytes.append(byte)
    }

    public mutating func writeBytes(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    public mutating func writeBytes(_ other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Lets a caller append text it formats itself (digits, a timestamp) without an intermediate `String`;
    /// the caller answers for it being valid at this point of the document.
    public mutating func appendRaw(_ body: (inout [UInt8]) -> Void) {
        body(&bytes)
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case .bool(let flag): writeRaw(flag ? "true" : "false")
        case .int(let number): writeInteger(number)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (position, member) in object.sortedMembers.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public mutating func writePretty(_ value: JSONValue, indent: Int) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            writeRaw("[\n")
            for (position, element) in elements.enumerated() {
                writeIndent(indent + 1)
                writePretty(element, indent: indent + 1)
                writeRaw(position + 1 < elements.count ? ",\n" : "\n")
            }
            writeIndent(indent)
            writeRaw("]")
        case .object(let object) where object.count > 0:
            writeRaw("{\n")
            let members = object.sortedMembers
            for (position, member) in members.enumerated() {
                writePrettyKey(member.key, indent: indent)
                writePretty(member.value, indent: indent + 1)
                writeRaw(position + 1 < members.count ? ",\n" : "\n")
            }
            writeIndent(indent)
            writeRaw("}")
        default:
            write(value)
        }
    }

    /// The start of a member's line in an object `writePretty` lays out at `indent`: the member's indent,
    /// its key and `: `. Also for writers that lay an object out member by member, without its tree.
    public mutating func writePrettyKey(_ key: String, indent: Int) {
        writeIndent(indent + 1)
        writeString(key)
        writeRaw(": ")
    }

    /// A member with a string value (nil: `null`), as `writePretty` lays it out at `indent`, followed by
    /// `,` unless it is the `last`.
    public mutating func writePrettyMember(_ key: String, _ value: String?, indent: Int, last: Bool = false) {
        writePrettyKey(key, indent: indent)
        if let value { writeString(value) } else { writeRaw("null") }
        writeRaw(last ? "\n" : ",\n")
    }

    public mutating func writeIndent(_ level: Int) {
        for _ in 0..<(level * 2) { bytes.append(UInt8(ascii: " ")) }
    }

    public mutating func writeInteger(_ number: Int64) {
        if number == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = number.magnitude
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        while magnitude > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func writeDouble(_ number: Double) {
        if number.rounded() == number, abs(number) < 9.0e15 {
            writeInteger(Int64(number))
        } else {
            // Swift prints the shortest representation that round-trips, which is stable across runs.
            writeRaw(number.description)
        }
    }

    public mutating func writeString(_ text: String) {
        var text = text
        text.withUTF8 { writeString(utf8: $0) }
    }

    /// A string given as its UTF-8 bytes, which the caller guarantees are valid UTF-8.
    public mutating func writeString(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        appendContent(utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// One string made of two and an ASCII byte between them, without joining them first.
    public mutating func writeString(
        utf8 first: UnsafeBufferPointer<UInt8>, separator: UInt8, utf8 second: UnsafeBufferPointer<UInt8>
    ) {
        bytes.append(UInt8(ascii: "\""))
        appendContent(first)
        appendEscaped(separator)
        appendContent(second)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether these UTF-8 bytes go inside a JSON string as they are: no `"`, `\\` or control character,
    /// the only bytes canonical JSON escapes.
    /// Inlinable so that callers in other modules (which check hundreds of thousands of ids at once) get a
    /// loop specialized to their collection, not the generic one through a witness table per byte.
    @inlinable
    public static func needsNoEscaping(_ utf8: some Sequence<UInt8>) -> Bool {
        !utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    private mutating func appendContent(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most strings need no escaping: copy them in one go and only walk byte by byte when needed.
        if Self.needsNoEscaping(utf8) {
            bytes.append(contentsOf: utf8)
        } else {
            for byte in utf8 { appendEscaped(byte) }
        }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        case 0x00..<0x20:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: Array("\\u00".utf8))
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }
}
