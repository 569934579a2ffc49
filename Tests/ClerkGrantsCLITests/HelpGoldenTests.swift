@testable import ClerkGrantsCLI
import Testing

/// Every command's help, and the overview, byte for byte against a golden file: the help is written from
/// the declarations, so a changed option shows up here as a changed help text to review.
@Suite struct HelpGoldenTests {
    @Test(arguments: CommandCatalog.all.map(\.name))
    func commandHelpMatchesItsGoldenFile(command: String) async throws {
        let outcome = await CommandHarness().run([command, "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        try Golden.assertMatches(outcome.stdoutBytes, file: "help-\(command).txt")
    }

    @Test func overviewMatchesItsGoldenFile() async throws {
        let outcome = await CommandHarness().run(["help"])
        #expect(outcome.status == 0)
        try Golden.assertMatches(outcome.stdoutBytes, file: "help-overview.txt")
        // A bare `clerk-grants` is a usage error that shows the same overview on stderr.
        let bare = await CommandHarness().run([])
        #expect(bare.status == 1 && bare.stdout == "" && bare.stderr == outcome.stdout)
        #expect(await CommandHarness().run(["--help"]).stdout == outcome.stdout)
        #expect(await CommandHarness().run(["-h"]).stdout == outcome.stdout)
    }

    /// Help lines stay inside the width, except a synopsis word or label that is longer on its own.
    @Test(arguments: CommandCatalog.all.map(\.name))
    func helpLinesFitTheWidth(name: String) throws {
        let command = try #require(CommandCatalog.command(named: name))
        let lines = HelpFormatter.help(for: command).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= HelpFormatter.width }, "\(lines.filter { $0.count > HelpFormatter.width })")
        #expect(lines.filter { $0.hasPrefix("  --") || $0.hasPrefix("  -h") }.count == command.options.count + 1)
    }
}
