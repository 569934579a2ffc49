/// Request URLs are built from text the server sent (ids in paths, the users cursor in a query), so every
/// byte but the unreserved ones is percent-encoded: no such text can add a path segment, a parameter or a
/// fragment to the request it goes into.
package enum PercentEncoding {
    /// One path segment: `.` is encoded too, so an id of `..` cannot climb a level.
    package static func pathSegment(_ text: String) -> String {
        encoded(text, keepingDot: false)
    }

    /// A query parameter name or value.
    static func queryPart(_ text: String) -> String {
        encoded(text, keepingDot: true)
    }

    private static func encoded(_ text: String, keepingDot: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: ".") where keepingDot:
                result.append(".")
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }
}
