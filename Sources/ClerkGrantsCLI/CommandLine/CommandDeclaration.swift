/// One subcommand, declared once: what it does, its positional arguments, its options and the rules
/// between them, and its exit codes. `ParsedArguments` parses by it, `HelpFormatter` writes its help
/// from it, and a test holds the README's flag table to it.
struct CommandDeclaration: Sendable {
    /// A positional argument: `SNAPSHOT`, `[COMMAND]` when optional, `DECISIONS...` when it takes one
    /// or more arguments (the last positional only).
    struct Positional: Sendable {
        let name: String
        let isOptional: Bool
        let repeats: Bool

        init(_ name: String, optional: Bool = false, repeats: Bool = false) {
            self.name = name
            isOptional = optional
            self.repeats = repeats
        }

        var synopsisLabel: String {
            let label = repeats ? "\(name)..." : name
            return isOptional ? "[\(label)]" : label
        }
    }

    /// `review`.
    let name: String
    /// One sentence: what the command does (the first line of its help and its line in the overview).
    let abstract: String
    let positionals: [Positional]
    let options: [OptionDeclaration]
    let rules: [OptionRule]
    /// The exit codes line of the help, e.g. "0 ok, 1 usage or bad input, 5 output not written".
    let exitCodes: String

    init(
        _ name: String, abstract: String, positionals: [Positional] = [], options: [OptionDeclaration] = [],
        rules: [OptionRule] = [], exitCodes: String
    ) {
        precondition(Set(options.map(\.name)).count == options.count, "\(name) declares an option twice")
        precondition(!options.contains { $0.name == HelpFormatter.helpOption }, "--help is every command's own")
        precondition(!positionals.dropLast().contains(where: \.repeats), "\(name): only the last positional repeats")
        self.name = name
        self.abstract = abstract
        self.positionals = positionals
        self.options = options
        self.rules = rules
        self.exitCodes = exitCodes
    }

    /// How many positional arguments the command takes when no option replaces them.
    var positionalCount: ClosedRange<Int> {
        positionals.filter { !$0.isOptional }.count...(positionals.last?.repeats == true ? Self.maximumRepeatedPositionals : positionals.count)
    }

    /// The most arguments a repeating positional takes: each names a file that is read whole.
    static let maximumRepeatedPositionals = 10_000

    func option(named name: String) -> OptionDeclaration? { options.first { $0.name == name } }

    /// `clerk-grants review SNAPSHOT [--format markdown|html|json] ...`: positionals, then every option
    /// (in brackets unless required); commands with many options say `[options]` instead, and an option
    /// that replaces the positionals is shown as their alternative.
    var synopsis: String { synopsisParts.joined(separator: " ") }

    /// The synopsis in the pieces a line may break between (never inside `[--format text|json]`).
    var synopsisParts: [String] {
        var parts = ["clerk-grants", name]
        let replacing = options.filter(\.replacesPositionals)
        let positionalParts = positionals.map(\.synopsisLabel)
        let others = options.filter { !$0.replacesPositionals }
        if replacing.isEmpty { parts += positionalParts }
        if others.count > Self.optionsListedInSynopsis {
            parts.append("[options]")
        } else {
            parts += others.map { $0.isRequired ? $0.synopsisLabel : "[\($0.synopsisLabel)]" }
        }
        if !replacing.isEmpty {
            let alternatives = [positionalParts.joined(separator: " ")] + replacing.map(\.synopsisLabel)
            parts.append("(" + alternatives.joined(separator: " | ") + ")")
        }
        return parts
    }

    /// Beyond this many options a synopsis no longer fits a line; `--help` lists them all anyway.
    static let optionsListedInSynopsis = 6
}
