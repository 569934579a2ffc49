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

    func buildStore() async throws { try await Self.buildStore(with: runner) }

    /// Three demo runs into `history` in the runner's folder.
    static func buildStore(with runner: DiffRunner) async throws {
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

/// `trend` keeps what it worked out per stored file in `.trend-cache.json` and reuses it only for the same
/// file unchanged, by the same tool version; a damaged cache costs a full run, never a wrong trend.
@Suite struct TrendCacheTests {
    let directory: URL
    let runner: DiffRunner
    var store: URL { directory.appendingPathComponent("history") }
    var cacheFile: URL { store.appendingPathComponent(".trend-cache.json") }

    init() async throws {
        directory = try CommandHarness.temporaryDirectory()
        runner = DiffRunner(directory: directory)
        try await TrendCommandTests.buildStore(with: runner)
    }

    func trend() async throws -> CommandHarness.Outcome {
        let outcome = await runner.run(["trend", "--store", "history", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome
    }

    /// The cache's entries, with the point of `file` edited by `edit` when given, written back.
    func editCache(_ file: String? = nil, _ edit: (inout JSONObject) -> Void = { _ in }) throws -> [JSONValue] {
        var root = try #require(JSONParser.parse(Data(contentsOf: cacheFile)).objectValue)
        guard case .array(var entries)? = root["entries"] else { throw CacheTestError.noEntries }
        for index in entries.indices {
            guard var entry = entries[index].objectValue, entry["file"]?.stringValue == file, var point = entry["point"]?.objectValue
            else { continue }
            edit(&point)
            entry["point"] = .object(point)
            entries[index] = .object(entry)
        }
        root["entries"] = .array(entries)
        try Data(CanonicalJSONWriter.encodePretty(.object(root))).write(to: cacheFile)
        return entries
    }

    enum CacheTestError: Error { case noEntries }

    var storedNames: [String] {
        get throws { try FileManager.default.contentsOfDirectory(atPath: store.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted() }
    }

    @Test func aSecondRunReadsTheCacheAndWritesTheSameBytes() async throws {
        let first = try await trend()
        var info = stat()
        #expect(lstat(cacheFile.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try editCache().count == 3)
        #expect(try await trend().stdoutBytes == first.stdoutBytes)
        try Golden.assertMatches(first.stdoutBytes, file: "trend.json")
    }

    /// A point in the cache is used as it stands for an unchanged file (so an edited cache shows), and
    /// worked out again once the file is touched.
    @Test func aPointIsReusedOnlyForTheSameFileUnchanged() async throws {
        let first = try await trend()
        let file = try storedNames[1]
        _ = try editCache(file) { $0["users"] = .int(999) }
        #expect(try await trend().stdout.contains("\"users\": 999"))
        // A new modification time (and change time): read again, the cache mended.
        let stored = store.appendingPathComponent(file)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_800_000_000)], ofItemAtPath: stored.path)
        #expect(try await trend().stdoutBytes == first.stdoutBytes)
        #expect(try await trend().stdoutBytes == first.stdoutBytes)
    }

    @Test(arguments: ["garbage", "{\"schema\":\"clerk-grants.trend-cache\",\"schema_version\":\"1\",\"tool_version\":\"0.0.0-other\",\"entries\":[]}", ""])
    func aDamagedOrForeignCacheCostsAFullRunOnly(_ contents: String) async throws {
        let first = try await trend()
        try Data(contents.utf8).write(to: cacheFile)
        #expect(try await trend().stdoutBytes == first.stdoutBytes)
        // Written back whole: the next run finds all three.
        #expect(try editCache().count == 3)
    }

    @Test func aMalformedPointDropsTheWholeCache() async throws {
        let first = try await trend()
        _ = try editCache(try storedNames[0]) { $0["findings"] = .array([.int(-1), .int(0), .int(0)]) }
        _ = try editCache(try storedNames[2]) { $0["users"] = .int(999) }
        // The bad entry makes the cache unusable, so the edited (but well-formed) one is not used either.
        #expect(try await trend().stdoutBytes == first.stdoutBytes)
    }

    @Test func aPrunedSnapshotLeavesTheCache() async throws {
        _ = try await trend()
        try FileManager.default.removeItem(at: store.appendingPathComponent(try storedNames[0]))
        _ = try await trend()
        #expect(try editCache().count == 2)
    }

    @Test func aLinkInPlaceOfTheCacheIsNeitherFollowedNorReplaced() async throws {
        let target = directory.appendingPathComponent("elsewhere.txt")
        try Data("untouched".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: cacheFile, withDestinationURL: target)
        let outcome = try await trend()
        #expect(outcome.stderr.contains("the trend cache was not kept"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "untouched")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: cacheFile.path) == target.path)
    }
}
