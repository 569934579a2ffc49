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

    public init(
        environment: [String: String], now: @escaping @Sendable () -> Date, standardOutput: TextSink,
        standardError: TextSink, standardErrorIsTerminal: Bool = false, standardOutputIsTerminal: Bool = false,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.environment = environment
        self.now = now
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.currentDirectory = currentDirectory
    }

    /// The real process: its environment, clock, stdout and stderr.
    public static func process() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment, now: { Date() },
            standardOutput: .fileDescriptor(1), standardError: .fileDescriptor(2),
            standardErrorIsTerminal: isatty(2) == 1, standardOutputIsTerminal: isatty(1) == 1)
    }

    /// Resolves a path the user typed against the current directory.
    public func url(forPath path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
    }
}

/// Where a command's text goes: a file descriptor, or a buffer a test reads back.
public struct TextSink: Sendable {
    private let writeBytes: @Sendable ([UInt8]) -> Void

    public init(_ write: @escaping @Sendable ([UInt8]) -> Void) {
        writeBytes = write
    }

    public static func fileDescriptor(_ descriptor: Int32) -> TextSink {
        TextSink { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written <= 0 {
                    if written < 0, errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    public func write(_ bytes: [UInt8]) { writeBytes(bytes) }
    public func write(_ text: String) { writeBytes(Array(text.utf8)) }
    public func line(_ text: String) { writeBytes(Array((text + "\n").utf8)) }
}

/// Collects what a command writes, for tests.
public final class CapturedText: Sendable {
    private let storage = Mutex<[UInt8]>([])

    public init() {}

    public var sink: TextSink { TextSink { bytes in self.storage.withLock { $0 += bytes } } }
    public var bytes: [UInt8] { storage.withLock { $0 } }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
