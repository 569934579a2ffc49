import ClerkGrantsCLI
import ExportPipeline
import Foundation
import Testing

/// Bad input of every kind: a clear message, a documented exit code, and nothing half-written.
@Suite struct BadInputTests {
    @Test func unreadableFixtureFolderExitsOne() async {
        let outcome = await CommandHarness().run(["export", "--fixtures", "/nonexistent/clerk-grants-fixtures"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "clerk-grants: error: cannot read fixture folder /nonexistent/clerk-grants-fixtures: no such folder\n")
        #expect(outcome.stdout == "")
    }

    @Test func malformedPageFailsWithoutTouchingThePreviousSnapshot() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = directory.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: CommandHarness.demoFixtures, to: fixtures)
        let page = fixtures.appendingPathComponent("organization_memberships/page-0002.json")
        let text = try String(contentsOf: page, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(to: page, atomically: true, encoding: .utf8)
        let previous = directory.appendingPathComponent("snap.json")
        try Data("previous good snapshot".utf8).write(to: previous)

        let outcome = await CommandHarness(directory: directory).run(["export", "--fixtures", "broken", "--output", "snap.json"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("organization_memberships/page-0002.json: the body is not valid JSON (unexpected end of input at byte"))
        #expect(try String(contentsOf: previous, encoding: .utf8) == "previous good snapshot")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["broken", "snap.json"])
    }

    @Test func wrongShapePageNamesTheField() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtures = directory.appendingPathComponent("shape")
        try FileManager.default.copyItem(at: CommandHarness.demoFixtures, to: fixtures)
        let page = fixtures.appendingPathComponent("organization_roles/page-0001.json")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: #""key": "org:admin""#, with: #""key": 7"#).write(to: page, atomically: true, encoding: .utf8)
        let outcome = await CommandHarness(directory: directory).run(["export", "--fixtures", "shape"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("organization_roles/page-0001.json: the body is not the documented shape (data["))
        #expect(outcome.stderr.contains("].key: expected string, found number)"))
    }

    @Test func unknownResourcesNameIsAUsageError() async {
        let outcome = await CommandHarness().run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--resources", "users,groups,roles"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("unknown --resources 'groups': choose from users, organizations, roles, permissions, memberships"))
    }

    @Test func missingKeyIsExplained() async {
        let outcome = await CommandHarness(environment: [:]).run(["export"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no Clerk secret key: set CLERK_SECRET_KEY or pass --secret-key-file PATH"))
    }

    @Test func keyOnTheCommandLineIsRefusedWithoutEchoingIt() async {
        let key = "sk_test_FAKE-commandLineKEY1234567890abcdef"
        for arguments in [["export", "--secret-key", key], ["export", "--secret-key=\(key)"], ["validate", key]] {
            let outcome = await CommandHarness().run(arguments)
            #expect(outcome.status == 1)
            #expect(!outcome.stderr.contains(key))
            #expect(!outcome.stdout.contains(key))
        }
    }

    @Test func unknownFlagsAndCommandsAreUsageErrors() async {
        #expect(await CommandHarness().run(["export", "--fixture", "x"]).stderr.contains("unknown option --fixture"))
        #expect(await CommandHarness().run(["exprot"]).status == 1)
        #expect(await CommandHarness().run(["export", "--concurrency", "0", "--fixtures", "x"]).stderr.contains("--concurrency must be a whole number from 1 to 64, not '0'"))
        #expect(await CommandHarness().run([]).status == 1)
    }

    @Test func plainHTTPToAnotherHostIsRefused() async {
        let outcome = await CommandHarness(environment: ["CLERK_SECRET_KEY": "sk_test_FAKE-keyForTheHTTPRefusalTest000000"]).run(["export", "--api-url", "http://api.example.com"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("refusing to send the secret key to http://api.example.com: the API URL must use https"))
        #expect(!outcome.stderr.contains("keyForTheHTTPRefusal"))
    }

    @Test func validateExplainsWhatIsWrong() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = CommandHarness(directory: directory)
        #expect(await harness.run(["validate", "missing.json"]).stderr == "clerk-grants: error: cannot read missing.json: no such file\n")
        try Data("{\"schema\":\"something.else\"}".utf8).write(to: directory.appendingPathComponent("foreign.json"))
        let foreign = await harness.run(["validate", "foreign.json"])
        #expect(foreign.status == 1)
        #expect(foreign.stdout.contains("[foreign_document] schema: expected 'clerk-grants.snapshot', found 'something.else'"))
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesContentWholeWithModeSixHundred() throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.json")
        try Data("old".utf8).write(to: target)
        try AtomicFile.write(Array("new content".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new content")
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.json"])
    }

    @Test func failedWriteLeavesTheOldFileAndNoTemporary() throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A folder where the file should go: rename(2) cannot replace it, so the write fails late.
        let target = directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inner"), withIntermediateDirectories: true)
        #expect(throws: AtomicWriteError.self) { try AtomicFile.write(Array("data".utf8), to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["occupied"])
    }

    @Test func exportToUnwritablePlaceExitsFive() async throws {
        let outcome = await CommandHarness().run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--output", "/nonexistent-dir/snap.json"])
        #expect(outcome.status == 5)
        #expect(outcome.stderr.contains("cannot write /nonexistent-dir/snap.json"))
    }
}
