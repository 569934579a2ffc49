import CanonicalJSON
import OutputEscaping
import Testing

/// Each escaper on exact hostile values, and on a thousand random strings from a hostile alphabet: the
/// output never carries what the format acts on, and where the form is reversible it round-trips.
@Suite("Output escaping")
struct OutputEscapingTests {
    static let samples = HostileAlphabet.strings(count: 1000, seed: 0x11)

    func hasUnsafeScalar(_ text: String) -> Bool { text.unicodeScalars.contains(where: UnsafeScalars.contains) }

    @Test func theUnsafeClassIsExactlyTheDocumentedRanges() {
        let members = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(UnsafeScalars.contains).map(\.value)
        let expected: [UInt32] = Array(0...0x1F) + Array(0x7F...0x9F) + [0x61C, 0x200E, 0x200F] + Array(0x2028...0x202E) + Array(0x2066...0x2069)
        #expect(members == expected)
        #expect(UnsafeScalars.escaped("\u{1B}") == "\\u{1B}")
        #expect(UnsafeScalars.escaped("\u{202E}") == "\\u{202E}")
    }

    @Test func terminalTextShowsControlsEscapedAndLeavesTheRest() {
        #expect(TerminalText.escape("Acme\u{1B}[31mRed\u{1B}]8;;http://x\u{7}") == "Acme\\u{1B}[31mRed\\u{1B}]8;;http://x\\u{7}")
        #expect(TerminalText.escape("a\r\nb\tc\u{7F}\u{9B}2J") == "a\\u{D}\\u{A}b\\u{9}c\\u{7F}\\u{9B}2J")
        #expect(TerminalText.escape("evil\u{202E}txt.exe\u{2066}\u{200F}\u{2028}") == "evil\\u{202E}txt.exe\\u{2066}\\u{200F}\\u{2028}")
        #expect(TerminalText.escape("Zoë \\ | <b> `x`") == "Zoë \\ | <b> `x`")
        #expect(TerminalText.escapeKeepingLineFeeds("one\u{1B}[2J\ntwo\r\n") == "one\\u{1B}[2J\ntwo\\u{D}\n")
    }

    @Test func terminalTextNeverEmitsAnUnsafeScalar() {
        for sample in Self.samples {
            let escaped = TerminalText.escape(sample)
            #expect(!hasUnsafeScalar(escaped), "\(sample.debugDescription)")
            if !hasUnsafeScalar(sample) { #expect(escaped == sample) }
            let kept = TerminalText.escapeKeepingLineFeeds(sample)
            #expect(!kept.unicodeScalars.contains { UnsafeScalars.contains($0) && $0 != "\n" })
            #expect(kept.unicodeScalars.count(where: { $0 == "\n" }) == sample.unicodeScalars.count(where: { $0 == "\n" }))
        }
    }

    @Test func markdownTextCannotOpenMarkupOrEndARow() {
        #expect(MarkdownText.escape("*Eve* | [admin](http://x) ![i](y) `x` <b>&amp;") == "\\*Eve\\* \\| \\[admin\\](http://x) \\!\\[i\\](y) \\`x\\` \\<b\\>\\&amp;")
        #expect(MarkdownText.escape("a\r\nb\rc\nd") == "a\\u{D}\\u{A}b\\u{D}c\\u{A}d")
        #expect(MarkdownText.escape("# h_1 ~s~ \\") == "\\# h\\_1 \\~s\\~ \\\\")
    }

    /// Undoes `MarkdownText.escape` the way CommonMark reads it: a backslash before ASCII punctuation is
    /// that character. Unsafe scalars come back as their `\u{..}` text.
    static let asciiPunctuation = ##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##

    func commonMarkText(_ escaped: String) -> String {
        var out = ""
        var pendingBackslash = false
        for scalar in escaped.unicodeScalars {
            if pendingBackslash {
                if !Self.asciiPunctuation.unicodeScalars.contains(scalar) { out += "\\" }
                out.unicodeScalars.append(scalar)
                pendingBackslash = false
            } else if scalar == "\\" {
                pendingBackslash = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return pendingBackslash ? out + "\\" : out
    }

    @Test func markdownTextHasNoRawMarkupAndReadsBackAsTheVisibleText() {
        let markup: Set<Unicode.Scalar> = ["`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&"]
        for sample in Self.samples {
            let escaped = MarkdownText.escape(sample)
            #expect(!hasUnsafeScalar(escaped), "\(sample.debugDescription)")
            // Every markup character is preceded by an odd number of backslashes, i.e. escaped.
            var backslashes = 0
            for scalar in escaped.unicodeScalars {
                if markup.contains(scalar) { #expect(backslashes % 2 == 1, "\(sample.debugDescription) -> \(escaped)") }
                backslashes = scalar == "\\" ? backslashes + 1 : 0
            }
            #expect(commonMarkText(escaped) == TerminalText.escape(sample))
        }
    }

    @Test func markdownCodeFencesLongerThanAnyBacktickRun() {
        #expect(MarkdownText.code("org:admin") == "`org:admin`")
        #expect(MarkdownText.code("") == "")
        #expect(MarkdownText.code("a`b") == "``a`b``")
        #expect(MarkdownText.code("``x") == "``` ``x ```")
        #expect(MarkdownText.code(" a ") == "`  a  `")
        #expect(MarkdownText.code("a|b") == "`a|b`")
        #expect(MarkdownText.code("a|b", inTable: true) == "`a\\|b`")
        #expect(MarkdownText.code("x\r\ny\u{1B}") == "`x\\u{D}\\u{A}y\\u{1B}`")
    }

    /// Reads a code span back as CommonMark does: strip the fence, then one space each side when both
    /// ends are spaces and the content is not all spaces.
    func codeSpanContent(_ span: String, inTable: Bool) -> String? {
        if span.isEmpty { return "" }
        let scalars = Array(span.unicodeScalars)
        let fence = scalars.prefix { $0 == "`" }.count
        guard fence > 0, scalars.count >= 2 * fence, scalars.suffix(fence).allSatisfy({ $0 == "`" }) else { return nil }
        var inner = String(String.UnicodeScalarView(scalars[fence..<(scalars.count - fence)]))
        // The fence must not occur inside, or the span would close early.
        var run = 0
        for scalar in inner.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            if run >= fence { return nil }
        }
        if inner.unicodeScalars.first == " ", inner.unicodeScalars.last == " ", inner.unicodeScalars.contains(where: { $0 != " " }) {
            inner = String(inner.dropFirst().dropLast())
        }
        return inTable ? Self.replacing("\\|", with: "|", in: inner) : inner
    }

    /// Replaces by Unicode scalars: Foundation's string search works on characters, so a combining mark
    /// after `;` or `"` would hide a match.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        let needle = Array(target.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        while position < scalars.count {
            if position + needle.count <= scalars.count, Array(scalars[position..<(position + needle.count)]) == needle {
                out.append(contentsOf: replacement.unicodeScalars)
                position += needle.count
            } else {
                out.append(scalars[position])
                position += 1
            }
        }
        return String(out)
    }

    static func occurrences(of target: String, in text: String) -> Int {
        let needle = Array(target.unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= needle.count else { return 0 }
        return (0...(scalars.count - needle.count)).count { Array(scalars[$0..<($0 + needle.count)]) == needle }
    }

    @Test func markdownCodeRoundTripsAndStaysOnOneLine() throws {
        for sample in Self.samples {
            for inTable in [false, true] {
                let span = MarkdownText.code(sample, inTable: inTable)
                #expect(!hasUnsafeScalar(span), "\(sample.debugDescription)")
                if inTable {
                    // No pipe that GFM would read as a cell boundary.
                    var previous: Unicode.Scalar = " "
                    for scalar in span.unicodeScalars {
                        if scalar == "|" { #expect(previous == "\\") }
                        previous = scalar
                    }
                }
                let content = try #require(codeSpanContent(span, inTable: inTable), "\(sample.debugDescription) -> \(span)")
                let visible = TerminalText.escape(sample)
                #expect(content == visible, "\(sample.debugDescription) -> \(span)")
            }
        }
    }

    @Test func htmlEscapesMarkupQuotesAndControls() {
        #expect(HTMLText.escape("<script>alert('x')</script> & \"q\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        #expect(HTMLText.escape("a\r\nb\u{202E}c") == "a\\u{D}\\u{A}b\\u{202E}c")
    }

    func unescapeHTML(_ text: String) -> String {
        var text = text
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = Self.replacing(reference, with: character, in: text)
        }
        return text
    }

    @Test func htmlNeverEmitsMarkupOrControlsAndRoundTrips() {
        for sample in Self.samples {
            let escaped = HTMLText.escape(sample)
            #expect(!escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) || UnsafeScalars.contains($0) })
            // Every & starts one of the five references written.
            let ampersands = escaped.unicodeScalars.count { $0 == "&" }
            let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].reduce(0) { $0 + Self.occurrences(of: $1, in: escaped) }
            #expect(ampersands == references)
            #expect(unescapeHTML(escaped) == TerminalText.escape(sample))
        }
    }

    @Test func csvNeutralisesFormulaCellsAndQuotesByRFC4180() {
        #expect(CSVCell.encode("plain") == "plain")
        #expect(CSVCell.encode("a,b") == "\"a,b\"")
        #expect(CSVCell.encode("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.encode("two\nlines") == "\"two\nlines\"")
        #expect(CSVCell.encode("cr\r\nlf") == "\"cr\r\nlf\"")
        #expect(CSVCell.encode("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(CSVCell.encode("+1") == "'+1")
        #expect(CSVCell.encode("-2+3") == "'-2+3")
        #expect(CSVCell.encode("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVCell.encode("\tx") == "'\tx")
        #expect(CSVCell.encode("\r=1") == "\"'\r=1\"")
        #expect(CSVCell.encode("＝1") == "'＝1")
        #expect(CSVCell.encode("=a,b") == "\"'=a,b\"")
        #expect(CSVCell.encode("a=b") == "a=b")
        #expect(CSVCell.encode("=cmd", neutraliseFormulas: false) == "=cmd")
        #expect(CSVCell.encode("=a,b", neutraliseFormulas: false) == "\"=a,b\"")
    }

    /// RFC 4180 read-back of one field.
    func csvField(_ field: String) -> String? {
        let scalars = field.unicodeScalars
        guard scalars.first == "\"" else {
            return scalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" } ? nil : field
        }
        guard scalars.count >= 2, scalars.last == "\"" else { return nil }
        let inner = String(String.UnicodeScalarView(scalars.dropFirst().dropLast()))
        // Inside quotes, every quote is doubled.
        guard Self.replacing("\"\"", with: "", in: inner).unicodeScalars.allSatisfy({ $0 != "\"" }) else { return nil }
        return Self.replacing("\"\"", with: "\"", in: inner)
    }

    @Test func csvCellsAreNeverFormulasAndRoundTrip() throws {
        let starts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
        for sample in Self.samples {
            let safe = try #require(csvField(CSVCell.encode(sample)), "\(sample.debugDescription)")
            #expect(!starts.contains(safe.unicodeScalars.first ?? "a"))
            #expect(safe == sample || safe == "'" + sample)
            #expect(try #require(csvField(CSVCell.encode(sample, neutraliseFormulas: false))) == sample)
        }
    }

    @Test func ndjsonEscapesLineSeparatorsAndStaysTheSameJSON() throws {
        let line = CanonicalJSONWriter.encode(["name": .string("a\u{2028}b\u{2029}c\u{85}d é")])
        let escaped = NDJSONLine.escapeLineSeparators(line)
        #expect(String(decoding: escaped, as: UTF8.self) == #"{"name":"a\u2028b\u2029c\u0085d é"}"#)
        let plain = CanonicalJSONWriter.encode(["name": .string("plain é")])
        #expect(NDJSONLine.escapeLineSeparators(plain) == plain)
        for sample in Self.samples {
            let encoded = NDJSONLine.escapeLineSeparators(CanonicalJSONWriter.encode(["v": .string(sample)]))
            let text = String(decoding: encoded, as: UTF8.self)
            #expect(!text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" })
            #expect(try JSONParser.parse(encoded).objectValue?["v"]?.stringValue == sample)
        }
    }
}
