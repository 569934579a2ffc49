/// The exit statuses of the commands that answer a yes/no question, as diff(1) does: `diff` (are they the
/// same?), `store verify` (is the chain intact?), `certify` (is every membership decided?) and
/// `remediation` (is every decision carried out?). 0 yes, 1 no, 2 trouble, so a script can tell "no" from
/// "the tool could not answer"; these commands report their own errors.
enum AnswerStatus: Int32 {
    case yes = 0
    case no = 1
    case trouble = 2

    /// The commands that answer this way, by name, each run through `run` (the others exit by `ExitCode`).
    static let commands: [String: @Sendable (CommandContext, [String]) async throws -> AnswerStatus] = [
        DiffCommand.declaration.name: { context, arguments in try await DiffCommand(context: context).answer(arguments) },
        StoreCommand.declaration.name: { context, arguments in try StoreCommand(context: context).answer(arguments) },
        CertifyCommand.declaration.name: { context, arguments in try CertifyCommand(context: context).answer(arguments) },
        RemediationCommand.declaration.name: { context, arguments in try RemediationCommand(context: context).answer(arguments) },
    ]

    /// Runs the named command's `answer`, turning any error into its message on stderr and status 2; help
    /// is answered first, and an answer cut short on stdout is trouble, never "yes".
    static func run(
        _ answer: @Sendable (CommandContext, [String]) async throws -> AnswerStatus, declaration: CommandDeclaration,
        arguments: [String], context: CommandContext
    ) async -> Int32 {
        do {
            if HelpFormatter.isRequested(arguments) {
                context.standardOutput.write(HelpFormatter.help(for: declaration))
                try context.standardOutput.requireDelivered()
                return yes.rawValue
            }
            let status = try await answer(context, arguments)
            try context.standardOutput.requireDelivered()
            return status.rawValue
        } catch {
            context.standardError.line(ClerkGrantsCommand.errorMessage(error))
            return trouble.rawValue
        }
    }
}
