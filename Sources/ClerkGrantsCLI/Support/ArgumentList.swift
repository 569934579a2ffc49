/// A small strict command-line parser: `--name value`, `--name=value`, boolean `--flag`, positionals,
/// and `--` to end options. Unknown options are errors (a typo must never silently change what runs).
struct ArgumentList {
    struct Option {
        var name: String
        var takesValue: Bool
    }

    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    init(_ arguments: [String], options: [Option]) throws(CLIError) {
        let byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
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
            guard let option = byName[name] else { throw .usage("unknown option \(name)") }
            if option.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw .usage("\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                if values[name] != nil { throw .usage("\(name) was given more than once") }
                values[name] = value
            } else {
                if inlineValue != nil { throw .usage("\(name) takes no value") }
                flags.insert(name)
            }
        }
    }

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `name` as a whole number in `range`. `Int(_:)` answers nil on overflow rather than
    /// trapping, so "99999999999999999999" is refused like any other text.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let text = values[name] else { return nil }
        guard Self.isPlainToken(text), let number = Int(text), range.contains(number) else {
            throw .usage("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(Self.shown(text))")
        }
        return number
    }

    /// The value of `name` as a finite number in `range` (nan and inf are refused before any conversion
    /// to an integer or a duration could trap), or exactly `zero` when `allowingZero`: "0 turns it off".
    func number(_ name: String, in range: ClosedRange<Double>, allowingZero: Bool = false) throws(CLIError) -> Double? {
        guard let text = values[name] else { return nil }
        guard Self.isPlainToken(text), let number = Double(text), number.isFinite,
            range.contains(number) || (allowingZero && number == 0)
        else {
            let zero = allowingZero ? "0 or " : ""
            throw .usage("\(name) must be \(zero)a number from \(Self.decimal(range.lowerBound)) to \(Self.decimal(range.upperBound)), not \(Self.shown(text))")
        }
        return number
    }

    /// Printable ASCII without spaces, and short: the number parsers read through C strings, where a NUL
    /// would end the value early ("5\0junk" as 5), and no valid number is longer than this.
    private static func isPlainToken(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// A value quoted back in a message, cut short: junk of any length must not flood the terminal.
    static func shown(_ text: String) -> String {
        text.count <= 40 ? "'\(text)'" : "'\(text.prefix(40))...' (\(text.utf8.count) bytes)"
    }

    /// `0.1`, `600` (not `600.0`).
    private static func decimal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Positionals are user data; one that looks like a Clerk key is refused without echoing it.
    func requirePositionals(_ count: ClosedRange<Int>, usage: String) throws(CLIError) {
        if positionals.contains(where: { $0.hasPrefix("sk_live_") || $0.hasPrefix("sk_test_") }) {
            throw .usage("a secret key was given as an argument; it is not accepted there (use --secret-key-file or CLERK_SECRET_KEY)")
        }
        guard count.contains(positionals.count) else { throw .usage("usage: \(usage)") }
    }
}
