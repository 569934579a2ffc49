/// A unified diff of the one region where two outputs differ: the lines between their common first and
/// last lines, with context. Golden files differ in one place far more often than in many, and a bounded
/// single hunk keeps a 300 MB mismatch from flooding the test log.
package enum GoldenDiff {
    /// Unchanged lines shown before and after the differing region.
    package static let contextLines = 3
    /// Lines shown at most from each side of the differing region.
    package static let maximumLinesPerSide = 20
    /// Characters shown at most per line.
    package static let maximumLineLength = 200

    package static func unified(expected: [UInt8], actual: [UInt8], name: String) -> String {
        let old = lines(expected)
        let new = lines(actual)
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let start = max(0, prefix - contextLines)
        let oldEnd = old.count - suffix
        let newEnd = new.count - suffix
        let after = min(contextLines, suffix)
        var text = "--- expected/\(name)\n+++ actual/\(name)\n"
        text += "@@ -\(start + 1),\(oldEnd + after - start) +\(start + 1),\(newEnd + after - start) @@\n"
        for line in old[start..<prefix] { text += " " + shown(line) + "\n" }
        text += side(old[prefix..<oldEnd], marker: "-")
        text += side(new[prefix..<newEnd], marker: "+")
        for line in old[oldEnd..<(oldEnd + after)] { text += " " + shown(line) + "\n" }
        return text
    }

    private static func side(_ lines: ArraySlice<String>, marker: String) -> String {
        var text = ""
        for line in lines.prefix(maximumLinesPerSide) { text += marker + shown(line) + "\n" }
        if lines.count > maximumLinesPerSide {
            text += "\(marker)... \(lines.count - maximumLinesPerSide) more lines\n"
        }
        return text
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    private static func shown(_ line: String) -> String {
        guard line.count > maximumLineLength else { return line }
        return String(line.prefix(maximumLineLength)) + "... (\(line.count - maximumLineLength) more characters)"
    }
}
