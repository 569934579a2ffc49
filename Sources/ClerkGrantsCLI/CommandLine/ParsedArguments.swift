import GrantGraph
import SnapshotFormat

/// A command line parsed by its command's declaration: `--name value`, `--name=value`, flags,
/// positionals, and `--` to end options. Strict by design, since a typo must never silently change what
/// runs: an unknown option is an error (with the nearest declared name as a suggestion), every value is
/// checked against its kind and range before any conversion, an option given twice is an error, and a
/// secret key is refused wherever it is put on the command line.
struct ParsedArguments {
    /// A value that passed its kind's checks.
    enum Value: Equatable {
        case text(String)
        case integer(Int)
        case number(Double)
    }

    let declaration: CommandDeclaration
    private var values: [String: Value] = [:]
    /// Every value of a repeatable option, in command-line order (`values` holds the first).
    private var repeatedValues: [String: [Value]] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ arguments: [String], declaration: CommandDeclaration) throws(CLIError) {
        self.declaration = declaration
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if name == "--secret-key" || name == "--key" {
                throw .usage(
                    "\(name) is not accepted: a key on the command line lands in shell history and the process list; use --secret-key-file PATH or the CLERK_SECRET_KEY environment variable")
            }
            guard let option = declaration.option(named: name) else {
                throw .usage(Self.unknownOptionMessage(name, declaration: declaration))
            }
            guard option.takesValue else {
                if inlineValue != nil { throw .usage("\(name) takes no value") }
                if flags.contains(name) { throw .usage("\(name) was given more than once") }
                flags.insert(name)
                continue
            }
            let text: String
            if let inlineValue {
                text = inlineValue
            } else {
                // The next argument is the value whatever it looks like, so `--keep -1` is judged as a number.
                guard index < arguments.count else { throw .usage("\(option.label) needs a value") }
                text = arguments[index]
                index += 1
            }
            if values[name] != nil, !option.isRepeatable { throw .usage("\(name) was given more than once") }
            let value = try Self.check(text, for: option)
            if values[name] == nil { values[name] = value }
            if option.isRepeatable { repeatedValues[name, default: []].append(value) }
        }
        try checkPositionals()
        for option in declaration.options where option.isRequired && !isGiven(option) {
            throw .usage("\(option.synopsisLabel) is required; usage: \(declaration.synopsis)")
        }
        for rule in declaration.rules {
            if let message = rule.violation(in: self) { throw .usage(message) }
        }
    }

    /// Positionals are user data; one that looks like a Clerk key is refused without echoing it.
    private func checkPositionals() throws(CLIError) {
        if positionals.contains(where: { $0.hasPrefix("sk_live_") || $0.hasPrefix("sk_test_") }) {
            throw .usage("a secret key was given as an argument; it is not accepted there (use --secret-key-file or CLERK_SECRET_KEY)")
        }
        let replaced = declaration.options.contains { $0.replacesPositionals && isGiven($0) }
        let expected = replaced ? 0...0 : declaration.positionalCount
        guard expected.contains(positionals.count) else { throw .usage("usage: \(declaration.synopsis)") }
    }

    static func unknownOptionMessage(_ name: String, declaration: CommandDeclaration) -> String {
        let candidates = declaration.options.map(\.name) + [HelpFormatter.helpOption]
        let suggestion = NearMiss.suggestion(for: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
        let shown = name.utf8.count <= 64 ? name : shown(name)
        return "unknown option \(shown)\(suggestion)"
    }

    /// Checks `text` against the option's kind: ranges before conversion, NUL and overlong text refused.
    static func check(_ text: String, for option: OptionDeclaration) throws(CLIError) -> Value {
        let refusal = CLIError.usage("\(option.name) must be \(option.kind.accepted ?? "text"), not \(shown(text))")
        switch option.kind {
        case .flag:
            preconditionFailure("a flag has no value")
        case .text:
            guard text.utf8.count <= OptionDeclaration.maximumTextBytes, !text.utf8.contains(0) else {
                throw .usage("\(option.name) must be text of at most \(OptionDeclaration.maximumTextBytes) bytes without NUL, not \(shown(text))")
            }
            return .text(text)
        case .choice(let words, let aliases):
            if words.contains(text) { return .text(text) }
            guard let word = aliases[text] else { throw refusal }
            return .text(word)
        case .wholeNumber(let range):
            // `Int(_:)` answers nil on overflow rather than trapping, so "99999999999999999999" is refused too.
            guard isPlainToken(text), let number = Int(text), range.contains(number) else { throw refusal }
            return .integer(number)
        case .number(let range, let zeroTurnsOff):
            // nan and inf are refused here, before any conversion to an integer or a duration could trap.
            guard isPlainToken(text), let number = Double(text), number.isFinite,
                range.contains(number) || (zeroTurnsOff && number == 0)
            else { throw refusal }
            return .number(number)
        case .time:
            guard isPlainToken(text), isRoundTripTime(text) else { throw refusal }
            return .text(text)
        }
    }

    /// Printable ASCII without spaces, and short: the number parsers read through C strings, where a NUL
    /// would end the value early ("5\0junk" as 5), and no valid number or time is longer than this.
    private static func isPlainToken(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// A time the parser reads and writes back unchanged: month 13, February 30 or hour 25 parse as
    /// numbers but are not times, and a year before 1970 is not a time any Clerk record has.
    private static func isRoundTripTime(_ text: String) -> Bool {
        guard let milliseconds = Timestamp.milliseconds(rfc3339: text), milliseconds >= 0 else { return false }
        let written = text.utf8.count == 20
            ? Timestamp.rfc3339(seconds: milliseconds / 1000) : Timestamp.rfc3339(milliseconds: milliseconds)
        return written == text
    }

    /// A value quoted back in a message, cut short: junk of any length must not flood the terminal.
    static func shown(_ text: String) -> String {
        text.count <= 40 ? "'\(text)'" : "'\(text.prefix(40))...' (\(text.utf8.count) bytes)"
    }

    // MARK: Reading the values

    /// Whether the option was on the command line (defaults and environment variables aside).
    func isGiven(_ option: OptionDeclaration) -> Bool {
        requireDeclared(option)
        return option.takesValue ? values[option.name] != nil : flags.contains(option.name)
    }

    /// A flag: given, or turned on by its environment variable when `environment` is passed.
    func flag(_ option: OptionDeclaration, environment: [String: String] = [:]) -> Bool {
        if isGiven(option) { return true }
        switch option.environment {
        case .trueTurnsOn(let name): return environment[name]?.lowercased() == "true"
        case .presenceTurnsOn(let name): return environment[name] != nil
        case .value, .contents, nil: return false
        }
    }

    /// A text, choice or time value: given, else its environment variable (`.value` kinds, when
    /// `environment` is passed), else its declared default.
    func text(_ option: OptionDeclaration, environment: [String: String] = [:]) -> String? {
        requireDeclared(option)
        if case .text(let text)? = values[option.name] { return text }
        if case .value(let name)? = option.environment, let text = environment[name] { return text }
        return option.defaultValue
    }

    /// Every text value of a repeatable option, in command-line order; empty when it was not given.
    func texts(_ option: OptionDeclaration) -> [String] {
        requireDeclared(option)
        precondition(option.isRepeatable, "\(option.name) is not declared repeatable")
        return (repeatedValues[option.name] ?? []).compactMap { value in
            if case .text(let text) = value { return text }
            return nil
        }
    }

    /// A choice as the type that names its words.
    func choice<Choice: RawRepresentable<String>>(_ option: OptionDeclaration, as type: Choice.Type) -> Choice? {
        text(option).map { word in
            guard let choice = Choice(rawValue: word) else { preconditionFailure("\(option.name) declares '\(word)', which \(Choice.self) lacks") }
            return choice
        }
    }

    /// A whole-number value, else its declared default.
    func integer(_ option: OptionDeclaration) -> Int? {
        requireDeclared(option)
        if case .integer(let number)? = values[option.name] { return number }
        return option.defaultValue.map { Self.declaredDefault($0, of: option) }
    }

    /// A number value, else its declared default.
    func number(_ option: OptionDeclaration) -> Double? {
        requireDeclared(option)
        if case .number(let number)? = values[option.name] { return number }
        return option.defaultValue.map { Self.declaredDefault($0, of: option) }
    }

    /// A declared default is code, not input: one that fails its own option's checks is a programming error.
    private static func declaredDefault<Number>(_ text: String, of option: OptionDeclaration) -> Number {
        switch try? check(text, for: option) {
        case .integer(let number as Number)?: return number
        case .number(let number as Number)?: return number
        default: preconditionFailure("\(option.name) declares the default '\(text)', which it refuses")
        }
    }

    private func requireDeclared(_ option: OptionDeclaration) {
        assert(declaration.option(named: option.name) != nil, "\(declaration.name) does not declare \(option.name)")
    }
}
