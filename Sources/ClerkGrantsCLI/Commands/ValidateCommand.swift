import Foundation
import SnapshotFormat

/// `clerk-grants validate FILE`: checks a snapshot against the v1 contract; exit 0 valid, 1 not.
struct ValidateCommand {
    static let quiet = OptionDeclaration.flag("--quiet", help: "print nothing; the exit code alone says whether the snapshot is valid")
    static let declaration = CommandDeclaration(
        "validate", abstract: "Checks a snapshot against the v1 contract and prints each problem with its place.",
        positionals: [.init("FILE")], options: [quiet, SigningOptions.keyFile],
        exitCodes: "0 valid (and, with --sign-key-file, signed with that key), 1 invalid, unreadable, unsigned or signed otherwise, 5 the report could not be written to stdout")

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let path = arguments.positionals[0]
        let signingKey = try SigningOptions.key(arguments, context: context)
        let progress = PhaseProgress.start("validate", phase: "reading", context: context)
        defer { progress?.finish() }
        let data = try SnapshotFile.read(path, context: context)
        progress?.phase("checking")
        // The fast reader vouches for most files; what it gives up on, the validator explains (or accepts).
        if let indexed = IndexedSnapshot(data) {
            progress?.finish()
            if let signingKey, !signatureHolds(data, key: signingKey, path: path) { return .usageOrInput }
            if !arguments.flag(Self.quiet) {
                context.standardOutput.line(Self.summary(path, indexed.schemaVersion, indexed.counts, indexed.digest) + (signingKey == nil ? "" : "; signature valid"))
            }
            return .success
        }
        let report = SnapshotValidator.validate(data)
        progress?.finish()
        if report.isValid {
            if let signingKey, !signatureHolds(data, key: signingKey, path: path) { return .usageOrInput }
            if !arguments.flag(Self.quiet), let snapshot = report.snapshot {
                context.standardOutput.line(Self.summary(path, snapshot.schemaVersion, snapshot.counts, snapshot.digest) + (signingKey == nil ? "" : "; signature valid"))
            }
            return .success
        }
        context.standardOutput.line("\(path): INVALID, \(report.problems.count) problem(s):")
        for problem in report.problems.prefix(200) {
            context.standardOutput.line("  - [\(problem.kind.rawValue)] \(problem)")
        }
        if report.problems.count > 200 {
            context.standardOutput.line("  ... and \(report.problems.count - 200) more")
        }
        return .usageOrInput
    }

    /// `--sign-key-file`: a valid snapshot must also carry that key's signature. A file whose records were
    /// edited and its `digest` recomputed passes every other check; only the signature, which takes the
    /// key, tells.
    private func signatureHolds(_ data: Data, key: [UInt8], path: String) -> Bool {
        let verdict = SnapshotSeal.verify(data, key: key)
        guard verdict != .valid else { return true }
        // Printed even with --quiet, as an invalid snapshot's problems are.
        context.standardOutput.line("\(path): INVALID, 1 problem(s):")
        context.standardOutput.line("  - [signature] \(verdict.explanation)")
        return false
    }

    private static func summary(_ path: String, _ version: String, _ counts: [(key: String, value: Int)], _ digest: String) -> String {
        let counts = counts.map { "\($0.value) \($0.key)" }.prefix(4).joined(separator: ", ")
        return "\(path): valid clerk-grants snapshot v\(version) (\(counts); \(digest))"
    }
}
