import AccessReview
import CanonicalJSON
import SnapshotFormat

/// `clerk-grants who-can SNAPSHOT PERMISSION_KEY [--org ORG]`: the auditor's question "who can do X?",
/// answered per organization with the membership and role that grant it.
struct WhoCanCommand {
    static let usage = "clerk-grants who-can SNAPSHOT PERMISSION_KEY [--org ORG] [--format text|json] [--output FILE]"

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ArgumentList(
            rawArguments,
            options: [
                .init(name: "--org", takesValue: true), .init(name: "--format", takesValue: true),
                .init(name: "--output", takesValue: true),
            ])
        try arguments.requirePositionals(2...2, usage: Self.usage)
        let format = arguments.value("--format") ?? "text"
        guard format == "text" || format == "json" else { throw .usage("--format must be text or json, not '\(format)'") }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        let index = AccessIndex(snapshot)
        var organization: Resource?
        if let name = arguments.value("--org") {
            guard let found = index.organization(matching: name) else {
                throw .usage("no organization '\(name)' in \(arguments.positionals[0]) (give its id or slug)")
            }
            organization = found
        }
        let key = arguments.positionals[1]
        guard let report = WhoCanReport(index, permissionKey: key, organization: organization) else {
            throw .usage("no permission with key '\(key)' in \(arguments.positionals[0])")
        }
        try ReviewCommand.deliver(to: arguments.value("--output"), context: context) { emit in
            emit(format == "json" ? CanonicalJSONWriter.encodePretty(report.json(index)) : Array(report.text(index).utf8))
        }
        return .success
    }
}
