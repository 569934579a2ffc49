import ClerkGrantsCLI
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// `export --store`: run order comes from the sequence the tool writes, so clocks, foreign files and
/// fast runs can never make a run delete what it just wrote or the real history.
@Suite struct StoreHistoryTests {
    static let demoDigest12 = String(DemoSnapshotFiles.demoDigest.dropFirst("sha256:".count).prefix(12))
    static let nextDigest12 = String(DemoSnapshotFiles.demoNextDigest.dropFirst("sha256:".count).prefix(12))

    let directory: URL
    let store: URL
    let runner: DiffRunner

    init() throws {
        directory = try CommandHarness.temporaryDirectory()
        store = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        runner = DiffRunner(directory: directory)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
    }

    func export(_ fixtures: URL, keep: Int? = nil) async -> CommandHarness.Outcome {
        var arguments = ["export", "--fixtures", fixtures.path, "--store", "history"]
        if let keep { arguments += ["--keep", String(keep)] }
        return await runner.run(arguments)
    }

    /// The demo-next export as a snapshot file, optionally claiming another instance.
    func demoNextSnapshot(instance: String? = nil) async throws -> Data {
        var next = runner
        next.now = DiffRunner.demoNextNow
        let outcome = await next.run(["export", "--fixtures", CommandHarness.demoNextFixtures.path, "--quiet"])
        try #require(outcome.status == 0)
        guard let instance else { return Data(outcome.stdoutBytes) }
        var snapshot = try SnapshotDecoder.decode(Data(outcome.stdoutBytes))
        snapshot.source.instance = instance
        return Data(SnapshotEncoder.encode(snapshot))
    }

    @Test func aFutureDatedOldStyleFileIsOlderThanEverySequencedRun() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let future = "20991231T235959Z-\(Self.nextDigest12).json"
        try await demoNextSnapshot().write(to: store.appendingPathComponent(future))
        let outcome = await export(CommandHarness.demoFixtures, keep: 1)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let written = "000001-20261120T000000Z-\(Self.demoDigest12).json"
        #expect(outcome.stderr.contains("clerk-grants: changes since \(future): "))
        #expect(outcome.stderr.contains("clerk-grants: pruned 1 old snapshot(s) (--keep 1): \(future)\n"))
        #expect(try names() == [written])
    }

    @Test func aForeignFileNeitherReordersNorLosesThisRun() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // Named like a stored snapshot with a huge sequence and a future date, but not a snapshot at all.
        let forged = "999999-20991231T235959Z-ffffffffffff.json"
        try Data("not a snapshot".utf8).write(to: store.appendingPathComponent(forged))
        for foreign in ["notes.json", "000001-notes.json", "1-20261120T000000Z-\(Self.demoDigest12).json"] {
            try Data("keep me".utf8).write(to: store.appendingPathComponent(foreign))
        }
        let outcome = await export(CommandHarness.demoFixtures, keep: 1)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("clerk-grants: warning: the newest stored snapshot \(forged) could not be compared: not a valid snapshot"))
        let written = "1000000-20261120T000000Z-\(Self.demoDigest12).json"
        #expect(try names() == ["000001-notes.json", written, "1-20261120T000000Z-\(Self.demoDigest12).json", "notes.json"].sorted())
        // The next run is compared with this run's file, not with anything the foreign files claim.
        var later = runner
        later.now = DiffRunner.demoNow.addingTimeInterval(60)
        let again = await later.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--store", "history", "--keep", "1"])
        #expect(again.stderr.hasPrefix("clerk-grants: no change since \(written) (same digest); nothing written\n"))
    }

    /// Three runs in the same second: demo, demo-next, demo again. By name alone the third would replace
    /// the first and sort before the second; by sequence each is kept in the order it ran.
    @Test func runsInTheSameSecondKeepTheirOrder() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(await export(CommandHarness.demoFixtures, keep: 2).status == 0)
        #expect(await export(CommandHarness.demoNextFixtures, keep: 2).status == 0)
        let third = await export(CommandHarness.demoFixtures, keep: 2)
        #expect(third.status == 0)
        let second = "000002-20261120T000000Z-\(Self.nextDigest12).json"
        let latest = "000003-20261120T000000Z-\(Self.demoDigest12).json"
        #expect(third.stderr.contains("clerk-grants: changes since \(second): "))
        #expect(try names() == [second, latest])
        let diff = await runner.run(["diff", "--store", "history"])
        #expect(diff.status == 1)
        #expect(diff.stdout.contains("role changed org:admin -> org:member"), "demo-next -> demo, in run order")
    }

    @Test func keepOneNeverDeletesTheNewestRunsFile() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(await export(CommandHarness.demoNextFixtures, keep: 1).status == 0)
        let changed = await export(CommandHarness.demoFixtures, keep: 1)
        #expect(changed.status == 0)
        let newest = "000002-20261120T000000Z-\(Self.demoDigest12).json"
        #expect(try names() == [newest])
        // An unchanged run writes nothing and keeps the file that stands for it.
        let unchanged = await export(CommandHarness.demoFixtures, keep: 1)
        #expect(unchanged.status == 0)
        #expect(unchanged.stderr.hasPrefix("clerk-grants: no change since \(newest)"))
        #expect(try names() == [newest])
    }

    @Test func aStoreOfAnotherInstanceIsRefusedAndLeftAlone() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = "000001-20261127T000000Z-\(Self.nextDigest12).json"
        let bytes = try await demoNextSnapshot(instance: "fixture:another-tenant")
        try bytes.write(to: store.appendingPathComponent(other))
        let outcome = await export(CommandHarness.demoFixtures, keep: 1)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "clerk-grants: error: \(store.path) holds \(other), a snapshot of another instance ('fixture:another-tenant', this export is 'fixture:demo-tenant'); one store keeps one instance's history, so nothing was written or pruned (use another --store folder)\n")
        #expect(try names() == [other])
        #expect(try Data(contentsOf: store.appendingPathComponent(other)) == bytes)
    }

    @Test func leftoverIncomingFilesAreRemovedOnlyWhenOldAndOurs() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = ".incoming-\(UUID().uuidString).json"
        let oldTemporary = ".\(old).\(UUID().uuidString).tmp"
        let fresh = ".incoming-\(UUID().uuidString).json"
        let foreign = ".incoming-notes.json"
        for name in [old, oldTemporary, fresh, foreign] {
            try Data("partial".utf8).write(to: store.appendingPathComponent(name))
        }
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        for name in [old, oldTemporary, foreign] {
            try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: store.appendingPathComponent(name).path)
        }
        #expect(await export(CommandHarness.demoFixtures).status == 0)
        #expect(try names() == [fresh, foreign, "000001-20261120T000000Z-\(Self.demoDigest12).json"].sorted())
    }

    @Test func storeNamesParseOnlyWhatTheToolWrites() {
        #expect(SnapshotStore.parseName("000042-20261120T000000Z-0123456789ab.json") == .some(42))
        #expect(SnapshotStore.parseName("20261120T000000Z-0123456789ab.json") == .some(nil))
        #expect(SnapshotStore.parseName("42-20261120T000000Z-0123456789ab.json") == nil)
        #expect(SnapshotStore.parseName("0000000000000000042-20261120T000000Z-0123456789ab.json") == nil)
        #expect(SnapshotStore.parseName("000042-20261120T000000Z-0123456789AB.json") == nil)
        #expect(SnapshotStore.parseName("000042-20261120T000000Z-0123456789ab.json.tmp") == nil)
    }
}
