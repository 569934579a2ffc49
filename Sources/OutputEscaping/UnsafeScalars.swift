/// The characters no output may carry raw from tenant data, and the one visible form they are shown in
/// everywhere: `\u{` + uppercase hex + `}` (ESC is `\u{1B}`, a line feed `\u{A}`, RIGHT-TO-LEFT OVERRIDE
/// `\u{202E}`), the notation of a Swift string literal.
///
/// The class is what a terminal, a renderer or a line-splitting reader acts on instead of showing: C0
/// controls (ESC starts colour, cursor and OSC 8 hyperlink sequences; CR rewrites a line; LF and TAB forge
/// lines and columns), DEL, C1 controls (U+0080-009F: CSI and OSC in their 8-bit form), the bidirectional
/// marks, embeddings, overrides and isolates that reorder what is shown ("Trojan Source": U+061C,
/// U+200E, U+200F, U+202A-202E, U+2066-2069), and the Unicode line and paragraph separators U+2028 and
/// U+2029 that some readers treat as a line end.
package enum UnsafeScalars {
    /// Whether `scalar` must be shown escaped rather than written.
    @inlinable
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Appends the visible form of `scalar`, `\u{1B}` style, to `text`.
    package static func appendEscaped(_ scalar: Unicode.Scalar, to text: inout String) {
        text += "\\u{"
        text += String(scalar.value, radix: 16, uppercase: true)
        text += "}"
    }

    /// The visible form of `scalar`, e.g. `\u{1B}` for ESC.
    package static func escaped(_ scalar: Unicode.Scalar) -> String {
        var text = ""
        appendEscaped(scalar, to: &text)
        return text
    }

    /// Whether any scalar of `text` is in the class: the fast path that lets clean text through uncopied.
    @inlinable
    package static func any(in text: String) -> Bool {
        text.unicodeScalars.contains(where: contains)
    }
}
