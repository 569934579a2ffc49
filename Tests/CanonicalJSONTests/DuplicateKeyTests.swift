import CanonicalJSON
import Foundation
import Testing

/// A key repeated within one object is refused by every reader, wherever the object is: kept or skipped
/// by a selective parse, streamed or not, at the top or nested, spelled alike or only decoding alike.
@Suite struct DuplicateKeyTests {
    static let filter = JSONKeyFilter(["id", "data"])

    static func everyParse(_ text: String) -> [Result<Void, JSONParseError>] {
        let data = Data(text.utf8)
        return [
            Result { () throws(JSONParseError) in _ = try JSONParser.parse(data) },
            Result { () throws(JSONParseError) in _ = try JSONParser.parse(data, keeping: filter) },
            Result { () throws(JSONParseError) in try JSONParser.streamObject(data, streaming: ["data"]) { _ in } },
        ]
    }

    @Test(arguments: [
        (#"{"id":1,"id":2}"#, 8),  // kept
        (#"{"a":1,"a":2}"#, 7),  // skipped by the selective parse
        (#"{"data":[{"x":{"b":1,"c":2,"b":3}}]}"#, 27),  // inside a skipped value, streamed element
        (#"{"a":1,"\u0061":2}"#, 7),  // the same key spelled with an escape
        (#"{"é":1,"\u00e9":2}"#, 8),  // non-ASCII, raw and escaped
        (#"{"id":{"id":1},"data":[],"id":3}"#, 25),
    ])
    func repeatedKeysAreRefusedByEveryParse(text: String, offset: Int) {
        for result in Self.everyParse(text) {
            #expect(throws: JSONParseError(.duplicateKey, at: offset)) { try result.get() }
        }
        #expect(!JSONCursorTests.skips(text))
    }

    @Test(arguments: [
        #"{"id":1,"ID":2,"i d":3}"#,
        #"{"a":{"a":{"a":1}},"b":{"a":2}}"#,
        #"[{"id":1},{"id":2}]"#,
        #"{"":1,"\u0000":2}"#,
    ])
    func equalKeysInDifferentObjectsAreFine(text: String) throws {
        // The streaming reader takes objects only, so a top-level array is read by the other two.
        let parses = text.hasPrefix("{") ? Self.everyParse(text) : Array(Self.everyParse(text).prefix(2))
        for result in parses {
            #expect(throws: Never.self) { try result.get() }
        }
    }

    /// Objects up to 128 keys are checked by tags, larger ones by a set: a repeat is still found at any
    /// position either way, and a large object of distinct keys is read in linear time.
    @Test(arguments: [40, 127, 128, 129, 5_000])
    func largeObjectsAreCheckedWholly(count: Int) throws {
        let members = (0..<count).map { #""key\#($0)":\#($0)"# }
        let distinct = "{" + members.joined(separator: ",") + "}"
        for result in Self.everyParse(distinct) { try result.get() }
        #expect(JSONCursorTests.skips(distinct))
        for repeated in [0, 31, count / 2, count - 1] {
            let text = "{" + (members + [#""key\#(repeated)":0"#]).joined(separator: ",") + "}"
            let offset = text.utf8.count - #""key\#(repeated)":0}"#.utf8.count
            for result in Self.everyParse(text) {
                #expect(throws: JSONParseError(.duplicateKey, at: offset)) { try result.get() }
            }
            #expect(!JSONCursorTests.skips(text))
        }
    }

    @Test func quotedValuesAreBoundedAndPrintable() {
        #expect(JSONFieldError.quoted("user_1") == #""user_1""#)
        #expect(JSONFieldError.quoted("a\"b\\c\n\u{1B}é") == #""a\u{22}b\u{5C}c\u{A}\u{1B}\u{E9}""#)
        #expect(JSONFieldError.quoted(String(repeating: "x", count: 50), limit: 4) == #""xxxx"... (50 bytes)"#)
        #expect(JSONFieldError.quoted(String(repeating: "x", count: 4), limit: 4) == #""xxxx""#)
    }
}
