import ExportPipeline
import Foundation
import OutputEscaping

/// `clerk-grants store verify DIR`: checks the hash chain of a store folder (`export --store`). Exit codes
/// are `AnswerStatus`'s, like diff's: 0 intact, 1 broken (each break named), 2 trouble.
struct StoreCommand {
    let context: CommandContext

    static let declaration = CommandDeclaration(
        "store",
        abstract: "Works on a store folder (export --store): verify checks its hash chain and every digest, naming each file edited, removed or inserted.",
        positionals: [.init("verify"), .init("DIR")], options: [SigningOptions.keyFile],
        exitCodes: "0 chain intact, 1 chain broken (each file and reason named), 2 trouble: usage, a missing, empty or unreadable store or stored file, output not written")

    /// The subcommands of `store`.
    static let subcommands = ["verify"]

    /// Yes when the chain is intact; help and errors are `AnswerStatus.run`'s.
    func answer(_ rawArguments: [String]) throws(CLIError) -> AnswerStatus {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let subcommand = arguments.positionals[0]
        guard Self.subcommands.contains(subcommand) else {
            let suggestion = NearMiss.suggestion(for: subcommand, among: Self.subcommands).map { "; did you mean '\($0)'?" } ?? ""
            throw .usage("unknown store subcommand \(ParsedArguments.shown(subcommand))\(suggestion); the subcommands are: \(Self.subcommands.joined(separator: ", "))")
        }
        let path = arguments.positionals[1]
        let signingKey = try SigningOptions.key(arguments, context: context)
        let directory = context.url(forPath: path)
        var info = stat()
        guard stat(directory.path, &info) == 0 else { throw .inputUnreadable(path: path, reason: "no such store folder") }
        let entries = try SnapshotStore(directory: directory).entries()
        guard !entries.isEmpty else { throw .inputUnreadable(path: path, reason: "it holds no stored snapshots") }
        let report = StoreChainVerifier.verify(
            entries.map { StoreChainVerifier.StoredFile(name: $0.name, url: $0.url, sequence: $0.sequence) }, signingKey: signingKey)
        for line in report.lines { context.standardOutput.line(TerminalText.escape(line)) }
        if !report.unreadable.isEmpty { return .trouble }
        return report.isIntact ? .yes : .no
    }
}
