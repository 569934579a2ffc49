/// The exit statuses of `certify` and `remediation`, which answer a yes/no question as diff(1) does:
/// 0 yes (complete, nothing outstanding), 1 no, 2 trouble. So a script can tell "the review is not
/// finished" from "the tool could not answer"; these commands report their own errors.
enum CheckStatus: Int32 {
    case complete = 0
    case incomplete = 1
    case trouble = 2

    /// Runs `body` and turns any error (a `CLIError`, or a refusal of the command's own) into its message
    /// on stderr and status 2; help is answered first.
    static func run(
        _ rawArguments: [String], declaration: CommandDeclaration, context: CommandContext,
        _ body: () throws -> CheckStatus
    ) -> Int32 {
        do {
            if HelpFormatter.isRequested(rawArguments) {
                context.standardOutput.write(HelpFormatter.help(for: declaration))
                try context.standardOutput.requireDelivered()
                return complete.rawValue
            }
            let status = try body()
            // A report cut short on stdout is trouble, never "complete".
            try context.standardOutput.requireDelivered()
            return status.rawValue
        } catch {
            context.standardError.line(ClerkGrantsCommand.errorMessage(error))
            return trouble.rawValue
        }
    }
}
