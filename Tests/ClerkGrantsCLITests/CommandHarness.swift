import GoldenFiles
import ClerkGrantsCLI
import Foundation
import Testing

/// Runs `clerk-grants` in-process with a fixed clock, a chosen environment and captured output.
struct CommandHarness {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let demoFixtures = repositoryRoot.appendingPathComponent("fixtures/demo")
    static let demoNextFixtures = repositoryRoot.appendingPathComponent("fixtures/demo-next")
    /// 2026-11-20T00:00:00Z, the "now" of every golden file.
    static let fixedNow = Date(timeIntervalSince1970: 1_795_132_800)

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    var environment: [String: String] = [:]
    var directory: URL
    /// The commands' "now"; `fixedNow` unless a test needs another.
    var now = CommandHarness.fixedNow

    init(environment: [String: String] = [:], directory: URL = FileManager.default.temporaryDirectory) {
        self.environment = environment
        self.directory = directory
    }

    func run(_ arguments: [String]) async -> Outcome {
        let out = CapturedText()
        let err = CapturedText()
        let context = CommandContext(
            environment: environment, now: { [now] in now }, standardOutput: out.sink,
            standardError: err.sink, currentDirectory: directory)
        let status = await ClerkGrantsCommand.run(arguments, context: context)
        return Outcome(status: status, stdout: out.text, stderr: err.text, stdoutBytes: out.bytes)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The CLI's own golden files under `Golden/`: compared byte for byte, failing at the caller's line;
/// `CLERK_GRANTS_RECORD_GOLDEN=1` rewrites them and fails. The demo snapshots are `DemoSnapshotFiles`.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func assertMatches(_ actual: [UInt8], file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(folder).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }

    static func assertMatches(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(folder).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }
}
