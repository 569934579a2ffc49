import ClerkGrantsCLI
import ExportPipeline
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// `store verify DIR` on a store of five weekly runs (demo, demo-next, demo, demo-next, demo, from
/// 2026-11-20): clean, then after one file is edited (and re-sealed), removed or inserted, each named;
/// and `--sign-key-file` catching what a recomputed digest hides.
@Suite struct StoreVerifyCommandTests {
    static let week: TimeInterval = 7 * 86_400
    /// The names the five runs get: sequence, generated_at, the first 12 hex of demo's or demo-next's digest.
    static let names = [
        "000001-20261120T000000Z-5d698438de4f.json", "000002-20261127T000000Z-b5e520cb06db.json",
        "000003-20261204T000000Z-5d698438de4f.json", "000004-20261211T000000Z-b5e520cb06db.json",
        "000005-20261218T000000Z-5d698438de4f.json",
    ]

    let directory: URL
    let runner: DiffRunner

    init() throws {
        directory = try CommandHarness.temporaryDirectory()
        runner = DiffRunner(directory: directory)
    }

    var store: URL { directory.appendingPathComponent("history") }
    func stored(_ index: Int) -> URL { store.appendingPathComponent(Self.names[index]) }

    func buildStore(signed: Bool = false) async throws {
        if signed {
            try Data("an auditor's key, 32 bytes long!".utf8).write(to: directory.appendingPathComponent("audit.key"))
            chmod(directory.appendingPathComponent("audit.key").path, 0o600)
        }
        for run in 0..<5 {
            var runner = runner
            runner.now = DiffRunner.demoNow.addingTimeInterval(Double(run) * Self.week)
            let fixtures = run % 2 == 0 ? CommandHarness.demoFixtures : CommandHarness.demoNextFixtures
            let outcome = await runner.run(
                ["export", "--fixtures", fixtures.path, "--store", "history", "--quiet"] + (signed ? ["--sign-key-file", "audit.key"] : []))
            try #require(outcome.status == 0, "\(outcome.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
        try #require(names == Self.names)
    }

    /// Edits a user's name in the file and recomputes its `digest`, as someone covering their tracks would:
    /// the file stays a valid snapshot.
    func editAndReseal(_ url: URL) throws {
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"display_name\":\"Mallory Moore\"", with: "\"display_name\":\"Mallory Moorx\"")
        let edited = Data(text.utf8)
        let snapshot = try #require(SnapshotValidator.validate(edited).snapshot)
        let digest = SnapshotDigest.compute(snapshot.graph, version: .v1_2)
        text = text.replacingOccurrences(of: snapshot.digest, with: digest)
        try Data(text.utf8).write(to: url)
        #expect(SnapshotValidator.validate(Data(text.utf8)).isValid)
    }

    func verify(_ extra: [String] = []) async -> CommandHarness.Outcome {
        await runner.run(["store", "verify", "history"] + extra)
    }

    func breaks(_ outcome: CommandHarness.Outcome) -> [String] {
        outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
    }

    @Test func fiveRunsVerifyClean() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        // Each run names what it stored, with the digest the next run's link records.
        var sixth = runner
        sixth.now = DiffRunner.demoNow.addingTimeInterval(5 * Self.week)
        let run = await sixth.run(["export", "--fixtures", CommandHarness.demoNextFixtures.path, "--store", "history"])
        let newestDigest = try FileDigest.sha256(of: stored(4))
        #expect(run.stderr.contains("\nclerk-grants: stored 000006-20261225T000000Z-b5e520cb06db.json (file sha256:"))
        #expect(run.stderr.contains("), linked to \(Self.names[4])\n"))
        let sixthFile = store.appendingPathComponent("000006-20261225T000000Z-b5e520cb06db.json")
        #expect(try String(contentsOf: sixthFile, encoding: .utf8).contains("\"previous_file_sha256\":\"\(newestDigest)\""))
        try FileManager.default.removeItem(at: sixthFile)
        let outcome = await verify()
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        #expect(breaks(outcome).isEmpty)
        try Golden.assertMatches(outcome.stdoutBytes, file: "store-verify-clean.txt")
    }

    @Test func anEditedAndResealedFileIsNamedByTheNextLink() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        try editAndReseal(stored(2))
        let validate = await runner.run(["validate", "history/\(Self.names[2])", "--quiet"])
        #expect(validate.status == 0, "a re-sealed file is a valid snapshot: only the chain or a signature tells")
        let outcome = await verify()
        #expect(outcome.status == 1)
        let found = breaks(outcome)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.names[2]) was edited: its bytes changed after \(Self.names[3]) linked to them") == true)
        try Golden.assertMatches(outcome.stdoutBytes, file: "store-verify-edited.txt")
    }

    @Test func anEditedFileLeftUnsealedIsNamedByItsDigest() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        let text = try String(contentsOf: stored(1), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Mallory Moore", with: "Mallory Moorx").utf8).write(to: stored(1))
        let outcome = await verify()
        #expect(outcome.status == 1)
        let found = breaks(outcome)
        // Named once: by its own digest; the next link's mismatch is the same edit.
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.names[1]) was edited: its records no longer hash to the digest it states") == true)
    }

    @Test func aRemovedFileIsNamedByTheLinkToIt() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        try FileManager.default.removeItem(at: stored(2))
        let outcome = await verify()
        #expect(outcome.status == 1)
        let found = breaks(outcome)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(Self.names[2]) was removed: \(Self.names[3]) links to it") == true)
        try Golden.assertMatches(outcome.stdoutBytes, file: "store-verify-removed.txt")
    }

    /// The chain's documented blind spot: nobody links to the newest file, so removing it leaves a shorter
    /// chain that holds, and the next run links to the file that is newest then (and takes the sequence
    /// number again). Only a record of the newest file's digest kept outside the store tells.
    @Test func removingTheNewestFileLeavesAShorterChainThatHolds() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        try FileManager.default.removeItem(at: stored(4))
        #expect(await verify().status == 0)
        var runner = runner
        runner.now = DiffRunner.demoNow.addingTimeInterval(5 * Self.week)
        let sixth = await runner.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--store", "history", "--quiet"])
        try #require(sixth.status == 0)
        let outcome = await verify()
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("000005-20261225T000000Z-5d698438de4f.json  v1.2  sha256:"))
    }

    /// A snapshot written with --output (no link) and one of another instance, each put in as run 6.
    @Test(arguments: ["output", "other instance"])
    func anInsertedForeignFileIsNamed(kind: String) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        let foreign = "000006-20261225T000000Z-b5e520cb06db.json"
        var runner = runner
        runner.now = DiffRunner.demoNow.addingTimeInterval(5 * Self.week)
        if kind == "output" {
            let outcome = await runner.run(["export", "--fixtures", CommandHarness.demoNextFixtures.path, "--output", "history/\(foreign)", "--quiet"])
            try #require(outcome.status == 0)
        } else {
            let text = try String(contentsOf: stored(3), encoding: .utf8)
            let other = text.replacingOccurrences(of: "\"instance\":\"fixture:demo-tenant\"", with: "\"instance\":\"fixture:other-tenant\"")
            try #require(other != text)
            try Data(other.utf8).write(to: store.appendingPathComponent(foreign))
        }
        let outcome = await verify()
        #expect(outcome.status == 1)
        let found = breaks(outcome)
        #expect(found.count == 1)
        let reason =
            kind == "output"
            ? "its chain is null: it was not written by export --store"
            : "it is a snapshot of another instance (fixture:other-tenant, the store holds fixture:demo-tenant)"
        #expect(found.first == "\(foreign) was inserted: \(reason)")
    }

    @Test func theSignatureRejectsAFileResealedWithoutTheKey() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore(signed: true)
        let path = "history/\(Self.names[4])"
        let before = await runner.run(["validate", path, "--sign-key-file", "audit.key"])
        #expect(before.status == 0)
        #expect(before.stdout.hasSuffix("; signature valid\n"))
        // The newest file: no later link covers it, so only the signature can tell.
        try editAndReseal(stored(4))
        #expect(await runner.run(["validate", path]).status == 0)
        let after = await runner.run(["validate", path, "--sign-key-file", "audit.key"])
        #expect(after.status == 1)
        #expect(after.stdout == "\(path): INVALID, 1 problem(s):\n  - [signature] \(SnapshotSeal.Verdict.mismatch.explanation)\n")
        #expect(!after.stdout.contains("32 bytes long"), "the key is never printed")
        #expect(await verify().status == 0, "without the key, an edit of the newest file that recomputes the digest goes unseen")
        let keyed = await verify(["--sign-key-file", "audit.key"])
        #expect(keyed.status == 1)
        #expect(breaks(keyed) == ["\(Self.names[4]) was edited: \(SnapshotSeal.Verdict.mismatch.explanation)"])
    }

    /// The signature is made as the file goes out: a file, stdout and a store get the same signed bytes.
    @Test func signingGivesTheSameBytesToAFileAndToStdout() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("an auditor's key, 32 bytes long!".utf8).write(to: directory.appendingPathComponent("audit.key"))
        chmod(directory.appendingPathComponent("audit.key").path, 0o600)
        let demo = CommandHarness.demoFixtures.path
        let file = await runner.run(["export", "--fixtures", demo, "--output", "signed.json", "--sign-key-file", "audit.key", "--quiet"])
        let stdout = await runner.run(["export", "--fixtures", demo, "--sign-key-file", "audit.key", "--quiet"])
        #expect(file.status == 0 && stdout.status == 0)
        let written = try Data(contentsOf: directory.appendingPathComponent("signed.json"))
        #expect(Array(written) == stdout.stdoutBytes)
        #expect(SnapshotSeal.verify(written, key: Array("an auditor's key, 32 bytes long!".utf8)) == .valid)
        #expect(!stdout.stdout.contains("32 bytes long"))
        // Everything but the signature line is the unsigned export.
        let unsigned = await runner.run(["export", "--fixtures", demo, "--quiet"])
        let withoutSignature = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("  \"signature\": ") } }
        #expect(withoutSignature(stdout.stdout) == withoutSignature(unsigned.stdout))
        #expect(unsigned.stdout.contains("\n  \"signature\": null,\n"))
    }

    @Test func aKeyFindsUnsignedFiles() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await buildStore()
        try Data("an auditor's key, 32 bytes long!".utf8).write(to: directory.appendingPathComponent("audit.key"))
        let validate = await runner.run(["validate", "history/\(Self.names[0])", "--sign-key-file", "audit.key"])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains(SnapshotSeal.Verdict.unsigned.explanation))
        let outcome = await verify(["--sign-key-file", "audit.key"])
        #expect(outcome.status == 1)
        #expect(breaks(outcome).count == 5)
        #expect(breaks(outcome).allSatisfy { $0.contains("was unsigned: ") })
    }

    @Test func troubleExitsTwo() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(await verify().status == 2)
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let empty = await verify()
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("holds no stored snapshots"))
        let unknown = await runner.run(["store", "verfy", "history"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'verify'?"))
        let afterAnOption = await runner.run(["store", "--sign-key-file", "short.key", "check", "history"])
        #expect(afterAnOption.status == 2)
        #expect(afterAnOption.stderr.hasPrefix("clerk-grants: error: unknown store subcommand 'check'"))
        try Data("short".utf8).write(to: directory.appendingPathComponent("short.key"))
        #expect(await verify(["--sign-key-file", "short.key"]).status == 2)
        #expect(await runner.run(["store", "--help"]).status == 0)
    }
}
