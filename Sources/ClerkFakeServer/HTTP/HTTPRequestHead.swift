/// A parsed HTTP/1.x request line and header block. Bodies are not kept: every endpoint is a GET.
struct HTTPRequestHead: Sendable {
    var method: String
    /// The request target as sent: path plus `?query`.
    var target: String
    var path: String
    var query: String
    var version: String
    var headers: [FakeRequestRecord.HeaderField]

    /// Parses the bytes before the blank line (the CRLFCRLF excluded). Nil when they are not a request.
    init?(_ block: ArraySlice<UInt8>) {
        var lines = block.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: UInt8(ascii: " "))
        guard requestLine.count == 3 else { return nil }
        method = String(decoding: requestLine[0], as: UTF8.self)
        target = String(decoding: requestLine[1], as: UTF8.self)
        version = String(decoding: requestLine[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/1."), target.hasPrefix("/") else { return nil }
        if let questionMark = target.firstIndex(of: "?") {
            path = String(target[..<questionMark])
            query = String(target[target.index(after: questionMark)...])
        } else {
            path = target
            query = ""
        }
        headers = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            headers.append(
                FakeRequestRecord.HeaderField(
                    name: String(decoding: line[..<colon], as: UTF8.self),
                    value: String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingBlanks()))
        }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
    var wantsConnectionKept: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        if version == "HTTP/1.0" { return connection.contains("keep-alive") }
        return !connection.contains("close")
    }

    var contentLength: Int {
        header("content-length").flatMap { Int($0) } ?? 0
    }

    /// The first value of a query parameter, percent-decoded (`+` read as a space, as forms send it).
    func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.percentDecoded(parts[0], plusIsSpace: true) == name else { continue }
            return parts.count > 1 ? Self.percentDecoded(parts[1], plusIsSpace: true) : ""
        }
        return nil
    }

    /// `%XX` decoded; `+` is a space only in a query (as forms send it), never in a path.
    /// Every value of a parameter that may repeat (`status=pending&status=expired`), in order.
    func queryValues(_ name: String) -> [String] {
        query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.percentDecoded(parts[0], plusIsSpace: true) == name else { return nil }
            return parts.count > 1 ? Self.percentDecoded(parts[1], plusIsSpace: true) : ""
        }
    }

    static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func trimmingBlanks() -> String {
        var slice = self[...]
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }

    fileprivate func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
