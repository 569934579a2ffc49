import OutputEscaping

/// The `clerk-grants` front end: picks the subcommand, runs it, and turns any error into its message on
/// stderr and its documented exit code.
public enum ClerkGrantsCommand {
    public static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        // The yes/no commands (diff, store verify, certify, remediation) exit 0, 1 or 2 and report their own errors.
        if let name = arguments.first, let answer = AnswerStatus.commands[name], let declaration = CommandCatalog.command(named: name) {
            return await AnswerStatus.run(answer, declaration: declaration, arguments: Array(arguments.dropFirst()), context: context)
        }
        do {
            return try await dispatch(arguments, context: context).rawValue
        } catch {
            context.standardError.line(errorMessage(error))
            return error.exitCode.rawValue
        }
    }

    /// How every command reports an error on stderr. Messages quote file contents and tenant data (ids,
    /// names, Clerk's error messages), so control and bidi characters are shown escaped (`TerminalText`);
    /// only the line breaks the messages are composed with stay.
    static func errorMessage(_ error: any Error) -> String {
        "clerk-grants: error: " + TerminalText.escapeKeepingLineFeeds("\(error)")
    }

    /// Runs the command, then fails with exit 5 if anything it wrote to stdout was lost: a report cut short
    /// by a full disk or a closed pipe must not look like success.
    static func dispatch(_ arguments: [String], context: CommandContext) async throws(CLIError) -> ExitCode {
        let status = try await runCommand(arguments, context: context)
        try context.standardOutput.requireDelivered()
        return status
    }

    private static func runCommand(_ arguments: [String], context: CommandContext) async throws(CLIError) -> ExitCode {
        guard var name = arguments.first else {
            context.standardError.write(overview)
            return .usageOrInput
        }
        if name == HelpFormatter.helpOption || name == "-h" { name = CommandCatalog.help.name }
        if name == "--version" { name = CommandCatalog.version.name }
        guard let declaration = CommandCatalog.command(named: name) else {
            throw .usage(CommandCatalog.unknownCommandMessage(name))
        }
        let rest = Array(arguments.dropFirst())
        if HelpFormatter.isRequested(rest) {
            context.standardOutput.write(HelpFormatter.help(for: declaration))
            return .success
        }
        switch declaration.name {
        case ExportOptions.declaration.name: return try await ExportCommand(context: context).run(rest)
        case ValidateCommand.declaration.name: return try ValidateCommand(context: context).run(rest)
        case ReviewCommand.declaration.name: return try ReviewCommand(context: context).run(rest)
        case ConvertCommand.declaration.name: return try ConvertCommand(context: context).run(rest)
        case WhoCanCommand.declaration.name: return try WhoCanCommand(context: context).run(rest)
        case AccessCommand.declaration.name: return try AccessCommand(context: context).run(rest)
        case TrendCommand.declaration.name: return try TrendCommand(context: context).run(rest)
        case CommandCatalog.help.name:
            let parsed = try ParsedArguments(rest, declaration: CommandCatalog.help)
            guard let topic = parsed.positionals.first else {
                context.standardOutput.write(overview)
                return .success
            }
            guard let topicDeclaration = CommandCatalog.command(named: topic) else {
                let suggestion = NearMiss.suggestion(for: topic, among: CommandCatalog.all.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                throw .usage("no help for \(ParsedArguments.shown(topic)): the commands are \(CommandCatalog.names)\(suggestion)")
            }
            context.standardOutput.write(HelpFormatter.help(for: topicDeclaration))
            return .success
        case CommandCatalog.version.name:
            _ = try ParsedArguments(rest, declaration: CommandCatalog.version)
            context.standardOutput.line("clerk-grants \(ClerkGrantsVersion.current)")
            return .success
        default:
            // The yes/no commands (`AnswerStatus.commands`) run before this dispatch, for their own exit
            // codes; every other declared command is above.
            preconditionFailure("\(declaration.name) is declared but not dispatched")
        }
    }

    /// `clerk-grants help`, and what a bare `clerk-grants` prints on stderr.
    static var overview: String { HelpFormatter.overview(CommandCatalog.all, version: ClerkGrantsVersion.current) }
}
