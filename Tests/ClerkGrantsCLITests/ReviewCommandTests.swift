import AccessReview
import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// `review`, `convert`, `who-can` and `access` driven in-process: the CLI writes exactly what the
/// AccessReview golden files hold, and refuses bad input with exit 1 and nothing on stdout.
@Suite("Review commands")
struct ReviewCommandTests {
    static let reviewGolden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AccessReviewTests/Golden")
    static let snapshot = DemoSnapshotFiles.demo.path
    static let key = "cli-test-redaction-key-0123456789"

    /// Compares with an AccessReview golden file, failing at the caller's line.
    func assertGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(Self.reviewGolden).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }

    static let goldenCases: [([String], String)] = [
        (["review"], "review.md"), (["review", "--format", "html"], "review.html"), (["review", "--format", "json"], "findings.json"),
        (["convert", "--to", "csv"], "feed.csv"), (["convert", "--to", "ndjson"], "feed.ndjson"),
        (["convert", "--to", "ndjson", "--expand"], "feed-expanded.ndjson"),
        (["who-can", "org:sys_memberships:manage"], "who-can.txt"),
        (["access", "niaj.nguyen@example.com"], "access-niaj.txt"),
    ]

    /// The same snapshot laid out otherwise gives the same outputs: indented whole (read by the index with
    /// records that are not canonical bytes, so `convert` re-encodes them) and with an escaped id (which the
    /// index leaves to the validator, so the file is decoded and indexed after encoding it canonically).
    @Test(arguments: ["indented", "escaped id"])
    func aValidSnapshotInAnyLayoutGivesTheSameOutputs(layout: String) async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Data(contentsOf: DemoSnapshotFiles.demo)
        var text = String(decoding: original, as: UTF8.self)
        if layout == "indented" {
            text = String(decoding: CanonicalJSONWriter.encodePretty(try JSONParser.parse(original)), as: UTF8.self)
        } else {
            let id = #""id":"user:user_2NxAliceAdams"#
            #expect(text.contains(id))
            text = text.replacingOccurrences(of: id, with: #""id":"\u0075ser:user_2NxAliceAdams"#)
        }
        #expect(text.utf8.count != original.count)
        let file = directory.appendingPathComponent("demo.json")
        try Data(text.utf8).write(to: file)
        let harness = CommandHarness()
        for (arguments, golden) in Self.goldenCases {
            let outcome = await harness.run([arguments[0], file.path] + arguments.dropFirst())
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            try assertGolden(outcome.stdoutBytes, golden)
        }
    }

    @Test func outputsMatchTheLibraryGoldenFiles() async throws {
        let harness = CommandHarness()
        let cases: [([String], String)] = [
            (["review", Self.snapshot], "review.md"),
            (["review", Self.snapshot, "--format", "html"], "review.html"),
            (["review", Self.snapshot, "--format", "json"], "findings.json"),
            (["convert", Self.snapshot, "--to", "csv"], "feed.csv"),
            (["convert", Self.snapshot, "--to", "ndjson"], "feed.ndjson"),
            (["convert", Self.snapshot, "--to", "ndjson", "--expand"], "feed-expanded.ndjson"),
            (["who-can", Self.snapshot, "org:sys_memberships:manage"], "who-can.txt"),
            (["who-can", Self.snapshot, "org:sys_memberships:manage", "--format", "json"], "who-can.json"),
            (["access", Self.snapshot, "niaj.nguyen@example.com"], "access-niaj.txt"),
            (["access", Self.snapshot, "user_2NxAliceAdams00000000000000", "--format=json"], "access-alice.json"),
        ]
        for (arguments, file) in cases {
            let outcome = await harness.run(arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            try assertGolden(outcome.stdoutBytes, file)
        }
    }

    @Test func outputFileIsWrittenAtomicallyWithPrivateMode() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = CommandHarness(directory: directory)
        let outcome = await harness.run(["review", Self.snapshot, "--format", "html", "--output", "review.html"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        let path = directory.appendingPathComponent("review.html").path
        try assertGolden(Array(try Data(contentsOf: URL(fileURLWithPath: path))), "review.html")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let missingFolder = await harness.run(["review", Self.snapshot, "--output", "no/such/folder/r.md"])
        #expect(missingFolder.status == 5)
    }

    @Test func reviewPolicyFlagsChangeFindings() async throws {
        let harness = CommandHarness()
        let outcome = await harness.run([
            "review", Self.snapshot, "--format", "json", "--max-admins", "4", "--stale-days", "1000", "--as-of",
            "2026-11-20T00:00:00Z",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try #require(try JSONParser.parse(outcome.stdoutBytes).objectValue)
        let rules = (document["findings"]?.arrayValue ?? []).compactMap { $0.objectValue?["rule"]?.stringValue }.map(FindingRule.init(rawValue:))
        #expect(!rules.contains(.organizationWithTooManyAdmins))
        #expect(rules.filter { $0 == .staleGrantHolder }.count == 2)
        #expect(!rules.contains(nil), "every rule written is a FindingRule")
        #expect(document["policy"]?.objectValue?["max_admins"]?.int64Value == 4)
    }

    @Test func redactionNeedsAKey() async throws {
        let withoutKey = await CommandHarness().run(["convert", Self.snapshot, "--to", "csv", "--redact-pii"])
        #expect(withoutKey.status == 1)
        #expect(withoutKey.stdout.isEmpty)
        #expect(withoutKey.stderr.contains("CLERK_GRANTS_REDACT_KEY"))

        let shortKey = await CommandHarness(environment: ["CLERK_GRANTS_REDACT_KEY": "short"]).run([
            "convert", Self.snapshot, "--to", "csv", "--redact-pii",
        ])
        #expect(shortKey.status == 1)
        #expect(shortKey.stdout.isEmpty)

        let fromEnvironment = await CommandHarness(environment: ["CLERK_GRANTS_REDACT_KEY": Self.key]).run([
            "convert", Self.snapshot, "--to", "ndjson", "--redact-pii",
        ])
        #expect(fromEnvironment.status == 0)
        #expect(!fromEnvironment.stdout.contains("@example.com"))
        #expect(!fromEnvironment.stdout.contains("Alice Adams"))  // ids embed names without the space
        #expect(fromEnvironment.stdout.contains("\"pii_redacted\":true"))

        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data((Self.key + "\n").utf8).write(to: directory.appendingPathComponent("redact.key"))
        let fromFile = await CommandHarness(directory: directory).run([
            "convert", Self.snapshot, "--to", "ndjson", "--redact-pii", "--redact-key-file", "redact.key",
        ])
        #expect(fromFile.status == 0)
        #expect(fromFile.stdoutBytes == fromEnvironment.stdoutBytes)

        let keyWithoutRedaction = await CommandHarness(directory: directory).run([
            "convert", Self.snapshot, "--to", "csv", "--redact-key-file", "redact.key",
        ])
        #expect(keyWithoutRedaction.status == 1)
    }

    @Test func badInputIsRefusedWithExitOne() async {
        let harness = CommandHarness()
        let refused: [[String]] = [
            ["review"],
            ["review", Self.snapshot, "--format", "pdf"],
            ["review", Self.snapshot, "--stale-days", "-1"],
            ["review", Self.snapshot, "--as-of", "yesterday"],
            ["review", "/no/such/snapshot.json"],
            ["review", Self.snapshot, "--unknown"],
            ["convert", Self.snapshot],
            ["convert", Self.snapshot, "--to", "xml"],
            ["who-can", Self.snapshot, "org:no_such:permission"],
            ["who-can", Self.snapshot, "org:sys_memberships:manage", "--org", "no-such-org"],
            ["who-can", Self.snapshot],
            ["access", Self.snapshot, "nobody@example.com"],
        ]
        for arguments in refused {
            let outcome = await harness.run(arguments)
            #expect(outcome.status == 1, "\(arguments) gave \(outcome.status)")
            #expect(outcome.stdout.isEmpty, "\(arguments) wrote to stdout")
            #expect(outcome.stderr.hasPrefix("clerk-grants: error: "), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test func whoCanScopesToOneOrganization() async {
        let outcome = await CommandHarness().run(["who-can", Self.snapshot, "org:sys_memberships:manage", "--org", "globex"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Carol Chen"))
        #expect(!outcome.stdout.contains("Alice Adams"))
    }
}
