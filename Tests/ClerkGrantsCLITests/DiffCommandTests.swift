import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// Runs `clerk-grants` in-process for the diff and store tests: a chosen clock and terminal flag.
struct DiffRunner {
    /// 2026-11-20T00:00:00Z (demo) and 2026-11-27T00:00:00Z (demo-next, see its README).
    static let demoNow = Date(timeIntervalSince1970: 1_795_132_800)
    static let demoNextNow = Date(timeIntervalSince1970: 1_795_737_600)
    /// The diff golden files live with the diff engine's tests.
    static let goldenFolder = CommandHarness.repositoryRoot.appendingPathComponent("Tests/GrantGraphTests/Golden")

    var directory: URL
    var now = DiffRunner.demoNow
    var terminal = false

    func run(_ arguments: [String]) async -> CommandHarness.Outcome {
        let out = CapturedText()
        let err = CapturedText()
        let now = self.now
        let context = CommandContext(
            environment: [:], now: { now }, standardOutput: out.sink, standardError: err.sink,
            standardOutputIsTerminal: terminal, currentDirectory: directory)
        let status = await ClerkGrantsCommand.run(arguments, context: context)
        return CommandHarness.Outcome(status: status, stdout: out.text, stderr: err.text, stdoutBytes: out.bytes)
    }

    /// Compares with a diff golden file, or with a shared demo snapshot (`DemoSnapshotFiles`) when `name` is one.
    static func assertGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let shared = [DemoSnapshotFiles.demoName, DemoSnapshotFiles.demoNextName].contains(name)
        let folder = shared ? DemoSnapshotFiles.folder : GoldenFolder(goldenFolder)
        try folder.assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }

    /// A runner in a new folder holding demo and demo-next exported as old.json and new.json.
    static func demoPair() async throws -> DiffRunner {
        let runner = DiffRunner(directory: try CommandHarness.temporaryDirectory())
        try await runner.exportDemoPair()
        return runner
    }

    /// Exports demo and demo-next into `directory` as old.json and new.json.
    func exportDemoPair() async throws {
        var runner = self
        runner.now = DiffRunner.demoNow
        let old = await runner.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--output", "old.json", "--quiet"])
        runner.now = DiffRunner.demoNextNow
        let new = await runner.run(["export", "--fixtures", CommandHarness.demoNextFixtures.path, "--output", "new.json", "--quiet"])
        try #require(old.status == 0 && new.status == 0)
    }
}

@Suite struct DiffCommandTests {
    let directory: URL
    let runner: DiffRunner

    init() async throws {
        runner = try await DiffRunner.demoPair()
        directory = runner.directory
    }

    /// The diff engine's golden inputs are today's exports of the two fixture tenants.
    @Test func demoExportsMatchTheDiffInputs() throws {
        try DiffRunner.assertGolden(Array(Data(contentsOf: directory.appendingPathComponent("old.json"))), "demo.snapshot.json")
        try DiffRunner.assertGolden(Array(Data(contentsOf: directory.appendingPathComponent("new.json"))), "demo-next.snapshot.json")
    }

    @Test(arguments: [("text", "diff-demo.txt"), ("markdown", "diff-demo.md"), ("json", "diff-demo.json")])
    func eachFormatMatchesItsGoldenFileAndExitsOne(format: String, golden: String) async throws {
        let outcome = await runner.run(["diff", "--format", format, "old.json", "new.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "")
        try DiffRunner.assertGolden(outcome.stdoutBytes, golden)
    }

    @Test func textIsTheDefaultFormat() async throws {
        let outcome = await runner.run(["diff", "old.json", "new.json"])
        #expect(outcome.status == 1)
        try DiffRunner.assertGolden(outcome.stdoutBytes, "diff-demo.txt")
    }

    @Test func aFileComparedWithItselfExitsZeroAndSaysSo() async throws {
        let outcome = await runner.run(["diff", "old.json", "old.json"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasSuffix("\nNo changes (equal digests).\n"))
        let json = await runner.run(["diff", "--format", "json", "new.json", "new.json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains(#""identical": true"#))
    }

    /// A snapshot reformatted by another tool is still the same snapshot: it validates alike, diffs as
    /// empty against its original and gives the golden diff against the old export.
    @Test func aReformattedSnapshotDiffsAndValidatesLikeTheOriginal() async throws {
        let original = try Data(contentsOf: directory.appendingPathComponent("new.json"))
        try Data(CanonicalJSONWriter.encodePretty(try JSONParser.parse(original))).write(to: directory.appendingPathComponent("pretty.json"))
        let same = await runner.run(["diff", "new.json", "pretty.json"])
        #expect(same.status == 0 && same.stdout.hasSuffix("\nNo changes (equal digests).\n"))
        let changed = await runner.run(["diff", "--format", "json", "old.json", "pretty.json"])
        #expect(changed.status == 1)
        try DiffRunner.assertGolden(changed.stdoutBytes, "diff-demo.json")
        let validated = await runner.run(["validate", "pretty.json"])
        let reference = await runner.run(["validate", "new.json"])
        #expect(validated.status == 0 && validated.stdout == reference.stdout.replacingOccurrences(of: "new.json", with: "pretty.json"))
    }

    @Test func colorOnlyOnATerminalAndNeverWithNoColor() async throws {
        var terminal = runner
        terminal.terminal = true
        let colored = await terminal.run(["diff", "old.json", "new.json"])
        #expect(colored.status == 1 && colored.stdout.contains("\u{1B}["))
        let plain = await terminal.run(["diff", "--no-color", "old.json", "new.json"])
        #expect(plain.status == 1 && !plain.stdout.contains("\u{1B}["))
        let json = await terminal.run(["diff", "--format", "json", "old.json", "new.json"])
        #expect(!json.stdout.contains("\u{1B}["))
    }

    @Test func snapshotsOfAnotherInstanceAreRefusedUnlessAllowed() async throws {
        var snapshot = try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("new.json")))
        snapshot.source.instance = "fixture:another-tenant"
        try Data(SnapshotEncoder.encode(snapshot)).write(to: directory.appendingPathComponent("other.json"))
        let refused = await runner.run(["diff", "old.json", "other.json"])
        #expect(refused.status == 2)
        #expect(refused.stdout == "")
        #expect(refused.stderr.hasPrefix("clerk-grants: error: the snapshots come from different instances ('fixture:demo-tenant' and 'fixture:another-tenant')"))
        let allowed = await runner.run(["diff", "--allow-different-source", "old.json", "other.json"])
        #expect(allowed.status == 1)
        #expect(allowed.stdout.contains("(old instance: fixture:demo-tenant)"))
    }

    @Test func troubleExitsTwoWithAMessage() async throws {
        try Data("{\"schema\": \"clerk-grants.snapshot\"".utf8).write(to: directory.appendingPathComponent("broken.json"))
        let text = try String(contentsOf: directory.appendingPathComponent("old.json"), encoding: .utf8)
        try Data(text.replacing(#""schema_version": "1.2""#, with: #""schema_version": "2.0""#).utf8)
            .write(to: directory.appendingPathComponent("future.json"))
        let cases: [([String], String)] = [
            (["diff", "old.json", "missing.json"], "clerk-grants: error: cannot read missing.json: no such file"),
            (["diff", "old.json", "broken.json"], "clerk-grants: error: broken.json is not a valid snapshot"),
            (["diff", "future.json", "old.json"], "clerk-grants: error: future.json is not a valid snapshot"),
            (["diff", "old.json"], "clerk-grants: error: usage: clerk-grants diff"),
            (["diff", "--format", "yaml", "old.json", "new.json"], "clerk-grants: error: --format must be text, json, markdown or ocsf, not 'yaml'"),
            (["diff", "--colour", "old.json", "new.json"], "clerk-grants: error: unknown option --colour"),
            (["diff", "--store", directory.path], "clerk-grants: error: \(directory.path) holds 0 stored snapshots; diff --store needs two"),
        ]
        for (arguments, message) in cases {
            let outcome = await runner.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stdout == "", "\(arguments)")
            #expect(outcome.stderr.hasPrefix(message), "\(arguments): \(outcome.stderr)")
        }
    }
}
