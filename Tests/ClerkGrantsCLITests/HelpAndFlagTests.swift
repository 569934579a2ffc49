import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// `--help` for every command, and numeric flags range-checked before any conversion could trap.
@Suite struct HelpAndFlagTests {
    static let commands = ["export", "validate", "diff", "review", "convert", "who-can", "access", "trend", "help", "version"]

    @Test(arguments: commands)
    func everyCommandPrintsItsHelpAndExitsZero(command: String) async {
        let harness = CommandHarness()
        let long = await harness.run([command, "--help"])
        #expect(long.status == 0)
        #expect(long.stderr == "")
        #expect(long.stdout.hasPrefix("Usage: clerk-grants \(command)"), "\(long.stdout.prefix(80))")
        // -h, help after other arguments, and `help COMMAND` print the same text.
        #expect(await harness.run([command, "-h"]).stdout == long.stdout)
        #expect(await harness.run([command, "--format", "json", "--help"]).stdout == long.stdout)
        let topic = await harness.run(["help", command])
        #expect(topic.status == 0 && topic.stdout == long.stdout)
    }

    @Test func helpForAnUnknownCommandExitsOne() async {
        let outcome = await CommandHarness().run(["help", "nosuch"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("clerk-grants: error: no help for 'nosuch': the commands are export, validate, diff, review, convert, who-can, access, trend, certify, remediation, store, help and version\n"))
        #expect(await CommandHarness().run(["help"]).status == 0)
        #expect(await CommandHarness().run(["nosuch", "--help"]).status == 1)
        // After `--`, -h is an argument, not a request for help.
        #expect(await CommandHarness().run(["validate", "--", "-h"]).stderr == "clerk-grants: error: cannot read -h: no such file\n")
    }

    /// A near miss of a command or a flag gets the right word suggested, and exit 1.
    @Test(arguments: [
        (["expor"], "unknown command 'expor'; did you mean 'export'?\nRun 'clerk-grants help' for usage.\n"),
        (["export", "--outptu", "x"], "unknown option --outptu; did you mean '--output'?\nRun 'clerk-grants help' for usage.\n"),
        (["review", "x.json", "--stale-day=3"], "unknown option --stale-day; did you mean '--stale-days'?\nRun 'clerk-grants help' for usage.\n"),
        (["convert", "x.json", "--to", "csv", "--redact-key", "k"], "unknown option --redact-key; did you mean '--redact-key-file'?\nRun 'clerk-grants help' for usage.\n"),
        (["help", "acess"], "no help for 'acess': the commands are export, validate, diff, review, convert, who-can, access, trend, certify, remediation, store, help and version (did you mean 'access'?)\nRun 'clerk-grants help' for usage.\n"),
        (["nosuch"], "unknown command 'nosuch'\nRun 'clerk-grants help' for usage.\n"),
        (["version", "--json"], "unknown option --json\nRun 'clerk-grants help' for usage.\n"),
    ])
    func nearMissesAreSuggested(arguments: [String], message: String) async {
        let outcome = await CommandHarness().run(arguments)
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr == "clerk-grants: error: " + message)
    }

    /// `diff` reports usage errors with its own exit code, 2, suggestions included.
    @Test func diffNearMissesExitTwo() async {
        let outcome = await CommandHarness().run(["diff", "--no-colour", "a.json", "b.json"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "clerk-grants: error: unknown option --no-colour; did you mean '--no-color'?\nRun 'clerk-grants help' for usage.\n")
    }

    /// Each numeric flag with its command line (the flag's value goes last).
    static let numericFlags: [(flag: String, arguments: [String])] = [
        ("--concurrency", ["export", "--fixtures", CommandHarness.demoFixtures.path]),
        ("--max-rps", ["export", "--fixtures", CommandHarness.demoFixtures.path]),
        ("--timeout", ["export", "--fixtures", CommandHarness.demoFixtures.path]),
        ("--keep", ["export", "--fixtures", CommandHarness.demoFixtures.path, "--store", "/nonexistent/store"]),
        ("--stale-days", ["review", OutputSafetyTests.snapshot]),
        ("--max-admins", ["review", OutputSafetyTests.snapshot]),
        ("--as-of", ["review", OutputSafetyTests.snapshot]),
        ("--activity-days", ["review", OutputSafetyTests.snapshot]),
    ]

    /// Out of range for every numeric flag above.
    static let edgeValues = [
        "", "-1", "1e-10", "0.05", "inf", "-inf", "Infinity", "nan", "NaN", "-nan", "1e300", "1e309", "-1e309",
        "100001", "99999999999999999999", "9223372036854775808", "-9223372036854775809", "1_0", " 5", "5 ", "+-5",
        "1.5.5", "١٢", "１２", "0x", "--", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-20T25:00:00Z",
        "1969-12-31T23:59:59Z", "2026-11-20T00:00:00+01:00", "2026-11-20",
    ]

    @Test func outOfRangeValuesAreUsageErrors() async {
        for (flag, arguments) in Self.numericFlags {
            for value in Self.edgeValues {
                await expectRefused(arguments + [flag, value], flag: flag)
            }
        }
    }

    /// Random junk for every numeric flag: always exit 1 with the flag's message, never a crash or a hang.
    /// Each value carries one character no number or time may hold, so none is accidentally valid.
    @Test func randomJunkIsAlwaysAUsageError() async {
        var random = SplitMix64(seed: 0x11_2026)
        let pool = Array("0123456789.eE+-xXpPinfaINFTZ:_ 9٣１")
        let poison = Array("#€/,;😀\u{7}\n\u{0}g")
        for round in 0..<300 {
            let (flag, arguments) = Self.numericFlags[round % Self.numericFlags.count]
            var value = (0..<random.next(below: 48)).map { _ in pool[random.next(below: pool.count)] }
            value.insert(poison[random.next(below: poison.count)], at: random.next(below: value.count + 1))
            await expectRefused(arguments + [flag, String(value)], flag: flag)
        }
    }

    func expectRefused(_ arguments: [String], flag: String) async {
        let outcome = await CommandHarness().run(arguments)
        #expect(outcome.status == 1, "\(arguments.suffix(2))")
        #expect(outcome.stdout == "", "\(arguments.suffix(2))")
        #expect(outcome.stderr.hasPrefix("clerk-grants: error: \(flag) must be"), "\(arguments.suffix(2)): \(outcome.stderr)")
    }

    @Test func rangeMessagesNameTheRange() async {
        let export = ["export", "--fixtures", CommandHarness.demoFixtures.path]
        #expect(await CommandHarness().run(export + ["--max-rps", "1e-10"]).stderr.hasPrefix(
            "clerk-grants: error: --max-rps must be 0 or a number from 0.1 to 100000, not '1e-10'\n"))
        #expect(await CommandHarness().run(export + ["--timeout", "1e300"]).stderr.hasPrefix(
            "clerk-grants: error: --timeout must be a number from 1 to 600, not '1e300'\n"))
        #expect(await CommandHarness().run(export + ["--keep", "-1"]).stderr.hasPrefix(
            "clerk-grants: error: --keep must be a whole number from 1 to 100000, not '-1'\n"))
        let long = String(repeating: "9", count: 500)
        #expect(await CommandHarness().run(export + ["--concurrency", long]).stderr.hasPrefix(
            "clerk-grants: error: --concurrency must be a whole number from 1 to 64, not '\(String(repeating: "9", count: 40))...' (500 bytes)\n"))
        // The edges themselves are accepted.
        let accepted = await CommandHarness().run(export + ["--max-rps", "0", "--timeout", "600", "--concurrency", "64", "--quiet"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let review = await CommandHarness().run(["review", OutputSafetyTests.snapshot, "--as-of", "9999-12-31T23:59:59.999Z", "--stale-days", "36500"])
        #expect(review.status == 0, "\(review.stderr)")
    }
}
