/// A JSON document that parsed but is not the expected shape: a Clerk page unlike the OpenAPI contract,
/// or a snapshot record missing a field. The path names the spot (`data[3].organization.id`).
public struct JSONFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the page the problem is, e.g. `data[3].organization.id`.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    public func nested(under prefix: String) -> JSONFieldError {
        JSONFieldError(path: path.isEmpty ? prefix : "\(prefix).\(path)", problem: problem)
    }

    /// An id or name for a message: as it is when it is short printable ASCII without spaces, quotes or
    /// backslashes (every id this tool writes), else `quoted`, so messages about normal files read plainly
    /// and those about hostile ones stay bounded and inert.
    public static func shown(_ value: String) -> String {
        let plain = value.utf8.count <= 200 && value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        return plain && !value.isEmpty ? value : quoted(value)
    }

    /// Hostile text quoted for a message: at most `limit` characters, printable ASCII as is and everything
    /// else as `\u{XX}`, so a 10 KB value or one holding escape sequences cannot flood or steer the
    /// terminal or log that shows the error.
    public static func quoted(_ value: String, limit: Int = 40) -> String {
        var result = "\""
        var shown = 0
        for scalar in value.unicodeScalars {
            if shown == limit {
                result += "\"... (\(value.utf8.count) bytes)"
                return result
            }
            switch scalar.value {
            case 0x20...0x7E where scalar != "\"" && scalar != "\\": result.unicodeScalars.append(scalar)
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            shown += 1
        }
        return result + "\""
    }
}
