/// Tenant text in HTML element content or a quoted attribute value: `&`, `<`, `>`, `"` and `'` become
/// character references, so nothing can open a tag, close an attribute or start an entity, and every
/// `UnsafeScalars` member is shown as `\u{1B}` text (a bidi override would otherwise reorder the page).
package enum HTMLText {
    /// `text` with markup characters as references and unsafe scalars in their `\u{1B}` form.
    package static func escape(_ text: String) -> String {
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
