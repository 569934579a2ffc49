import CanonicalJSON
import Foundation
import Testing

/// `JSONParser.parse(_:keeping:)` builds only the members it is asked for and checks the rest as strictly.
@Suite struct SelectiveParseTests {
    static let keys = JSONKeyFilter(["id", "data", "user", "name"])

    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(Data(text.utf8), keeping: keys)
    }

    @Test func keepsListedKeysAtEveryDepthAndDropsTheRest() throws {
        let text = #"""
            {"data":[{"id":"a","image_url":"https://x/y","user":{"name":"Ann","extra":{"deep":[1,{"x":null}]}},"meta":{}},
            {"i\u0064":"b","n\u00e4me":"skipped","tags":["t\"1","\u00e9"],"n":-1.5e3}],"total":2}
            """#
        let value = try Self.parse(text)
        let expected = try JSONParser.parse(#"{"data":[{"id":"a","user":{"name":"Ann"}},{"id":"b"}]}"#)
        #expect(value == expected)
    }

    /// Every kind of malformation inside a skipped member is still an error, with the same reason the full
    /// reader gives.
    @Test(arguments: [
        (#"{"skip":"\x"}"#, JSONParseError.Reason.invalidEscape),
        (#"{"skip":[01]}"#, .unexpectedCharacter),
        (#"{"skip":{"a":1.}}"#, .invalidNumber),
        (#"{"skip":{a:1}}"#, .unexpectedCharacter),
        ("{\"skip\":\"a\u{01}\"}", .controlCharacterInString),
        (#"{"skip":["\ud800"]}"#, .invalidEscape),
        (#"{"skip":[tru]}"#, .unexpectedCharacter),
        (#"{"skip":[1,]}"#, .unexpectedCharacter),
        (#"{"skip":{"a":1,}}"#, .unexpectedCharacter),
        (#"{"skip":{"a" 1}}"#, .unexpectedCharacter),
        (#"{"skip":[1,2"#, .unexpectedEnd),
        (#"{"sk\ip":1}"#, .invalidEscape),
    ])
    func rejectsMalformedSkippedValues(text: String, reason: JSONParseError.Reason) {
        do {
            _ = try Self.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason == reason, "\(text)")
        }
    }

    @Test func rejectsInvalidUTF8AndHostileNestingInSkippedValues() {
        var invalid = Array(#"{"skip":""#.utf8)
        invalid += [0xFF, 0x22, 0x7D]
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(invalid), keeping: Self.keys) }
        var invalidKey = Array(#"{""#.utf8)
        invalidKey += [0xC3, 0x22] + Array(#":1}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(invalidKey), keeping: Self.keys) }
        let deep = #"{"skip":"# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        do {
            _ = try Self.parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.reason == .tooDeep)
        }
    }
}
