import AccessReview
import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// `trend --store DIR` on a store of three demo runs: demo (2026-11-20), demo-next (2026-11-27), demo again
/// (2026-12-04), each format against its golden file; files that are not snapshots are named and exit 1.
@Suite struct TrendCommandTests {
    static let thirdRun = DiffRunner.demoNextNow.addingTimeInterval(7 * 86_400)

    let directory: URL
    let runner: DiffRunner

    init() throws {
        directory = try CommandHarness.temporaryDirectory()
        runner = DiffRunner(directory: directory)
    }

    func buildStore() async throws {
        for (fixtures, now) in [
            (CommandHarness.demoFixtures, DiffRunner.demoNow), (CommandHarness.demoNextFixtures, DiffRunner.demoNextNow),
            (CommandHarness.demoFixtures, Self.thirdRun),
        ] {
            var run = runner
            run.now = now
            let outcome = await run.run(["export", "--fixtures", fixtures.path, "--store", "history"])
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
    }

    @Test(arguments: [("markdown", "trend.md"), ("html", "trend.html"), ("json", "trend.json")])
    func threeDemoRunsMatchTheGoldenFiles(format: String, file: String) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        let outcome = await runner.run(["trend", "--store", "history", "--format", format])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        try Golden.assertMatches(outcome.stdoutBytes, file: file)
    }

    @Test func markdownIsTheDefaultAndRowsAreInRunOrder() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        let outcome = await runner.run(["trend", "--store", "history"])
        #expect(outcome.status == 0)
        let rows = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("| 1 ") || $0.hasPrefix("| 2 ") || $0.hasPrefix("| 3 ") }
        #expect(rows.count == 3)
        #expect(rows.map { $0.contains("2026-11-20T00:00:00Z") } == [true, false, false])
        #expect(rows.map { $0.contains("2026-11-27T00:00:00Z") } == [false, true, false])
        #expect(rows.map { $0.contains("2026-12-04T00:00:00Z") } == [false, false, true])
    }

    @Test func aStoredFileThatIsNoSnapshotIsNamedAndExitsOne() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        let broken = "000004-20261211T000000Z-ffffffffffff.json"
        try Data("{\"not\": \"a snapshot\"}".utf8).write(to: directory.appendingPathComponent("history/\(broken)"))
        try Data("notes".utf8).write(to: directory.appendingPathComponent("history/notes.json"))
        let outcome = await runner.run(["trend", "--store", "history", "--format", "json", "--output", "trend.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("clerk-grants: warning: \(broken) left out of the trend: not a valid snapshot: "))
        #expect(outcome.stderr.split(separator: "\n").count == 1, "notes.json is not a stored name: never read")
        let written = try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("trend.json"))))
        #expect(written.objectValue?["snapshots"]?.arrayValue?.count == 3)
        let skipped = written.objectValue?["skipped"]?.arrayValue
        #expect(skipped?.count == 1)
        #expect(skipped?.first?.objectValue?["file"]?.stringValue == broken)
    }

    @Test func anEmptyOrMissingStoreIsBadInput() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = await runner.run(["trend", "--store", "nowhere"])
        #expect(missing.status == 1)
        #expect(missing.stdout == "")
        #expect(missing.stderr.hasPrefix("clerk-grants: error: cannot read nowhere: it holds no stored snapshots"))
        let noFlag = await runner.run(["trend"])
        #expect(noFlag.status == 1)
    }
}
