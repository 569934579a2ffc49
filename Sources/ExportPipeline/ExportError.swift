import ClerkClient
import ClerkModel

/// Why an export produced no snapshot. Each case carries what a person needs to act on it; the CLI maps
/// the cases to its documented exit codes.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// A collection could not be read: the reader's own error, which names the endpoint and page.
    case read(ClerkReadError)
    /// Collections that could not be read to the end, each with why, and a partial snapshot was not allowed.
    case incomplete(collections: [ClerkCollection: String])
    /// The snapshot could not be written to `path`; whatever was there before is left as it was.
    case outputFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .read(let error):
            return error.description
        case .incomplete(let collections):
            return "the export is incomplete, so no snapshot was written:\n"
                + collections.sorted { $0.key < $1.key }.map { "  - \($0.key.rawValue): \($0.value)" }.joined(separator: "\n")
                + "\nRe-run later, or pass --allow-partial to write it with \"complete\": false."
        case .outputFailed(let path, let reason):
            return "cannot write \(path): \(reason); nothing was replaced"
        }
    }
}
