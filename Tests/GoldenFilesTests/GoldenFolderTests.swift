import Foundation
@testable import GoldenFiles
import Testing

/// The golden helper must fail when it should: at the caller's line on a mismatch, and also after
/// re-recording, so a record run can never be mistaken for a passing one.
@Suite struct GoldenFolderTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("golden-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("one\ntwo\nthree\n".utf8).write(to: directory.appendingPathComponent("sample.txt"))
    }

    /// The digests the demo goldens state, as tests that name stored files by digest read them.
    @Test func theDemoGoldensStateTheirDigests() throws {
        for digest in [DemoSnapshotFiles.demoDigest, DemoSnapshotFiles.demoNextDigest] {
            #expect(digest.count == "sha256:".count + 64 && digest.hasPrefix("sha256:"), "\(digest)")
            #expect(digest.dropFirst("sha256:".count).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
        #expect(DemoSnapshotFiles.demoDigest != DemoSnapshotFiles.demoNextDigest)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-digest-\(UUID().uuidString).json")
        try Data("{\n  \"complete\": true\n}\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(DemoSnapshotFiles.statedDigest(url) == "")
    }

    @Test func equalBytesRecordNoIssue() throws {
        let folder = GoldenFolder(directory, recording: false)
        try folder.assertMatches("one\ntwo\nthree\n", file: "sample.txt")
        #expect(try folder.compare(Array("one\ntwo\nthree\n".utf8), file: "sample.txt") == nil)
    }

    @Test func aMismatchFailsAtTheCallersLineWithADiff() throws {
        let folder = GoldenFolder(directory, recording: false)
        let callLine = #line + 2
        try withKnownIssue {
            try folder.assertMatches("one\n2\nthree\n", file: "sample.txt")
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return issue.sourceLocation?.line == callLine && issue.sourceLocation?.fileName == "GoldenFolderTests.swift"
                && text.contains("golden mismatch in sample.txt") && text.contains("-two\n+2\n")
        }
    }

    @Test func recordModeWritesTheFileAndStillFails() throws {
        let folder = GoldenFolder(directory.appendingPathComponent("new-folder"), recording: true)
        try withKnownIssue {
            try folder.assertMatches("recorded\n", file: "fresh.txt")
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().hasPrefix("Recorded new baseline for fresh.txt")
        }
        #expect(try String(contentsOf: folder.file("fresh.txt"), encoding: .utf8) == "recorded\n")
    }

    @Test func aMissingGoldenFileFailsAndSaysHowToRecordIt() throws {
        let message = try #require(try GoldenFolder(directory, recording: false).compare([1], file: "absent.txt"))
        #expect(message.hasPrefix("golden file \(directory.appendingPathComponent("absent.txt").path) is missing"))
        #expect(message.hasSuffix("run with CLERK_GRANTS_RECORD_GOLDEN=1 to record it"))
    }

    @Test func theDiffIsOneHunkWithThreeLinesOfContext() {
        let expected = Array("a\nb\nc\nd\ne\nf\ng\nh\ni\n".utf8)
        let actual = Array("a\nb\nc\nd\nE\nf\ng\nh\ni\n".utf8)
        #expect(GoldenDiff.unified(expected: expected, actual: actual, name: "x.txt") == """
            --- expected/x.txt
            +++ actual/x.txt
            @@ -2,7 +2,7 @@
             b
             c
             d
            -e
            +E
             f
             g
             h

            """)
    }

    @Test func theDiffIsBoundedWhateverTheInputSize() {
        let expected = Array((0..<1000).map { "line \($0)" }.joined(separator: "\n").utf8)
        let actual = Array((0..<1000).map { "LINE \($0) " + String(repeating: "x", count: 500) }.joined(separator: "\n").utf8)
        let diff = GoldenDiff.unified(expected: expected, actual: actual, name: "big.txt")
        let lines = diff.split(separator: "\n")
        #expect(lines.count == 3 + 2 * (GoldenDiff.maximumLinesPerSide + 1))
        #expect(lines.contains("-... 980 more lines") && lines.contains("+... 980 more lines"))
        #expect(lines.allSatisfy { $0.count <= GoldenDiff.maximumLineLength + 40 })
    }

    @Test func theSharedDemoSnapshotsExist() throws {
        for url in [DemoSnapshotFiles.demo, DemoSnapshotFiles.demoNext] {
            let bytes = try Data(contentsOf: url)
            #expect(bytes.starts(with: Data("{".utf8)), "\(url.path)")
        }
    }
}
