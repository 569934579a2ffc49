import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Synchronization
import Testing

/// Writing never destroys what it should keep: links stay links, devices and FIFOs are written in place,
/// a lost write to stdout is an error, and only this tool's stale temporary files are cleaned up.
@Suite struct OutputSafetyTests {
    static let golden = DemoSnapshotFiles.demo
    static let demo = CommandHarness.demoFixtures.path
    static let snapshot = golden.path

    func exportTo(_ output: String, in directory: URL) async -> CommandHarness.Outcome {
        await CommandHarness(directory: directory).run(["export", "--fixtures", Self.demo, "--quiet", "--output", output])
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let manager = FileManager.default
        let targets = directory.appendingPathComponent("targets")
        try manager.createDirectory(at: targets, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: targets.appendingPathComponent("real.json"))
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path, withDestinationPath: "targets/real.json")

        let outcome = await exportTo("link.json", in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try manager.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("link.json").path) == "targets/real.json")
        #expect(try Data(contentsOf: targets.appendingPathComponent("real.json")) == Data(contentsOf: Self.golden))
        let mode = try manager.attributesOfItem(atPath: targets.appendingPathComponent("real.json").path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        // The temporary file lived beside the target and is gone.
        #expect(try manager.contentsOfDirectory(atPath: targets.path) == ["real.json"])
        #expect(try manager.contentsOfDirectory(atPath: directory.path).sorted() == ["link.json", "targets"])

        let review = await CommandHarness(directory: directory).run(["review", Self.snapshot, "--output", "link.json"])
        #expect(review.status == 0)
        #expect(try String(contentsOf: targets.appendingPathComponent("real.json"), encoding: .utf8).hasPrefix("# Access review"))
    }

    @Test func aDanglingLinkIsRefusedAndKept() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path, withDestinationPath: "missing/real.json")
        let outcome = await exportTo("link.json", in: directory)
        #expect(outcome.status == 5)
        #expect(outcome.stderr.contains("is a symbolic link to a missing or unreachable file"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("link.json").path) == "missing/real.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["link.json"])
    }

    @Test func aDeviceIsWrittenInPlace() async throws {
        let export = await exportTo("/dev/null", in: FileManager.default.temporaryDirectory)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr == "")
        let review = await CommandHarness().run(["review", Self.snapshot, "--output", "/dev/null"])
        #expect(review.status == 0)
        let refused = await exportTo(FileManager.default.temporaryDirectory.path, in: FileManager.default.temporaryDirectory)
        #expect(refused.status == 5)
        #expect(refused.stderr.contains(": it is a folder; nothing was replaced"))
    }

    /// A FIFO cannot be renamed over or patched: the snapshot streams into it, digest first, whole.
    @Test func aFIFOReceivesTheWholeSnapshot() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe")
        try #require(mkfifo(fifo.path, 0o600) == 0)
        let reader = FIFOReader(path: fifo.path)
        let outcome = await exportTo("pipe", in: directory)
        // Releases the reader if the export never opened the FIFO, so the test cannot hang.
        let unblock = open(fifo.path, O_WRONLY | O_NONBLOCK)
        if unblock >= 0 { close(unblock) }
        let received = try #require(reader.wait(seconds: 30))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(received == Array(try Data(contentsOf: Self.golden)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipe"])
    }

    /// Every command that writes to stdout, pointed at /dev/full: exit 5 (diff: 2) with a message, never 0.
    @Test func aFullDiskOnStdoutIsAnError() async throws {
        let commands: [[String]] = [
            ["export", "--fixtures", Self.demo, "--quiet"],
            ["validate", Self.snapshot],
            ["review", Self.snapshot],
            ["convert", Self.snapshot, "--to", "csv"],
            ["who-can", Self.snapshot, "org:sys_memberships:manage"],
            ["access", Self.snapshot, "niaj.nguyen@example.com"],
            ["help"],
            ["export", "--help"],
        ]
        for arguments in commands + [["diff", Self.snapshot, Self.snapshot], ["diff", "--help"]] {
            let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
            try #require(full >= 0)
            defer { close(full) }
            let err = CapturedText()
            let context = CommandContext(
                environment: [:], now: { CommandHarness.fixedNow }, standardOutput: .fileDescriptor(full),
                standardError: err.sink, currentDirectory: FileManager.default.temporaryDirectory)
            let status = await ClerkGrantsCommand.run(arguments, context: context)
            #expect(status == (arguments[0] == "diff" ? 2 : 5), "\(arguments)")
            #expect(err.text.hasSuffix("clerk-grants: error: cannot write to standard output: No space left on device; the output is incomplete\n"), "\(arguments): \(err.text)")
        }
    }

    /// The real binary, so SIGPIPE handling is what ships: a closed pipe is EPIPE and exit 5, not a silent
    /// death by signal; /dev/full likewise.
    @Test func theBinaryReportsAClosedPipeAndAFullDisk() throws {
        let binary = try #require(BuiltBinary.url, "the clerk-grants executable is built beside the tests")
        let cases: [([String], Int32)] = [
            (["export", "--fixtures", Self.demo, "--quiet"], 5),
            (["review", Self.snapshot], 5),
            (["diff", Self.snapshot, Self.snapshot], 2),
        ]
        for (arguments, expected) in cases {
            for target in ["closed pipe", "/dev/full"] {
                let process = Process()
                process.executableURL = binary
                process.arguments = arguments
                let errors = Pipe()
                process.standardError = errors
                if target == "/dev/full" {
                    process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
                } else {
                    let output = Pipe()
                    try output.fileHandleForReading.close()
                    process.standardOutput = output
                }
                try process.run()
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationReason == .exit, "\(arguments) to a \(target) died of a signal")
                #expect(process.terminationStatus == expected, "\(arguments) to a \(target): \(message)")
                let reason = target == "/dev/full" ? "No space left on device" : "Broken pipe"
                #expect(message.contains("clerk-grants: error: cannot write to standard output: \(reason)"), "\(arguments): \(message)")
            }
        }
    }

    @Test func staleTemporaryFilesBesideTheOutputAreCleanedUp() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = ".snap.json.\(UUID().uuidString).tmp"
        let fresh = ".snap.json.\(UUID().uuidString).tmp"
        let notOurs = [".snap.json.notes.tmp", ".other.json.\(UUID().uuidString).tmp", "snap.json.\(UUID().uuidString).tmp"]
        for name in [old, fresh] + notOurs {
            try Data("partial".utf8).write(to: directory.appendingPathComponent(name))
        }
        for name in [old] + notOurs {
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: directory.appendingPathComponent(name).path)
        }
        let outcome = await exportTo("snap.json", in: directory)
        #expect(outcome.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ([fresh, "snap.json"] + notOurs).sorted())
    }
}

/// Reads a FIFO to its end on a thread of its own (opening a FIFO blocks until a writer opens it).
final class FIFOReader: Sendable {
    private let received = Mutex<[UInt8]?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        Thread.detachNewThread { [self] in
            var bytes: [UInt8] = []
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if got < 0, errno == EINTR { continue }
                    if got <= 0 { break }
                    bytes += buffer[0..<got]
                }
                close(descriptor)
            }
            received.withLock { $0 = bytes }
            done.signal()
        }
    }

    /// What was read, or nil if the writer did not finish within `seconds`.
    func wait(seconds: Int) -> [UInt8]? {
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else { return nil }
        return received.withLock { $0 }
    }
}

/// The `clerk-grants` executable SwiftPM built next to the test bundle.
enum BuiltBinary {
    static let url: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clerk-grants"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("clerk-grants"),
            CommandHarness.repositoryRoot.appendingPathComponent(".build/debug/clerk-grants"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
