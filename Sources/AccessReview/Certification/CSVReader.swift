/// A strict RFC 4180 reader for CSV files people edited (decision workbooks): quoted fields, doubled
/// quotes, CRLF or LF line ends, a UTF-8 byte order mark, and nothing else. What a spreadsheet may have
/// mangled is refused with the line it is on rather than guessed at: a quote inside an unquoted field,
/// text after a closing quote, an unterminated quote, a carriage return alone, bytes that are not UTF-8.
/// Every loop and allocation is bounded by `Limits`, checked as the bytes are read.
public enum CSVReader {
    /// The most a file may hold; past any of these the file is refused, not truncated.
    public struct Limits: Sendable, Equatable {
        public var maximumBytes: Int
        public var maximumRecords: Int
        public var maximumFields: Int
        public var maximumFieldBytes: Int

        public init(maximumBytes: Int, maximumRecords: Int, maximumFields: Int, maximumFieldBytes: Int) {
            self.maximumBytes = maximumBytes
            self.maximumRecords = maximumRecords
            self.maximumFields = maximumFields
            self.maximumFieldBytes = maximumFieldBytes
        }

        /// For decision workbooks: a row per membership of a tenant ten times the benchmark's (300,000
        /// memberships) with room for comments, 64 columns, and 16 KiB in one cell.
        public static let decisions = Limits(
            maximumBytes: 256 << 20, maximumRecords: 3_000_001, maximumFields: 64, maximumFieldBytes: 16 << 10)
    }

    /// One record and the line it starts on (1-based, counting the line ends inside quoted fields, as an
    /// editor numbers lines).
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The records of `bytes`. Blank lines (a record of one empty field) are skipped: spreadsheets add them.
    public static func records(_ bytes: [UInt8], limits: Limits = .decisions) throws(CSVReadError) -> [Record] {
        guard bytes.count <= limits.maximumBytes else {
            throw CSVReadError(line: 1, reason: "it is \(bytes.count) bytes, over the limit of \(limits.maximumBytes)")
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.utf8.count == bytes.count, decoded.utf8.elementsEqual(bytes) else {
            let line = firstInvalidUTF8Line(bytes)
            throw CSVReadError(line: line, reason: "it is not UTF-8 text (save it as \"CSV UTF-8\")")
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1

        func append(_ byte: UInt8) throws(CSVReadError) {
            guard field.count < limits.maximumFieldBytes else {
                throw CSVReadError(line: line, reason: "a field is longer than \(limits.maximumFieldBytes) bytes")
            }
            guard byte != 0 else { throw CSVReadError(line: line, reason: "it holds a NUL byte") }
            field.append(byte)
        }
        func endField() throws(CSVReadError) {
            guard fields.count < limits.maximumFields else {
                throw CSVReadError(line: recordLine, reason: "a row has more than \(limits.maximumFields) fields")
            }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() throws(CSVReadError) {
            defer { fields.removeAll(keepingCapacity: true) }
            if fields.count == 1, fields[0].isEmpty { return }
            guard records.count < limits.maximumRecords else {
                throw CSVReadError(line: recordLine, reason: "it has more than \(limits.maximumRecords) rows")
            }
            records.append(Record(line: recordLine, fields: fields))
        }

        while true {
            if index < bytes.count, bytes[index] == quote {
                let opened = line
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw CSVReadError(line: opened, reason: "a quoted field is never closed (a quote is missing)")
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            try append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == lf { line += 1 }
                    try append(byte)
                    index += 1
                }
                if index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    throw CSVReadError(line: line, reason: "text follows a closing quote (a quote inside a field must be doubled)")
                }
            } else {
                while index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    if bytes[index] == quote {
                        throw CSVReadError(line: line, reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    try append(bytes[index])
                    index += 1
                }
            }
            try endField()
            guard index < bytes.count else {
                try endRecord()
                break
            }
            if bytes[index] == comma {
                index += 1
                continue
            }
            if bytes[index] == cr {
                guard index + 1 < bytes.count, bytes[index + 1] == lf else {
                    throw CSVReadError(line: line, reason: "a carriage return not followed by a line feed outside quotes")
                }
                index += 2
            } else {
                index += 1
            }
            try endRecord()
            line += 1
            recordLine = line
            if index >= bytes.count { break }
        }
        return records
    }

    /// The line of the first byte that is not part of valid UTF-8, for the message.
    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (position, byte) in bytes.enumerated() where byte == 0x0A {
            let decoded = String(decoding: bytes[start...position], as: UTF8.self)
            if !decoded.utf8.elementsEqual(bytes[start...position]) { return line }
            line += 1
            start = position + 1
        }
        return line
    }
}
