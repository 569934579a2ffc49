import AccessReview
import GoldenFiles
import Testing

/// The strict CSV reader of decision files: every table our CSV writer can produce reads back exactly
/// (seeded random tables, either line end, with or without a BOM and a final line end), line numbers
/// count the line ends inside quoted fields, and each kind of damage is refused at its line.
@Suite struct CSVReaderTests {
    /// Characters that stress CSV: separators, quotes, both line ends, a BOM inside, formula starts, wide ones.
    static let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", ",", "\"", "\r", "\n", "'", "=", "+", "-", "@", "\t", ";", "é", "\u{FEFF}", "😀", "\u{202E}"]

    static func field(_ random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<random.next(below: 8) { text.unicodeScalars.append(alphabet[random.next(below: alphabet.count)]) }
        return text
    }

    /// RFC 4180 quoting only (`CSVCell` without the formula guard), as a spreadsheet saves a cell.
    static func encode(_ records: [[String]], lineEnd: String) -> String {
        records.map { $0.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") }.joined(separator: lineEnd)
    }

    @Test(arguments: 0..<200)
    func randomTablesReadBackExactly(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let width = 1 + random.next(below: 5)
        let records: [[String]] = (0..<(1 + random.next(below: 6))).map { _ in
            var fields = (0..<width).map { _ in Self.field(&random) }
            // A record of one empty field is a blank line, which the reader skips by design.
            if fields == [""] { fields = ["x"] }
            return fields
        }
        let lineEnd = random.next(below: 2) == 0 ? "\r\n" : "\n"
        let bom = random.next(below: 2) == 0 ? "\u{FEFF}" : ""
        let ending = random.next(below: 2) == 0 ? lineEnd : ""
        let text = bom + Self.encode(records, lineEnd: lineEnd) + ending
        let read = try CSVReader.records(Array(text.utf8))
        #expect(read.map(\.fields) == records, "seed \(seed): \(text.debugDescription)")
        // Each record starts on the line after the line ends before it, those inside quotes included.
        var line = 1
        for (position, record) in records.enumerated() {
            #expect(read[position].line == line, "seed \(seed), record \(position)")
            line += record.reduce(0) { $0 + $1.unicodeScalars.count { $0 == "\n" } } + 1
        }
    }

    @Test(arguments: 0..<50)
    func everyPrefixOfATableReadsOrIsRefusedWithALine(seed: Int) {
        var random = SplitMix64(seed: UInt64(1000 + seed))
        let records = (0..<4).map { _ in (0..<3).map { _ in Self.field(&random) } }
        let bytes = Array(Self.encode(records, lineEnd: "\r\n").utf8)
        for end in 0...bytes.count {
            do {
                _ = try CSVReader.records(Array(bytes[..<end]))
            } catch {
                #expect(error.line >= 1 && error.line <= 1 + bytes.count { $0 == 0x0A }, "seed \(seed), prefix \(end)")
            }
        }
    }

    @Test(arguments: [
        ("a,\"b\nc", 1, "a quoted field is never closed (a quote is missing)"),
        ("a,b\nc,d\"e\n", 2, "a quote inside an unquoted field (quote the whole field and double the quote)"),
        ("a,\"b\"c\n", 1, "text follows a closing quote (a quote inside a field must be doubled)"),
        ("a\rb\n", 1, "a carriage return not followed by a line feed outside quotes"),
        ("a,\"x\ny\"\nb\u{0}\n", 3, "it holds a NUL byte"),
    ])
    func damageIsRefusedAtItsLine(text: String, line: Int, reason: String) {
        #expect(throws: CSVReadError(line: line, reason: reason)) { try CSVReader.records(Array(text.utf8)) }
    }

    @Test func invalidUTF8IsRefusedAtItsLine() {
        #expect(throws: CSVReadError(line: 2, reason: "it is not UTF-8 text (save it as \"CSV UTF-8\")")) {
            try CSVReader.records(Array("a,b\r\n".utf8) + [0x63, 0xFF, 0x0D, 0x0A])
        }
    }

    @Test func limitsAreCheckedAsTheBytesAreRead() {
        let limits = CSVReader.Limits(maximumBytes: 64, maximumRecords: 2, maximumFields: 3, maximumFieldBytes: 5)
        #expect(throws: CSVReadError(line: 1, reason: "it is 65 bytes, over the limit of 64")) {
            try CSVReader.records(Array(repeating: UInt8(ascii: "a"), count: 65), limits: limits)
        }
        #expect(throws: CSVReadError(line: 2, reason: "a field is longer than 5 bytes")) {
            try CSVReader.records(Array("a\n\"123456\"\n".utf8), limits: limits)
        }
        #expect(throws: CSVReadError(line: 1, reason: "a row has more than 3 fields")) {
            try CSVReader.records(Array("a,b,c,d\n".utf8), limits: limits)
        }
        #expect(throws: CSVReadError(line: 3, reason: "it has more than 2 rows")) {
            try CSVReader.records(Array("a\nb\nc\n".utf8), limits: limits)
        }
        #expect((try? CSVReader.records(Array("a,b,c\n\n12345\n".utf8), limits: limits))?.count == 2)
    }
}
