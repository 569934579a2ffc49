import OutputEscaping

/// Text that came from a server (error messages and codes, a redirect's target) made safe to show: the
/// key is replaced by `[redacted]`, characters that could rewrite a terminal or reorder a line are shown
/// escaped as `\u{1B}` (`TerminalText`), and the result is cut to a length a person can read. A server that
/// already holds the key can echo it back; this is what keeps it out of logs and terminals.
package enum ServerText {
    /// Longest text shown, in Unicode scalars before escaping; the rest is replaced by an ellipsis.
    package static let maximumLength = 300

    package static func shown(_ text: String, hiding key: SecretKey?) -> String {
        let redacted = key?.redacting(in: text) ?? text
        let scalars = redacted.unicodeScalars
        guard scalars.count > maximumLength else { return TerminalText.escape(redacted) }
        let kept = String(String.UnicodeScalarView(scalars.prefix(maximumLength)))
        return TerminalText.escape(kept) + "…"
    }
}
