/// One line of NDJSON as readers that split on more than `\n` still see it: JSON allows U+2028, U+2029
/// and U+0085 raw inside strings, but JavaScript before ES2019, Python's `str.splitlines` and many log
/// shippers end a line there. Written as `\u2028`, `\u2029` and `\u0085` (JSON escapes, so the value
/// parses back unchanged), a record stays one line.
///
/// Applied to encoded JSON, where these bytes can only occur inside strings.
package enum NDJSONLine {
    /// `json` (valid UTF-8 JSON) with the three separators escaped; returned as it is when none occurs.
    package static func escapeLineSeparators(_ json: [UInt8]) -> [UInt8] {
        // U+2028/U+2029 are E2 80 A8/A9 in UTF-8 and U+0085 is C2 85: no separator without E2 or C2.
        guard json.contains(where: { $0 == 0xE2 || $0 == 0xC2 }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(json.count + 12)
        var position = 0
        while position < json.count {
            let byte = json[position]
            if byte == 0xE2, position + 2 < json.count, json[position + 1] == 0x80,
                json[position + 2] == 0xA8 || json[position + 2] == 0xA9
            {
                out.append(contentsOf: Array(json[position + 2] == 0xA8 ? "\\u2028".utf8 : "\\u2029".utf8))
                position += 3
            } else if byte == 0xC2, position + 1 < json.count, json[position + 1] == 0x85 {
                out.append(contentsOf: Array("\\u0085".utf8))
                position += 2
            } else {
                out.append(byte)
                position += 1
            }
        }
        return out
    }
}
