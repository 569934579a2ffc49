/// Tenant text in HTML element content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become
/// character references, so nothing can open a tag, close an attribute or start an entity, and every
/// `UnsafeScalars` member is shown as `\u{1B}` text (a bidi override would otherwise reorder the page).
package enum HTMLText {
    /// Per byte: printable ASCII that is no markup character, which `escape` writes as it is (its fast path).
    static let plainBytes: [Bool] = (0...255).map { byte in
        (0x20...0x7E).contains(byte) && !"&<>\"'".utf8.contains(UInt8(byte))
    }

    /// `text` with markup characters as references and unsafe scalars in their `\u{1B}` form.
    package static func escape(_ text: String) -> String {
        // Printable ASCII without markup characters is its own escape: most names, emails and ids.
        if text.utf8.allSatisfy({ plainBytes[Int($0)] }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if UnsafeScalars.contains(scalar) {
                    UnsafeScalars.appendEscaped(scalar, to: &out)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
