/// The help text, written from the declarations: `clerk-grants help` (the overview) and
/// `clerk-grants COMMAND --help` / `-h` / `help COMMAND`. Like swift-argument-parser's help generator, it
/// only reads declarations, so the help cannot list a flag the parser does not take or miss one it does.
enum HelpFormatter {
    /// Every command's own option, handled before its declared options are parsed.
    static let helpOption = "--help"
    static let helpLabel = "-h, --help"
    /// Help is wrapped to this many columns.
    static let width = 100
    /// Where an option's description starts.
    static let labelColumn = 27

    /// Whether the arguments ask for help (`--help` or `-h` before any `--`), which wins over everything
    /// else on the line, so that asking never runs the command.
    static func isRequested(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == helpOption || argument == "-h" { return true }
        }
        return false
    }

    /// One command's usage, abstract, options with their ranges, defaults and variables, and exit codes.
    static func help(for command: CommandDeclaration) -> String {
        var text = wrapped(["Usage:"] + command.synopsisParts, indent: 4) + "\n\n"
        text += wrapped(command.abstract, indent: 0) + "\n\n"
        text += "Options:\n"
        for option in command.options {
            text += entry(option.label, description(of: option))
        }
        text += entry(helpLabel, "show this help and exit")
        text += "\n" + wrapped("Exit codes: \(command.exitCodes).", indent: 0) + "\n"
        return text
    }

    /// `clerk-grants help`: every command's synopsis and what it does.
    static func overview(_ commands: [CommandDeclaration], version: String) -> String {
        var text = wrapped(
            "clerk-grants \(version): a Clerk instance's users, organizations, roles, permissions and memberships as a versioned access-governance snapshot.",
            indent: 0) + "\n\n"
        text += "Usage:\n"
        for command in commands {
            text += wrapped(command.synopsisParts, indent: 4, firstIndent: 2) + "\n"
        }
        text += "\nCommands:\n"
        for command in commands {
            text += entry(command.name, command.abstract)
        }
        text += "\nRun 'clerk-grants COMMAND --help' (or 'clerk-grants help COMMAND') for a command's options and exit codes.\n"
        return text
    }

    /// The help line, then what the kind accepts, the default and the environment variable.
    static func description(of option: OptionDeclaration) -> String {
        var details: [String] = []
        if let accepted = option.kind.accepted { details.append(accepted) }
        if option.isRequired { details.append("required") }
        if option.isRepeatable { details.append("repeatable") }
        if let shown = option.defaultShown { details.append("default \(shown)") }
        if let variable = option.environment { details.append("environment \(variable.shown)") }
        return details.isEmpty ? option.help : "\(option.help) (\(details.joined(separator: "; ")))"
    }

    /// `  label` padded to the description column (or alone on its line when longer), then the
    /// description wrapped under the column.
    private static func entry(_ label: String, _ description: String) -> String {
        let lead = "  " + label
        let body = wrapped(description, indent: labelColumn, firstIndent: 0, firstWidth: width - labelColumn)
        if lead.count + 1 < labelColumn {
            return lead + String(repeating: " ", count: labelColumn - lead.count) + body + "\n"
        }
        return lead + "\n" + String(repeating: " ", count: labelColumn) + body + "\n"
    }

    /// Words wrapped to `width`; lines after the first start with `indent` spaces. A word longer than a
    /// line gets a line of its own rather than being cut.
    private static func wrapped(_ text: String, indent: Int, firstIndent: Int = 0, firstWidth: Int? = nil) -> String {
        wrapped(text.split(separator: " ").map(String.init), indent: indent, firstIndent: firstIndent, firstWidth: firstWidth)
    }

    /// Pieces joined by spaces and wrapped between pieces.
    private static func wrapped(_ words: [String], indent: Int, firstIndent: Int = 0, firstWidth: Int? = nil) -> String {
        var lines: [String] = []
        var line = String(repeating: " ", count: firstIndent)
        var limit = firstWidth ?? width
        var lineHasWords = false
        for word in words {
            if lineHasWords, line.count + 1 + word.count > limit {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                limit = width
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
