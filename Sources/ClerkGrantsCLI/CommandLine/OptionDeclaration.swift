/// One command-line option, declared once: its name, the kind and range of its value, its default, the
/// environment variable that stands in for it, and its help line. Parsing, validation, `--help`, the
/// overview and the README check all read this declaration; nothing else spells an option out.
struct OptionDeclaration: Sendable {
    /// What an option's value may be. Every kind is checked while parsing, before any conversion.
    enum ValueKind: Sendable {
        /// No value: present or not.
        case flag
        /// Any text without a NUL byte, at most `OptionDeclaration.maximumTextBytes` long (a path, a URL, a list).
        case text
        /// One of a fixed list of words; `aliases` are accepted and read as the word they stand for.
        case choice([String], aliases: [String: String] = [:])
        /// A whole number in the range.
        case wholeNumber(ClosedRange<Int>)
        /// A finite number in the range, or exactly 0 when `zeroTurnsOff` ("0 turns it off").
        case number(ClosedRange<Double>, zeroTurnsOff: Bool = false)
        /// An RFC 3339 UTC time from 1970 to 9999 that reads back unchanged.
        case time
    }

    /// How an environment variable stands in for an option.
    enum EnvironmentVariable: Sendable {
        /// The variable holds the option's value: the flag wins, then the variable, then the default.
        case value(String)
        /// The variable holds what the option's file would hold (a key); the command reads it itself.
        case contents(String)
        /// A flag that the variable set to `true` (any case) also turns on.
        case trueTurnsOn(String)
        /// A flag that the variable's presence, whatever its value, also turns on (`NO_COLOR`).
        case presenceTurnsOn(String)

        var name: String {
            switch self {
            case .value(let name), .contents(let name), .trueTurnsOn(let name), .presenceTurnsOn(let name): return name
            }
        }

        /// As the help and the README's flag tables show it.
        var shown: String {
            switch self {
            case .value(let name), .contents(let name), .presenceTurnsOn(let name): return name
            case .trueTurnsOn(let name): return "\(name)=true"
            }
        }
    }

    /// A path or URL longer than this is no path or URL (PATH_MAX is 4096); junk is refused unread.
    static let maximumTextBytes = 4096

    /// `--output`, with its dashes.
    let name: String
    /// `FILE` in `--output FILE`; nil for a flag.
    let valueName: String?
    let kind: ValueKind
    /// The value used when the option is absent, written as it would be given (`"4"`), so it passes the
    /// same checks as a given value.
    let defaultValue: String?
    /// What happens when the option is absent, when that is no single value (`stdout`, `all`).
    let defaultNote: String?
    let environment: EnvironmentVariable?
    /// One line for `--help`; the kind adds its range and the declaration its default and variable.
    let help: String
    /// Given, the option replaces the command's positional arguments (`diff --store DIR` instead of OLD NEW).
    let replacesPositionals: Bool
    /// The command refuses to run without it (`convert --to`).
    let isRequired: Bool
    /// It may be given more than once (`review --org A --org B`); every value is checked, and read in
    /// command-line order with `ParsedArguments.texts(_:)`. Any other option given twice is an error.
    let isRepeatable: Bool

    init(
        _ name: String, _ valueName: String? = nil, kind: ValueKind, default defaultValue: String? = nil,
        defaultNote: String? = nil, environment: EnvironmentVariable? = nil, replacesPositionals: Bool = false,
        required isRequired: Bool = false, repeatable isRepeatable: Bool = false, help: String
    ) {
        precondition(name.hasPrefix("--") && (valueName == nil) == (kind.isFlag), "option \(name) is declared inconsistently")
        precondition(!(isRepeatable && (kind.isFlag || defaultValue != nil)), "repeatable option \(name) must take a value and have no default")
        self.name = name
        self.valueName = valueName
        self.kind = kind
        self.defaultValue = defaultValue
        self.defaultNote = defaultNote
        self.environment = environment
        self.replacesPositionals = replacesPositionals
        self.isRequired = isRequired
        self.isRepeatable = isRepeatable
        self.help = help
    }

    /// A flag: present or not.
    static func flag(_ name: String, environment: EnvironmentVariable? = nil, help: String) -> OptionDeclaration {
        OptionDeclaration(name, kind: .flag, environment: environment, help: help)
    }

    var takesValue: Bool { !kind.isFlag }

    /// `--output FILE`, or `--quiet`: how the option is written in help and in the README's tables.
    var label: String { valueName.map { "\(name) \($0)" } ?? name }

    /// `--to ndjson|csv` for a choice, else the label: how a synopsis shows the option.
    var synopsisLabel: String {
        if case .choice(let words, _) = kind { return "\(name) \(words.joined(separator: "|"))" }
        return label
    }

    /// What the help and the README show as the default, if anything.
    var defaultShown: String? { defaultValue ?? defaultNote }
}

extension OptionDeclaration.ValueKind {
    var isFlag: Bool {
        if case .flag = self { return true }
        return false
    }

    /// The values this kind accepts, in words: "a whole number from 1 to 64", "text, json or markdown".
    /// Error messages say "must be" followed by this, so the help and the message cannot disagree.
    var accepted: String? {
        switch self {
        case .flag, .text: return nil
        case .choice(let words, _): return Self.list(words)
        case .wholeNumber(let range): return "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .number(let range, let zeroTurnsOff):
            return "\(zeroTurnsOff ? "0 or " : "")a number from \(Self.decimal(range.lowerBound)) to \(Self.decimal(range.upperBound))"
        case .time: return "an RFC 3339 UTC time from 1970 to 9999 like 2026-11-20T00:00:00Z"
        }
    }

    /// `a, b or c` (or `a, b and c`).
    static func list(_ words: [String], conjunction: String = "or") -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// `0.1`, `600` (not `600.0`).
    static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
