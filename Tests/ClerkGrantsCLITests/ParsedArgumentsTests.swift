@testable import ClerkGrantsCLI
import Testing

/// The argument parser itself, on a declaration with one option of every kind: each kind's accepted and
/// refused values, `--x=y`, `--`, repeats, unknown options with and without a suggestion, environment
/// variables, defaults, required options, positional counts and the rules between options.
@Suite struct ParsedArgumentsTests {
    static let name = OptionDeclaration("--name", "TEXT", kind: .text, help: "text")
    static let mode = OptionDeclaration("--mode", "MODE", kind: .choice(["fast", "slow"], aliases: ["quick": "fast"]), default: "fast", help: "a choice")
    static let count = OptionDeclaration("--count", "N", kind: .wholeNumber(1...64), default: "4", help: "a whole number")
    static let rate = OptionDeclaration("--rate", "R", kind: .number(0.1...100, zeroTurnsOff: true), help: "a number")
    static let when = OptionDeclaration("--when", "TIME", kind: .time, help: "a time")
    static let url = OptionDeclaration("--url", "URL", kind: .text, default: "https://example.invalid", environment: .value("TEST_URL"), help: "with a variable")
    static let loud = OptionDeclaration.flag("--loud", environment: .trueTurnsOn("TEST_LOUD"), help: "a flag")
    static let plain = OptionDeclaration.flag("--plain", environment: .presenceTurnsOn("TEST_PLAIN"), help: "a flag")
    static let store = OptionDeclaration("--store", "DIR", kind: .text, replacesPositionals: true, help: "instead of the files")
    static let keep = OptionDeclaration("--keep", "N", kind: .wholeNumber(1...9), help: "needs --store")
    static let csvOnly = OptionDeclaration.flag("--csv-only", help: "needs --mode slow")
    static let declaration = CommandDeclaration(
        "try", abstract: "A command for tests.", positionals: [.init("OLD"), .init("NEW")],
        options: [name, mode, count, rate, when, url, loud, plain, store, keep, csvOnly],
        rules: [.exclusive(loud, plain, reason: "pick one"), .requires(keep, store), .requires(csvOnly, mode, value: "slow")],
        exitCodes: "0 ok")

    static func parse(_ arguments: [String]) throws(CLIError) -> ParsedArguments {
        try ParsedArguments(arguments, declaration: declaration)
    }

    /// The usage message of a refused command line, or nil when it parses.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            guard case .usage(let message) = error else { return "not a usage error: \(error)" }
            return message
        }
    }

    @Test func valuesOfEveryKindAreReadTyped() throws {
        let parsed = try Self.parse([
            "--name", "a b", "--mode=slow", "--count", "64", "--rate", "0", "--when", "2026-11-20T00:00:00.000Z", "--loud", "a", "b",
        ])
        #expect(parsed.text(Self.name) == "a b")
        #expect(parsed.text(Self.mode) == "slow")
        #expect(parsed.integer(Self.count) == 64)
        #expect(parsed.number(Self.rate) == 0)
        #expect(parsed.text(Self.when) == "2026-11-20T00:00:00.000Z")
        #expect(parsed.flag(Self.loud))
        #expect(!parsed.flag(Self.plain))
        #expect(parsed.positionals == ["a", "b"])
    }

    @Test func absentOptionsReadTheirDefaults() throws {
        let parsed = try Self.parse(["a", "b"])
        #expect(parsed.integer(Self.count) == 4)
        #expect(!parsed.isGiven(Self.count))
        #expect(parsed.text(Self.mode) == "fast")
        #expect(parsed.number(Self.rate) == nil)
        #expect(parsed.text(Self.name) == nil)
        #expect(parsed.text(Self.url) == "https://example.invalid")
    }

    @Test func aliasesReadAsTheWordTheyStandFor() throws {
        #expect(try Self.parse(["--mode", "quick", "a", "b"]).text(Self.mode) == "fast")
    }

    /// `--x=y` splits at the first `=` only, and the next argument is a value whatever it looks like.
    @Test(arguments: [
        (["--name=a=b", "x", "y"], "a=b"), (["--name=", "x", "y"], ""), (["--name", "--", "x", "y"], "--"),
        (["--name", "-", "x", "y"], "-"), (["--name", "--count", "x", "y"], "--count"),
    ])
    func valuesAreTakenAsGiven(arguments: [String], value: String) throws {
        let parsed = try Self.parse(arguments)
        #expect(parsed.text(Self.name) == value)
        #expect(parsed.positionals == ["x", "y"])
    }

    /// After `--` everything is positional; a lone `-` always is.
    @Test(arguments: [
        (["--", "--loud", "-h"], ["--loud", "-h"], false), (["-", "--loud", "b"], ["-", "b"], true),
        (["a", "--", "--"], ["a", "--"], false),
    ])
    func doubleDashEndsOptions(arguments: [String], positionals: [String], loud: Bool) throws {
        let parsed = try Self.parse(arguments)
        #expect(parsed.positionals == positionals)
        #expect(parsed.flag(Self.loud) == loud)
    }

    @Test(arguments: [
        (["--count", "0", "a", "b"], "--count must be a whole number from 1 to 64, not '0'"),
        (["--count", "65", "a", "b"], "--count must be a whole number from 1 to 64, not '65'"),
        (["--count", "99999999999999999999", "a", "b"], "--count must be a whole number from 1 to 64, not '99999999999999999999'"),
        (["--count", "4.0", "a", "b"], "--count must be a whole number from 1 to 64, not '4.0'"),
        (["--count", "5\u{0}", "a", "b"], "--count must be a whole number from 1 to 64, not '5\u{0}'"),
        (["--rate", "0.05", "a", "b"], "--rate must be 0 or a number from 0.1 to 100, not '0.05'"),
        (["--rate", "nan", "a", "b"], "--rate must be 0 or a number from 0.1 to 100, not 'nan'"),
        (["--rate", "inf", "a", "b"], "--rate must be 0 or a number from 0.1 to 100, not 'inf'"),
        (["--rate", " 5", "a", "b"], "--rate must be 0 or a number from 0.1 to 100, not ' 5'"),
        (["--mode", "medium", "a", "b"], "--mode must be fast or slow, not 'medium'"),
        (["--mode", "FAST", "a", "b"], "--mode must be fast or slow, not 'FAST'"),
        (["--when", "2026-02-30T00:00:00Z", "a", "b"], "--when must be an RFC 3339 UTC time from 1970 to 9999 like 2026-11-20T00:00:00Z, not '2026-02-30T00:00:00Z'"),
        (["--when", "1969-12-31T23:59:59Z", "a", "b"], "--when must be an RFC 3339 UTC time from 1970 to 9999 like 2026-11-20T00:00:00Z, not '1969-12-31T23:59:59Z'"),
        (["--name", "a\u{0}b", "a", "b"], "--name must be text of at most 4096 bytes without NUL, not 'a\u{0}b'"),
        (["--count", String(repeating: "7", count: 65), "a", "b"], "--count must be a whole number from 1 to 64, not '\(String(repeating: "7", count: 40))...' (65 bytes)"),
    ])
    func valuesAreCheckedByKindBeforeConversion(arguments: [String], message: String) {
        #expect(Self.refusal(arguments) == message)
    }

    @Test func overlongTextIsRefused() {
        let long = String(repeating: "p", count: 4097)
        #expect(Self.refusal(["--name", long, "a", "b"]) == "--name must be text of at most 4096 bytes without NUL, not '\(long.prefix(40))...' (4097 bytes)")
        #expect(Self.refusal(["--name", String(long.dropLast()), "a", "b"]) == nil)
    }

    @Test(arguments: [
        (["--count", "1", "--count", "2", "a", "b"], "--count was given more than once"),
        (["--count=1", "--count", "1", "a", "b"], "--count was given more than once"),
        (["--loud", "--loud", "a", "b"], "--loud was given more than once"),
        (["--loud=yes", "a", "b"], "--loud takes no value"),
        (["a", "b", "--name"], "--name TEXT needs a value"),
    ])
    func repeatsAndMissingValuesAreRefused(arguments: [String], message: String) {
        #expect(Self.refusal(arguments) == message)
    }

    @Test(arguments: [
        ("--nmae", "unknown option --nmae; did you mean '--name'?"),
        ("--cuont=3", "unknown option --cuont; did you mean '--count'?"),
        ("--hepl", "unknown option --hepl; did you mean '--help'?"),
        ("--verbose", "unknown option --verbose"),
        ("-x", "unknown option -x"),
        ("--" + String(repeating: "z", count: 100), "unknown option '--\(String(repeating: "z", count: 38))...' (102 bytes)"),
    ])
    func unknownOptionsAreRefusedWithTheNearestName(option: String, message: String) {
        #expect(Self.refusal([option, "a", "b"]) == message)
    }

    /// A key on the command line is refused wherever it is put, and never echoed.
    @Test(arguments: [
        ["--secret-key", "sk_test_abc"], ["--secret-key=sk_test_abc"], ["--key", "sk_test_abc"], ["a", "sk_live_abc"],
    ])
    func secretKeysAreRefusedWithoutEchoingThem(arguments: [String]) throws {
        let message = try #require(Self.refusal(arguments))
        #expect(!message.contains("sk_test_abc") && !message.contains("sk_live_abc"))
        #expect(message.contains("--secret-key-file") && message.contains("CLERK_SECRET_KEY"))
    }

    @Test(arguments: [
        (["a"], "usage: clerk-grants try [options] (OLD NEW | --store DIR)"),
        (["a", "b", "c"], "usage: clerk-grants try [options] (OLD NEW | --store DIR)"),
        (["--store", "d", "a"], "usage: clerk-grants try [options] (OLD NEW | --store DIR)"),
        (["--loud", "--plain", "a", "b"], "--loud and --plain cannot be combined (pick one)"),
        (["--keep", "2", "a", "b"], "--keep only applies to --store DIR"),
        (["--csv-only", "a", "b"], "--csv-only only applies to --mode slow"),
        (["--csv-only", "--mode", "quick", "a", "b"], "--csv-only only applies to --mode slow"),
    ])
    func positionalCountsAndRulesAreChecked(arguments: [String], message: String) {
        #expect(Self.refusal(arguments) == message)
    }

    @Test(arguments: [
        ["--store", "d"], ["--store", "d", "--keep", "9"], ["--csv-only", "--mode", "slow", "a", "b"], ["--plain", "a", "b"],
    ])
    func commandLinesThatKeepTheRulesParse(arguments: [String]) {
        #expect(Self.refusal(arguments) == nil)
    }

    @Test func requiredOptionsMustBeGiven() {
        let to = OptionDeclaration("--to", "FORMAT", kind: .choice(["ndjson", "csv"]), required: true, help: "required")
        let declaration = CommandDeclaration("need", abstract: "Needs --to.", options: [to], exitCodes: "0 ok")
        #expect(throws: CLIError.self) { try ParsedArguments([], declaration: declaration) }
        do {
            _ = try ParsedArguments([], declaration: declaration)
        } catch {
            #expect("\(error)" == "--to ndjson|csv is required; usage: clerk-grants need --to ndjson|csv\nRun 'clerk-grants help' for usage.")
        }
        #expect((try? ParsedArguments(["--to", "csv"], declaration: declaration))?.text(to) == "csv")
    }

    /// The flag wins over its variable; `.value` variables stand in for absent values only.
    @Test(arguments: [
        ([String](), ["TEST_URL": "http://127.0.0.1:1"], "http://127.0.0.1:1", false, false),
        (["--url", "https://given.invalid"], ["TEST_URL": "http://127.0.0.1:1"], "https://given.invalid", false, false),
        ([String](), ["TEST_LOUD": "TRUE", "TEST_PLAIN": ""], "https://example.invalid", true, true),
        ([String](), ["TEST_LOUD": "1"], "https://example.invalid", false, false),
        (["--loud"], ["TEST_LOUD": "false"], "https://example.invalid", true, false),
    ])
    func environmentVariablesStandInForAbsentOptions(
        arguments: [String], environment: [String: String], url: String, loud: Bool, plain: Bool
    ) throws {
        let parsed = try Self.parse(arguments + ["a", "b"])
        #expect(parsed.text(Self.url, environment: environment) == url)
        #expect(parsed.flag(Self.loud, environment: environment) == loud)
        #expect(parsed.flag(Self.plain, environment: environment) == plain)
    }

    @Test func synopsisListsFewOptionsAndSummarisesMany() throws {
        let few = CommandDeclaration(
            "few", abstract: "Few options.", positionals: [.init("FILE"), .init("MORE", optional: true)],
            options: [Self.name, Self.loud, Self.store], exitCodes: "0 ok")
        #expect(few.synopsis == "clerk-grants few [--name TEXT] [--loud] (FILE [MORE] | --store DIR)")
        #expect(few.positionalCount == 1...2)
        #expect(Self.declaration.synopsis == "clerk-grants try [options] (OLD NEW | --store DIR)")
        // A repeating last positional takes one or more arguments.
        let many = CommandDeclaration("many", abstract: "Many files.", positionals: [.init("SNAPSHOT"), .init("FILES", repeats: true)], exitCodes: "0 ok")
        #expect(many.synopsis == "clerk-grants many SNAPSHOT FILES...")
        #expect(many.positionalCount == 2...CommandDeclaration.maximumRepeatedPositionals)
        #expect(throws: CLIError.self) { try ParsedArguments(["a"], declaration: many) }
        let parsed = try ParsedArguments(["a", "b", "c", "d"], declaration: many)
        #expect(parsed.positionals == ["a", "b", "c", "d"])
    }

    /// Every declared default passes its own option's checks (a failing one would stop the process).
    @Test(arguments: CommandCatalog.all.map(\.name))
    func declaredDefaultsPassTheirOwnChecks(name: String) throws {
        let command = try #require(CommandCatalog.command(named: name))
        for option in command.options {
            guard let value = option.defaultValue else { continue }
            #expect(throws: Never.self, "\(name) \(option.name) \(value)") { try ParsedArguments.check(value, for: option) }
        }
        let defaults = command.options.filter { $0.defaultValue != nil }.map(\.name)
        let expected: [String: [String]] = [
            "export": ["--api-url", "--api-version", "--concurrency", "--timeout"], "diff": ["--format"],
            "review": ["--format", "--stale-days", "--max-admins", "--stale-invitation-days", "--max-machine-scopes", "--top", "--activity-days"],
            "who-can": ["--format"], "access": ["--format"], "trend": ["--format"], "certify": ["--format"], "remediation": ["--format"],
        ]
        #expect(defaults == expected[name, default: []])
    }
}
