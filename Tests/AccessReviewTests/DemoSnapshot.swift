import AccessReview
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// The demo tenant (`fixtures/demo`) exported at 2026-11-20T00:00:00Z: the shared golden snapshot
/// (`DemoSnapshotFiles`), so these tests need neither the exporter nor the fixture reader.
enum DemoSnapshot {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func load() throws -> Snapshot {
        try SnapshotDecoder.decode(try Data(contentsOf: DemoSnapshotFiles.demo))
    }

    /// The demo file read as the commands read it: through the byte index, as it stands.
    static func index() throws -> AccessIndex {
        AccessIndex(try #require(IndexedSnapshot(try Data(contentsOf: DemoSnapshotFiles.demo))))
    }

    /// Everything a writer emits, concatenated; also returns how many chunks it came in.
    static func collect(_ write: (@escaping ([UInt8]) -> Void) -> Void) -> (bytes: [UInt8], chunks: Int) {
        // Unchecked: the writers call `emit` synchronously, before `write` returns, on the caller's thread,
        // so the box is never touched by two threads.
        final class Box: @unchecked Sendable {
            var bytes: [UInt8] = []
            var chunks = 0
        }
        let box = Box()
        write { chunk in
            box.bytes += chunk
            box.chunks += 1
        }
        return (box.bytes, box.chunks)
    }

    static func text(_ write: (@escaping ([UInt8]) -> Void) -> Void) -> String {
        String(decoding: collect(write).bytes, as: UTF8.self)
    }
}

/// Golden files under `Golden/`, compared byte for byte, failing at the caller's line;
/// `CLERK_GRANTS_RECORD_GOLDEN=1` rewrites them and fails.
enum ReviewGolden {
    static func check(_ actual: [UInt8], file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(DemoSnapshot.golden).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(DemoSnapshot.golden).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }
}
