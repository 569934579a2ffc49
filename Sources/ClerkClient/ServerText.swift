/// Text that came from a server (error messages and codes, a redirect's target) made safe to show: the
/// key is replaced by `[redacted]`, characters that could rewrite a terminal or reorder a line (C0, DEL,
/// C1, bidi overrides and isolates) are shown escaped as `\u{1B}`, and the result is cut to a length a
/// person can read. A server that already holds the key can echo it back; this is what keeps it out of
/// logs and terminals. To be folded into the shared output-escaping target once that exists.
package enum ServerText {
    /// Longest text shown, in characters; the rest is replaced by an ellipsis.
    package static let maximumLength = 300

    package static func shown(_ text: String, hiding key: SecretKey?) -> String {
        let redacted = key?.redacting(in: text) ?? text
        var result = ""
        var characters = 0
        for scalar in redacted.unicodeScalars {
            if characters >= maximumLength {
                result += "…"
                break
            }
            if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            characters += 1
        }
        return result
    }

    /// C0 controls (tab and newline too: a message is shown on one line), DEL, C1 controls, and the bidi
    /// embeddings, overrides and isolates (U+202A-202E, U+2066-2069) that can make text read backwards.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
