/// Escaping for the text formats reports are written in. Every value from the snapshot (names, emails,
/// role keys) passes through here: they are user-controlled and must not be able to break a table, inject
/// markup or script, or split a CSV row.
public enum TextEscaping {
    /// Markdown inline text: characters with meaning in CommonMark or GFM tables are backslash-escaped,
    /// line breaks become spaces so a value cannot end a table row.
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&":
                out.append("\\")
                out.append(character)
            case "\n", "\r", "\r\n", "\t":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
    }

    /// Markdown code span for ids and keys. Content is literal there, so only a backtick (replaced), a
    /// line break (a space) and `|` (escaped, which GFM tables require even inside code) need care.
    public static func markdownCode(_ text: String) -> String {
        var out = "`"
        for character in text {
            switch character {
            case "`": out.append("'")
            case "|": out += "\\|"
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            default: out.append(character)
            }
        }
        return out + "`"
    }

    /// HTML text and attribute values.
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return text
        }
        var out = "\""
        for character in text {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out + "\""
    }
}
