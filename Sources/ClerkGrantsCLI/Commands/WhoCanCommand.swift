import AccessReview
import CanonicalJSON
import SnapshotFormat

/// `clerk-grants who-can SNAPSHOT PERMISSION_KEY [--org ORG]`: the auditor's question "who can do X?",
/// answered per organization with the membership and role that grant it and, for a 1.1 snapshot, the
/// access paths that could give it. An entitlement id (`machine:<id>:access`) is answered by its grantees.
struct WhoCanCommand {
    static let organization = OptionDeclaration(
        "--org", "ORG", kind: .text, defaultNote: "every organization", help: "one organization, by id or slug")
    static let format = ReportOptions.format(AnswerFormat.self, help: "the answer as text or as JSON")
    static let declaration = CommandDeclaration(
        "who-can", abstract: "Lists every user holding a permission (or every holder of an entitlement id), per organization, with the role and membership that grant it, and who could gain it.",
        positionals: [.init("SNAPSHOT"), .init("PERMISSION_KEY")], options: [organization, format] + RedactionOptions.options + [ReportOptions.output],
        rules: RedactionOptions.rules,
        exitCodes: "0 ok, 1 usage, bad input or an unknown permission or organization, 5 output not written")

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: AnswerFormat.self) ?? .text
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let progress = PhaseProgress.start("who-can", phase: "reading", context: context)
        defer { progress?.finish() }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        progress?.phase("indexing")
        let index = AccessIndex(snapshot, redactor: redactor)
        progress?.output("answering", toStandardOutput: arguments.text(ReportOptions.output) == nil)
        var organization: Resource?
        if let name = arguments.text(Self.organization) {
            guard let found = index.organization(matching: name) else {
                throw .usage("no organization '\(name)' in \(arguments.positionals[0]) (give its id or slug)")
            }
            organization = found
        }
        let key = arguments.positionals[1]
        guard let report = WhoCanReport(index, permissionKey: key, organization: organization) else {
            throw .usage("no permission with key (or entitlement with id) '\(key)' in \(arguments.positionals[0])")
        }
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(text: { report.writeText(index, emit: $0) }, json: { report.json(index) }, emit: emit)
        }
        return .success
    }
}
