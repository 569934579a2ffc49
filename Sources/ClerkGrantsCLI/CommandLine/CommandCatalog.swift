/// Every command `clerk-grants` has, in the order the overview lists them, and the two that have no
/// type of their own (`help`, `version`).
enum CommandCatalog {
    static let help = CommandDeclaration(
        "help", abstract: "Prints the overview, or one command's usage, options and exit codes.",
        positionals: [.init("COMMAND", optional: true)], exitCodes: "0 ok, 1 no such command")

    static let version = CommandDeclaration(
        "version", abstract: "Prints the tool's name and version.", exitCodes: "0 ok")

    static let all: [CommandDeclaration] = [
        ExportOptions.declaration, ValidateCommand.declaration, DiffCommand.declaration, ReviewCommand.declaration,
        ConvertCommand.declaration, WhoCanCommand.declaration, AccessCommand.declaration, TrendCommand.declaration,
        CertifyCommand.declaration, RemediationCommand.declaration, StoreCommand.declaration, help, version,
    ]

    static func command(named name: String) -> CommandDeclaration? { all.first { $0.name == name } }

    /// "unknown command 'expor'; did you mean 'export'?"
    static func unknownCommandMessage(_ name: String) -> String {
        let suggestion = NearMiss.suggestion(for: name, among: all.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown command \(ParsedArguments.shown(name))\(suggestion)"
    }

    /// "export, validate, ..., help and version".
    static var names: String { OptionDeclaration.ValueKind.list(all.map(\.name), conjunction: "and") }
}
