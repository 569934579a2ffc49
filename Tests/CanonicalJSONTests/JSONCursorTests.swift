import CanonicalJSON
import Foundation
import GoldenFiles
import Testing

/// The snapshot indexer's tokenizer: whatever it accepts, `JSONParser` accepts.
@Suite struct JSONCursorTests {
    static func special(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte > 0x7F
    }

    @Test func theWordTestFindsEverySpecialByteAtEveryPosition() {
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = byte
                // A special byte before an ordinary one can disturb the bits after it, never the answer.
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(JSONCursor.holdsSpecialByte(word) == Self.special(byte), "byte \(byte) at \(position)")
            }
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let word = random.next() & 0x7F7F_7F7F_7F7F_7F7F | (random.next(below: 4) == 0 ? 0x80 : 0)
            let bytes = withUnsafeBytes(of: word) { Array($0) }
            #expect(JSONCursor.holdsSpecialByte(word) == bytes.contains(where: Self.special))
        }
    }

    /// One value, read whole by the cursor: true when it reached the end of the text.
    static func skips(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            guard cursor.skipValue(depth: 0) else { return false }
            cursor.skipWhitespace()
            return cursor.atEnd
        }
    }

    @Test(arguments: [
        #"{"a":[1,-2,0,true,false,null,"x"],"b":{}}"#, #" [ ] "#, #""plain ascii text, long enough for words""#,
        #""quote \" backslash \\ slash \/ \b\f\n\r\t""#, #""\u00e9\u0007\uD83D\uDE00""#, "\"zoë 😀 ünal\"",
        "-0", "123456789012345678",
    ])
    func acceptedTextsParse(text: String) throws {
        #expect(Self.skips(text))
        _ = try JSONParser.parse(text)
    }

    @Test(arguments: [
        // Not JSON.
        #"{"a" 1}"#, #"[1,]"#, #"{"a":1,}"#, "01", "-", #""\x""#, #""\u12""#, #""\uDC00""#, #""\uD800x""#,
        #""\uD800\u0041""#, "\"tab\there\"", "\"unterminated", "nul", "[1 2]",
        // JSON the cursor leaves to `JSONParser`.
        "1.5", "1e3", "1234567890123456789",
    ])
    func otherTextsAreRefused(text: String) {
        #expect(!Self.skips(text))
    }

    @Test func invalidUTF8IsRefusedAsTheParserRefusesIt() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22]] {
            let accepted = bytes.withUnsafeBufferPointer { buffer in
                var cursor = JSONCursor(buffer)
                return cursor.string() != nil
            }
            #expect(!accepted)
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test func deepNestingIsLeftToTheParser() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(!Self.skips(deep))
        _ = try JSONParser.parse(deep)
    }
}
