import AccessReview
import CanonicalJSON

/// `clerk-grants access SNAPSHOT USER`: everything one user (by id or primary email) can do, per organization.
struct AccessCommand {
    static let usage = "clerk-grants access SNAPSHOT USER [--format text|json] [--output FILE]"

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ArgumentList(
            rawArguments, options: [.init(name: "--format", takesValue: true), .init(name: "--output", takesValue: true)])
        try arguments.requirePositionals(2...2, usage: Self.usage)
        let format = arguments.value("--format") ?? "text"
        guard format == "text" || format == "json" else { throw .usage("--format must be text or json, not '\(format)'") }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        let index = AccessIndex(snapshot)
        let name = arguments.positionals[1]
        guard let user = index.user(matching: name) else {
            throw .usage("no user '\(name)' in \(arguments.positionals[0]) (give a user id or primary email)")
        }
        let report = UserAccessReport(index, user: user)
        try ReviewCommand.deliver(to: arguments.value("--output"), context: context) { emit in
            emit(format == "json" ? CanonicalJSONWriter.encodePretty(report.json(index)) : Array(report.text(index).utf8))
        }
        return .success
    }
}
