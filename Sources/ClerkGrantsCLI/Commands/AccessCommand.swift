import AccessReview
import CanonicalJSON

/// `clerk-grants access SNAPSHOT USER`: everything one user (by id or primary email) can do, per organization.
struct AccessCommand {
    static let format = ReportOptions.format(AnswerFormat.self, help: "the answer as text or as JSON")
    static let declaration = CommandDeclaration(
        "access", abstract: "Shows one user (by id or primary email): account state, then per organization the role, admin flag and permissions.",
        positionals: [.init("SNAPSHOT"), .init("USER")], options: [format] + RedactionOptions.options + [ReportOptions.output],
        rules: RedactionOptions.rules,
        exitCodes: "0 ok, 1 usage, bad input or an unknown user, 5 output not written")

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: AnswerFormat.self) ?? .text
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let progress = PhaseProgress.start("access", phase: "reading", context: context)
        defer { progress?.finish() }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        progress?.phase("indexing")
        let index = AccessIndex(snapshot, redactor: redactor)
        progress?.output("answering", toStandardOutput: arguments.text(ReportOptions.output) == nil)
        let name = arguments.positionals[1]
        guard let user = index.user(matching: name) else {
            throw .usage("no user '\(name)' in \(arguments.positionals[0]) (give a user id or primary email)")
        }
        let report = UserAccessReport(index, user: user)
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            emit(format.render(text: { report.text(index) }, json: { report.json(index) }))
        }
        return .success
    }
}
