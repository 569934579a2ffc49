import CanonicalJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryValueKind() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2,3.5,1e2,true,false,null,"x\n\u00e9\ud83d\ude00"],"b":{}}"#)
        let object = try #require(value.objectValue)
        let array = try #require(object["a"]?.arrayValue)
        #expect(array == [.int(1), .int(-2), .double(3.5), .double(100), .bool(true), .bool(false), .null, .string("x\né😀")])
        #expect(object["b"] == .object(JSONObject()))
    }

    @Test(arguments: [
        (#"{"a":1"#, JSONParseError.Reason.unexpectedEnd),
        (#"{"a":1}x"#, .trailingData),
        (#"["\x"]"#, .invalidEscape),
        (#"[01]"#, .unexpectedCharacter),
        (#"[1.]"#, .invalidNumber),
        (#"{a:1}"#, .unexpectedCharacter),
        ("[\"a\u{01}\"]", .controlCharacterInString),
        (#"["\ud800"]"#, .invalidEscape),
        (#"[tru]"#, .unexpectedCharacter),
        ("", .unexpectedEnd),
    ])
    func rejectsMalformedInput(text: String, reason: JSONParseError.Reason) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.reason == reason, "\(text)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func refusesHostileNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.reason == .tooDeep)
        }
    }

    @Test func largeIntegersStayExact() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
        #expect(try JSONParser.parse("1731000000123") == .int(1_731_000_000_123))
    }
}

@Suite struct CanonicalJSONWriterTests {
    @Test func sortsKeysByCodePointAndEscapesMinimally() throws {
        let value = try JSONParser.parse(#"{"b":1,"a":{"z":"q\"\\\u0001/é","B":null},"A":[3,2]}"#)
        let text = String(decoding: CanonicalJSONWriter.encode(value), as: UTF8.self)
        #expect(text == #"{"A":[3,2],"a":{"B":null,"z":"q\"\\\u0001/é"},"b":1}"#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let original: JSONValue = ["key": ["nested": [1, 2, "three", nil, true]], "other": "line\nbreak\ttab"]
        let bytes = CanonicalJSONWriter.encode(original)
        #expect(try JSONParser.parse(bytes) == original)
        #expect(CanonicalJSONWriter.encode(try JSONParser.parse(bytes)) == bytes)
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func matchesFIPSVectors(message: String, digest: String) {
        #expect(SHA256.hexHash(message) == digest)
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let message = Array(String(repeating: "clerk-grants ", count: 1000).utf8)
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 5] where offset < message.count {
            let end = min(message.count, offset + size)
            hasher.update(Array(message[offset..<end]))
            offset = end
        }
        hasher.update(Array(message[offset...]))
        #expect(SHA256.hex(hasher.finalize()) == SHA256.hex(SHA256.hash(message)))
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        let mac = SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(SHA256.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
