import ClerkClient
import ExportPipeline
import SnapshotFormat

/// Everything that can stop a command, each with the exit code it maps to and a message a person can act on.
public enum CLIError: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case missingSecretKey
    case secretKeyFileUnreadable(path: String, reason: String)
    /// `--resources` named collections that do not exist (as given, for the message).
    case unknownCollections(names: [String])
    case read(ClerkReadError)
    /// The export pipeline stopped: a read failed, a collection is incomplete, or the snapshot was not written.
    case export(ExportError)
    case outputFailed(path: String, reason: String)
    case inputUnreadable(path: String, reason: String)
    case invalidSnapshot(path: String, problem: SnapshotReadError)
    /// A write to stdout was lost (a full disk, a reader that closed the pipe): the output is incomplete.
    case standardOutputFailed(reason: String)
    /// A `--store` folder holds a snapshot of another instance; nothing is written or pruned.
    case storeMixesInstances(store: String, file: String, stored: String, exported: String)

    public var exitCode: ExitCode {
        switch self {
        case .usage, .missingSecretKey, .secretKeyFileUnreadable, .unknownCollections, .inputUnreadable,
            .invalidSnapshot, .storeMixesInstances:
            return .usageOrInput
        case .read(let error):
            if error.isRefusal { return .clerkRejected }
            if error.isFault || error.isUntrustedAnswer { return .retriesExhausted }
            return .usageOrInput
        case .export(let error):
            switch error {
            case .read(let error): return CLIError.read(error).exitCode
            case .incomplete: return .incompleteExport
            case .outputFailed: return .outputFailed
            }
        case .outputFailed, .standardOutputFailed: return .outputFailed
        }
    }

    public var description: String {
        switch self {
        case .usage(let message):
            return "\(message)\nRun 'clerk-grants help' for usage."
        case .missingSecretKey:
            return "no Clerk secret key: set CLERK_SECRET_KEY or pass --secret-key-file PATH (or use --fixtures DIR to run offline)"
        case .secretKeyFileUnreadable(let path, let reason):
            return "cannot read the secret key file \(path) (given with --secret-key-file): \(reason)"
        case .unknownCollections(let names):
            let listed = names.isEmpty ? "an empty list" : names.map { "'\($0)'" }.joined(separator: ", ")
            return "unknown --resources \(listed): choose from users, organizations, roles, permissions, memberships"
        case .read(let error):
            return error.description
        case .export(let error):
            return error.description
        case .outputFailed(let path, let reason):
            return "cannot write \(path): \(reason); nothing was replaced"
        case .inputUnreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidSnapshot(let path, let problem):
            return "\(path) is not a valid snapshot: \(problem)"
        case .standardOutputFailed(let reason):
            return "cannot write to standard output: \(reason); the output is incomplete"
        case .storeMixesInstances(let store, let file, let stored, let exported):
            return "\(store) holds \(file), a snapshot of another instance ('\(stored)', this export is '\(exported)'); one store keeps one instance's history, so nothing was written or pruned (use another --store folder)"
        }
    }
}
