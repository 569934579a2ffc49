import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

@Suite struct StoreTests {
    static let demoName = "000001-20261120T000000Z-\(StoreHistoryTests.demoDigest12).json"

    func storedNames(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// Four scheduled runs over changing fixtures: demo, demo again (deduplicated), demo-next, demo
    /// again (a real change back, which prunes the oldest with --keep 2); then `diff --store`.
    @Test func exportStoreWritesDeduplicatesAndPrunes() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history")
        var runner = DiffRunner(directory: directory)
        let demo = CommandHarness.demoFixtures.path
        let next = CommandHarness.demoNextFixtures.path

        let first = await runner.run(["export", "--fixtures", demo, "--store", "history", "--keep", "2"])
        #expect(first.status == 0 && first.stdout == "")
        #expect(first.stderr.hasPrefix("clerk-grants: first snapshot in \(store.path)\n"))
        #expect(try storedNames(store) == [Self.demoName])
        let attributes = try FileManager.default.attributesOfItem(atPath: store.appendingPathComponent(Self.demoName).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let stored = try Data(contentsOf: store.appendingPathComponent(Self.demoName))
        // The stored file is the plain export, but for its chain link: the first of the store.
        let startLine = #""chain": {"previous_file":null,"previous_file_sha256":null},"#
        let storedText = String(decoding: stored, as: UTF8.self)
        #expect(storedText.contains("\n  \(startLine)\n"))
        try DiffRunner.assertGolden(Array(storedText.replacingOccurrences(of: startLine, with: #""chain": null,"#).utf8), "demo.snapshot.json")
        // A file that is not a stored snapshot is never read nor pruned.
        try Data("notes".utf8).write(to: store.appendingPathComponent("README.txt"))

        runner.now = DiffRunner.demoNow.addingTimeInterval(3600)
        let second = await runner.run(["export", "--fixtures", demo, "--store", "history", "--keep", "2"])
        #expect(second.status == 0)
        #expect(second.stderr.hasPrefix("clerk-grants: no change since \(Self.demoName) (same digest); nothing written\n"))
        #expect(second.stderr.contains("-> unchanged, \(store.appendingPathComponent(Self.demoName).path)\n"))
        #expect(try storedNames(store) == [Self.demoName, "README.txt"])

        runner.now = DiffRunner.demoNextNow
        let third = await runner.run(["export", "--fixtures", next, "--store", "history", "--keep", "2"])
        #expect(third.status == 0)
        let nextName = "000002-20261127T000000Z-\(StoreHistoryTests.nextDigest12).json"
        #expect(third.stderr.hasPrefix(
            "clerk-grants: changes since \(Self.demoName): users +1 -1 ~1, organizations ~1, roles ~1, role sets ~1, entitlements ~5, grants +4 -2, access paths +1 -1 ~2, role changes 2, diagnostics -2, privilege increases 3\n"))
        #expect(third.stderr.contains("-> \(store.appendingPathComponent(nextName).path)\n"))
        #expect(try storedNames(store) == [Self.demoName, nextName, "README.txt"])

        runner.now = DiffRunner.demoNextNow.addingTimeInterval(86_400)
        let fourth = await runner.run(["export", "--fixtures", demo, "--store", "history", "--keep", "2", "--quiet"])
        #expect(fourth.status == 0 && fourth.stderr == "")
        let backName = "000003-20261128T000000Z-\(StoreHistoryTests.demoDigest12).json"
        #expect(try storedNames(store) == [nextName, backName, "README.txt"])

        // diff --store compares the two newest: demo-next -> demo, the known changes undone.
        let diff = await runner.run(["diff", "--store", "history"])
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("  old  2026-11-27T00:00:00Z  \(DemoSnapshotFiles.demoNextDigest)"))
        #expect(diff.stdout.contains("  new  2026-11-28T00:00:00Z  \(DemoSnapshotFiles.demoDigest)"))
        #expect(diff.stdout.contains("role changed org:admin -> org:member"))
        let json = await runner.run(["diff", "--store", "history", "--format", "json", "old.json"])
        #expect(json.status == 2, "--store takes no file arguments")
    }

    @Test func keepOneAndAnUnreadableNewestFile() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        // A corrupt newest file is reported, not compared, and pruned like any other.
        try Data("{}".utf8).write(to: store.appendingPathComponent("20261101T000000Z-000000000000.json"))
        let runner = DiffRunner(directory: directory)
        let outcome = await runner.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--store", store.path, "--keep", "1"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix(
            "clerk-grants: warning: the newest stored snapshot 20261101T000000Z-000000000000.json could not be compared: not a valid snapshot"))
        #expect(outcome.stderr.contains("clerk-grants: pruned 1 old snapshot(s) (--keep 1): 20261101T000000Z-000000000000.json\n"))
        #expect(try storedNames(store) == [Self.demoName])
        let tooFew = await runner.run(["diff", "--store", store.path])
        #expect(tooFew.status == 2)
        #expect(tooFew.stderr == "clerk-grants: error: \(store.path) holds 1 stored snapshot; diff --store needs two\n")
    }

    /// A stored snapshot laid out differently (reformatted by hand, say) holds the same records: the quick
    /// line comparison cannot tell, the full one can, and nothing new is written.
    @Test func aReformattedStoredSnapshotIsStillUnchanged() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("history")
        var runner = DiffRunner(directory: directory)
        let demo = CommandHarness.demoFixtures.path
        _ = await runner.run(["export", "--fixtures", demo, "--store", "history", "--quiet"])
        let stored = store.appendingPathComponent(Self.demoName)
        let reformatted = CanonicalJSONWriter.encodePretty(try JSONParser.parse(Data(contentsOf: stored)))
        try Data(reformatted).write(to: stored)
        runner.now = DiffRunner.demoNow.addingTimeInterval(3600)
        let again = await runner.run(["export", "--fixtures", demo, "--store", "history"])
        #expect(again.status == 0)
        #expect(again.stderr.hasPrefix("clerk-grants: no change since \(Self.demoName) (same digest); nothing written\n"))
        #expect(try storedNames(store) == [Self.demoName])
        #expect(try Data(contentsOf: stored) == Data(reformatted))
    }
}
