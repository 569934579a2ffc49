/// One thing wrong with a snapshot file, as `validate` reports it.
public struct SnapshotProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file is not JSON at all.
        case notJSON = "not_json"
        /// JSON, but not a clerk-grants snapshot.
        case foreignDocument = "foreign_document"
        /// A clerk-grants snapshot of a schema major this tool does not know.
        case unsupportedVersion = "unsupported_version"
        /// A missing or mistyped field.
        case structure
        /// An id that is repeated, malformed, or points at nothing.
        case reference
        /// Records out of canonical order.
        case order
        /// `counts` disagrees with the records.
        case counts
        /// `digest` does not match the records.
        case digest
    }

    public var kind: Kind
    /// Where: `grants[12]`, `digest`, ...
    public var location: String
    public var message: String

    public init(_ kind: Kind, at location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
