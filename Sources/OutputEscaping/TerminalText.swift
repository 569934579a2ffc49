/// Tenant text made safe for a terminal: every `UnsafeScalars` member is shown in its `\u{1B}` form, so a
/// name cannot colour, move the cursor, retitle the window, plant a hyperlink, rewrite or forge a line, or
/// reorder what is shown. Everything else (including any backslash) is written as it is, so clean text is
/// unchanged; the output is for reading, not for parsing back.
///
/// Escape each value before wrapping it in the program's own ANSI styling, which is not tenant data.
package enum TerminalText {
    /// `text` with every unsafe scalar escaped.
    package static func escape(_ text: String) -> String {
        guard UnsafeScalars.any(in: text) else { return text }
        return escape(text, keeping: nil)
    }

    /// Like `escape(_:)` but line feeds stay line feeds: for messages the program composes over several
    /// lines (an error and its hint), where only the other controls can come from tenant data.
    package static func escapeKeepingLineFeeds(_ text: String) -> String {
        guard UnsafeScalars.any(in: text) else { return text }
        return escape(text, keeping: "\n")
    }

    private static func escape(_ text: String, keeping kept: Unicode.Scalar?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if UnsafeScalars.contains(scalar), scalar != kept {
                UnsafeScalars.appendEscaped(scalar, to: &out)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
