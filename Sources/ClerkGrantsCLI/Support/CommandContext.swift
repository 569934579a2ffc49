import Foundation
import Synchronization

/// What a command may touch of the outside world, injected so tests can run commands in-process with a
/// fixed clock, their own environment, and captured output.
public struct CommandContext: Sendable {
    public var environment: [String: String]
    public var now: @Sendable () -> Date
    public var standardOutput: TextSink
    public var standardError: TextSink
    /// Whether stderr is an interactive terminal (progress lines are drawn only then).
    public var standardErrorIsTerminal: Bool
    public var standardOutputIsTerminal: Bool
    public var currentDirectory: URL
    /// The name of the machine running the command, for a snapshot's `provenance`; injected like `now`.
    public var hostName: @Sendable () -> String

    /// Without a `hostName`, `test-host`: a test context's machine is a fixed name, as its clock is.
    public init(
        environment: [String: String], now: @escaping @Sendable () -> Date, standardOutput: TextSink,
        standardError: TextSink, standardErrorIsTerminal: Bool = false, standardOutputIsTerminal: Bool = false,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        hostName: @escaping @Sendable () -> String = { "test-host" }
    ) {
        self.hostName = hostName
        self.environment = environment
        self.now = now
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.currentDirectory = currentDirectory
    }

    /// The real process: its environment, clock, stdout and stderr. SIGPIPE is ignored so that a reader
    /// closing the pipe (`clerk-grants export | head`) surfaces as an EPIPE write error with exit code 5,
    /// instead of killing the process silently with a status a script could mistake for success.
    public static func process() -> CommandContext {
        signal(SIGPIPE, SIG_IGN)
        return CommandContext(
            environment: ProcessInfo.processInfo.environment, now: { Date() },
            standardOutput: .fileDescriptor(1), standardError: .fileDescriptor(2),
            standardErrorIsTerminal: isatty(2) == 1, standardOutputIsTerminal: isatty(1) == 1,
            hostName: { localHostName() })
    }

    /// Resolves a path the user typed against the current directory.
    public func url(forPath path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
    }
}

/// The machine's name as `gethostname` gives it: no DNS lookup (which `ProcessInfo.hostName` may make, and
/// which an export on a locked-down host must not wait for).
func localHostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Where a command's text goes: a file descriptor, or a buffer a test reads back.
public struct TextSink: Sendable {
    private let writeBytes: @Sendable ([UInt8]) -> Void
    private let readFailure: @Sendable () -> String?

    /// `failure` reports why a write was lost, if one was: a command that wrote to a full disk or a closed
    /// pipe must not exit 0.
    public init(_ write: @escaping @Sendable ([UInt8]) -> Void, failure: @escaping @Sendable () -> String? = { nil }) {
        writeBytes = write
        readFailure = failure
    }

    /// Writes to `descriptor`; after the first failed write (ENOSPC, EPIPE, ...) the rest are dropped and
    /// `failure` names the error.
    public static func fileDescriptor(_ descriptor: Int32) -> TextSink {
        let failure = FirstWriteFailure()
        let sink: @Sendable ([UInt8]) -> Void = { bytes in
            guard failure.reason == nil else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    let reason = written < 0 ? String(cString: strerror(errno)) : "the write was refused"
                    failure.record(reason)
                    return
                }
                offset += written
            }
        }
        return TextSink(sink, failure: { failure.reason })
    }

    /// Why a write to this sink was lost, or nil when everything written arrived.
    public var failure: String? { readFailure() }

    /// Throws the documented output failure (exit 5; `diff`: 2) when a write was lost.
    func requireDelivered() throws(CLIError) {
        if let failure { throw .standardOutputFailed(reason: failure) }
    }

    public func write(_ bytes: [UInt8]) { writeBytes(bytes) }
    public func write(_ text: String) { writeBytes(Array(text.utf8)) }
    public func line(_ text: String) { writeBytes(Array((text + "\n").utf8)) }
}

/// The first error a file-descriptor sink met; shared by the writes that closure makes.
private final class FirstWriteFailure: Sendable {
    private let storage = Mutex<String?>(nil)

    var reason: String? { storage.withLock { $0 } }
    func record(_ reason: String) { storage.withLock { $0 = $0 ?? reason } }
}

/// Collects what a command writes, for tests.
public final class CapturedText: Sendable {
    private let storage = Mutex<[UInt8]>([])

    public init() {}

    public var sink: TextSink { TextSink { bytes in self.storage.withLock { $0 += bytes } } }
    public var bytes: [UInt8] { storage.withLock { $0 } }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
