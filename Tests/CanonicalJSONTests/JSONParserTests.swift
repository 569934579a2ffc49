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
