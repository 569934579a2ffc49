import Foundation
import Testing

/// A folder of golden files for tests: output is compared with them byte for byte.
///
/// A mismatch records a test issue at the caller's line with a unified diff of the first differing lines.
/// With `CLERK_GRANTS_RECORD_GOLDEN=1` the file is rewritten and the test still fails, so a recording run
/// can never pass unnoticed (as swift-argument-parser's and swift-snapshot-testing's helpers behave).
public struct GoldenFolder: Sendable {
    /// The environment variable that turns record mode on when set to `1`.
    public static let recordVariable = "CLERK_GRANTS_RECORD_GOLDEN"

    /// Whether this process was asked to re-record golden files.
    public static var recordingRequested: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    public let url: URL
    /// Whether a comparison writes the file instead of reading it (and then fails).
    public let recording: Bool

    /// - Parameter recording: defaults to ``recordingRequested``; tests of this helper pass it explicitly.
    public init(_ url: URL, recording: Bool = GoldenFolder.recordingRequested) {
        self.url = url
        self.recording = recording
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Compares `actual` with the golden file `name`, recording an issue at `sourceLocation` when they differ
    /// or when the file was re-recorded. Throws only when the golden file cannot be read or written.
    public func assertMatches(
        _ actual: [UInt8], file name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if let failure = try compare(actual, file: name) {
            Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation)
        }
    }

    /// ``assertMatches(_:file:sourceLocation:)`` for text, compared as its UTF-8 bytes.
    public func assertMatches(
        _ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try assertMatches(Array(actual.utf8), file: name, sourceLocation: sourceLocation)
    }

    /// The failure message for `actual` against the golden file `name`, or nil when they are equal. In
    /// record mode the file is written first and the message says so. A mismatch also saves the actual
    /// bytes in the temporary folder, so a whole-file `diff` is one command away.
    public func compare(_ actual: [UInt8], file name: String) throws -> String? {
        let expectedURL = file(name)
        if recording {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(actual).write(to: expectedURL)
            return "Recorded new baseline for \(name) at \(expectedURL.path); re-run without \(Self.recordVariable)=1 to check it"
        }
        let expected: [UInt8]
        do {
            expected = Array(try Data(contentsOf: expectedURL))
        } catch {
            return "golden file \(expectedURL.path) is missing or unreadable (\(error.localizedDescription)); "
                + "run with \(Self.recordVariable)=1 to record it"
        }
        if expected == actual { return nil }
        let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
        try? Data(actual).write(to: actualURL)
        return "golden mismatch in \(name): diff \(expectedURL.path) \(actualURL.path)\n"
            + GoldenDiff.unified(expected: expected, actual: actual, name: name)
    }
}
