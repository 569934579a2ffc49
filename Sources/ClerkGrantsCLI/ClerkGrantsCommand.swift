import OutputEscaping

/// The `clerk-grants` front end: picks the subcommand, runs it, and turns any error into its message on
/// stderr and its documented exit code.
public enum ClerkGrantsCommand {
    public static func run(_ arguments: [String], context: CommandContext) async -> Int32 {
        // `diff` has diff(1)'s exit codes (0 same, 1 different, 2 trouble) and reports its own errors.
        if arguments.first == "diff" { return await DiffCommand(context: context).run(Array(arguments.dropFirst())) }
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
        guard let name = arguments.first else {
            context.standardError.write(HelpText.overview)
            return .usageOrInput
        }
        let rest = Array(arguments.dropFirst())
        if HelpText.isRequested(rest), let help = HelpText.command(name) {
            context.standardOutput.write(help)
            return .success
        }
        switch name {
        case "export": return try await ExportCommand(context: context).run(rest)
        case "validate": return try ValidateCommand(context: context).run(rest)
        case "review": return try ReviewCommand(context: context).run(rest)
        case "convert": return try ConvertCommand(context: context).run(rest)
        case "who-can": return try WhoCanCommand(context: context).run(rest)
        case "access": return try AccessCommand(context: context).run(rest)
        case "help", "--help", "-h":
            guard let topic = rest.first else {
                context.standardOutput.write(HelpText.overview)
                return .success
            }
            guard rest.count == 1, let help = HelpText.command(topic) else {
                throw .usage("no help for \(ArgumentList.shown(topic)): the commands are export, validate, diff, review, convert, who-can, access, help and version")
            }
            context.standardOutput.write(help)
            return .success
        case "version", "--version":
            context.standardOutput.line("clerk-grants \(ClerkGrantsVersion.current)")
            return .success
        default:
            throw .usage("unknown command '\(name)'")
        }
    }
}
