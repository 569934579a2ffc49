/// One CSV field (RFC 4180) that a spreadsheet opens as text, never as a formula.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width `＝`, `＋`,
/// `－`, `＠` some spreadsheets fold to ASCII) is what Excel, LibreOffice and Google Sheets evaluate: a
/// name such as `=cmd|' /C calc'!A0` would run a command. As OWASP recommends for CSV injection, such a
/// cell gets a leading `'`, which makes spreadsheets take it as text. The feed's columns
/// are ids, names, keys, booleans and timestamps, none numeric, so no real value needs its sign.
/// Then the field is quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
package enum CSVCell {
    /// First scalars that make a spreadsheet evaluate a cell.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// One RFC 4180 record: the cells as fields (`encode`), joined by commas, ending in CRLF.
    package static func row(_ cells: [String], neutraliseFormulas: Bool = true) -> String {
        // Appended into one String sized up front: feeds write a row per membership.
        var line = ""
        line.reserveCapacity(cells.reduce(cells.count + 8) { $0 + $1.utf8.count })
        for (position, cell) in cells.enumerated() {
            if position > 0 { line += "," }
            line += encode(cell, neutraliseFormulas: neutraliseFormulas)
        }
        line += "\r\n"
        return line
    }

    /// `text` as a field; `neutraliseFormulas: false` (`convert --raw-cells`) keeps the value exact for
    /// programs that are not spreadsheets, with RFC 4180 quoting only.
    package static func encode(_ text: String, neutraliseFormulas: Bool = true) -> String {
        let value = neutraliseFormulas ? neutralised(text) : text
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return value }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 4)
        for scalar in value.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// `text` as a spreadsheet must take it: with a leading `'` when it begins like a formula, or with
    /// quotes before a formula start (`'=x`), so that `restored` can tell the guard from the value.
    package static func neutralised(_ text: String) -> String {
        guard startsWithFormulaAfterQuotes(text) else { return text }
        return "'" + text
    }

    /// The value a neutralised cell stood for, read back from a CSV file a spreadsheet saved (a decision
    /// workbook): the one `'` `neutralised` put before a formula start is dropped; any other cell (one a
    /// person typed as `'note`) is as it was.
    package static func restored(_ cell: String) -> String {
        guard cell.unicodeScalars.first == "'", startsWithFormulaAfterQuotes(cell) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// Whether the first scalar after any leading `'` is a formula start.
    private static func startsWithFormulaAfterQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return formulaStarts.contains(first)
    }
}
