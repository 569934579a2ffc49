/// Tenant text inside GitHub-flavoured Markdown (CommonMark plus tables): it stays text in the paragraph,
/// list item or table cell it is put in.
///
/// Works on Unicode scalars, not `Character`s: Swift reads `"\r\n"` as one character, which a
/// character-level `switch` on `"\n"` misses.
package enum MarkdownText {
    /// The ASCII punctuation that starts markup: emphasis, code, links and images (`[`, `]`, `!`; a `(`
    /// after an escaped `]` is no link), raw HTML and entities (`<`, `>`, `&`), table cells (`|`),
    /// headings, strikethrough, and the escape itself.
    static let markup: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&"]
    /// Per byte: printable ASCII that is no markup, which `escape` writes as it is (its fast path).
    static let plainBytes: [Bool] = (0...255).map { byte in
        (0x20...0x7E).contains(byte) && !markup.contains(Unicode.Scalar(UInt8(byte)))
    }

    /// Inline text and table cells: markup characters are backslash-escaped (CommonMark shows the
    /// character itself), and every `UnsafeScalars` member, including CR and LF that would end a table
    /// row or a list item, is shown as `\u{D}`, `\u{A}`, and so on.
    package static func escape(_ text: String) -> String {
        // Most names, emails and ids are printable ASCII without markup: they are their own escape.
        if text.utf8.allSatisfy({ plainBytes[Int($0)] }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if UnsafeScalars.contains(scalar) {
                UnsafeScalars.appendEscaped(scalar, to: &out)
            } else {
                if markup.contains(scalar) { out.unicodeScalars.append("\\") }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A code span holding `text` literally: the backtick fence is one longer than the longest backtick
    /// run inside, padded with a space where the content begins or ends with a backtick or would lose
    /// its own surrounding spaces. Unsafe scalars are shown escaped (a line break would end the span's
    /// line). In a table cell (`inTable`) each `|` is written `\|`, which GFM requires even in code.
    /// Empty text is no span at all: CommonMark reads two lone backticks as literal backticks.
    package static func code(_ text: String, inTable: Bool = false) -> String {
        guard !text.isEmpty else { return "" }
        // Printable ASCII without backticks (or `|` in a table) and not starting or ending with a space is
        // the span's content as it is, in single backticks: the common case of ids, keys and dates.
        let utf8 = text.utf8
        if utf8.first != 0x20, utf8.last != 0x20,
            utf8.allSatisfy({ (0x20...0x7E).contains($0) && $0 != UInt8(ascii: "`") && !(inTable && $0 == UInt8(ascii: "|")) })
        {
            return "`" + text + "`"
        }
        var content = ""
        content.reserveCapacity(text.utf8.count + 2)
        var longestRun = 0
        var run = 0
        for scalar in text.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
            if UnsafeScalars.contains(scalar) {
                UnsafeScalars.appendEscaped(scalar, to: &content)
            } else {
                if inTable, scalar == "|" { content.unicodeScalars.append("\\") }
                content.unicodeScalars.append(scalar)
            }
        }
        let fence = String(repeating: "`", count: longestRun + 1)
        let scalars = content.unicodeScalars
        // CommonMark strips one space from each end when both are spaces (and it is not all spaces).
        let losesSpaces = scalars.first == " " && scalars.last == " " && scalars.contains { $0 != " " }
        let padding = scalars.first == "`" || scalars.last == "`" || losesSpaces ? " " : ""
        return fence + padding + content + padding + fence
    }
}
