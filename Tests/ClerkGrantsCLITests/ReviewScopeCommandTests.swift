import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// `review --org`, `--split DIR`, `--min-severity` and `--rules` on the demo snapshot: golden files for
/// one organization's review, the split folder's index and one organization's file (Markdown and HTML)
/// and a filtered review; exact file modes; the refusals and their exit codes.
@Suite("Review scope and split")
struct ReviewScopeCommandTests {
    static let snapshot = DemoSnapshotFiles.demo.path
    static let globexID = "org_2QxGlobex000000000000000000"
    static let organizationFiles = [
        "org_2QxAcmeCorp0000000000000000", "org_2QxGlobex000000000000000000", "org_2QxInitech00000000000000000",
        "org_2QxUmbrellaResearch00000000",
    ]

    static func mode(_ url: URL) -> mode_t {
        var info = stat()
        precondition(lstat(url.path, &info) == 0)
        return info.st_mode & 0o7777
    }

    static func names(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func oneOrganizationsReview() async throws {
        let harness = CommandHarness()
        let outcome = await harness.run(["review", Self.snapshot, "--org", "globex"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        try Golden.assertMatches(outcome.stdoutBytes, file: "review-org-globex.md")
        // By Clerk id or resource id, the same review; a repeat of one organization counts once.
        for spelling in [Self.globexID, "organization:\(Self.globexID)"] {
            let again = await harness.run(["review", Self.snapshot, "--org", spelling, "--org", "globex"])
            #expect(again.stdoutBytes == outcome.stdoutBytes, "\(spelling)")
        }
        let json = await harness.run(["review", Self.snapshot, "--org", "globex", "--format", "json"])
        try Golden.assertMatches(json.stdoutBytes, file: "review-org-globex.json")
        let document = try #require(try JSONParser.parse(json.stdoutBytes).objectValue)
        #expect(document["findings"]?.arrayValue?.count == 5)
        #expect(document["filters"]?.objectValue?["organizations"] == .array([.string("organization:\(Self.globexID)")]))
    }

    @Test func twoOrganizationsInReportOrder() async throws {
        let outcome = await CommandHarness().run(["review", Self.snapshot, "--org", "initech", "--org", "acme-corp"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("- 2 of 4 organizations, 11 memberships, 8 findings\n"))
        #expect(outcome.stdout.contains("- Scope: only Acme Corp (`org_2QxAcmeCorp0000000000000000`), Initech (`org_2QxInitech00000000000000000`); findings that concern no organization are left out\n"))
        #expect(outcome.stdout.contains("## Findings (8)"))
    }

    @Test func filteredReview() async throws {
        let harness = CommandHarness()
        let arguments = ["review", Self.snapshot, "--min-severity", "medium", "--rules", "stale_grant_holder,banned_member_with_grants,org_too_many_admins"]
        let markdown = await harness.run(arguments)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        try Golden.assertMatches(markdown.stdoutBytes, file: "review-filtered.md")
        let json = await harness.run(arguments + ["--format", "json"])
        try Golden.assertMatches(json.stdoutBytes, file: "review-filtered.json")
        let document = try #require(try JSONParser.parse(json.stdoutBytes).objectValue)
        // org_too_many_admins is low: the severity filter leaves it out even though --rules names it.
        #expect(document["counts"]?.objectValue?["total"] == .int(5))
        #expect(document["counts"]?.objectValue?["by_rule"]?.objectValue?.keys == ["banned_member_with_grants", "stale_grant_holder"])
        let html = await harness.run(arguments + ["--format", "html"])
        #expect(html.stdout.contains("<li><strong>Filtered findings: only severity medium and above; rules <code>banned_member_with_grants</code>, <code>stale_grant_holder</code>, <code>org_too_many_admins</code>; other findings are not listed</strong></li>"))
    }

    /// A hostile organization name and slug: the split's file names stay the Clerk ids, and every header
    /// and index row escapes the name for its format.
    @Test func hostileNamesNeverReachFileNamesOrRawOutput() async throws {
        let harness = try await InjectionTests.exportBoth()
        let umbrella = "org_2QxUmbrellaResearch00000000"
        let html = await harness.run(["review", "hostile.json", "--split", "html", "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        let folder = harness.directory.appendingPathComponent("html")
        #expect(Self.names(folder).contains("\(umbrella).html"))
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        // Controls are shown as text (`\u{1B}`), markup as character references.
        let escapedHTML = #"Umbrella\u{1B}[2J|`x`&lt;b&gt;&amp;amp;\u{D}\u{A}R\u{2028}"#
        #expect(index.contains("<tr><td>\(escapedHTML)<br><code>\(umbrella)</code></td>"))
        #expect(!index.contains("<b>"))
        let file = try String(contentsOf: folder.appendingPathComponent("\(umbrella).html"), encoding: .utf8)
        #expect(file.contains("<li><strong>Scope: only \(escapedHTML) (<code>\(umbrella)</code>); findings that concern no organization are left out</strong></li>"))

        let markdown = await harness.run(["review", "hostile.json", "--org", umbrella])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains(#"- Scope: only Umbrella\u{1B}\[2J\|\`x\`\<b\>\&amp;\u{D}\u{A}R\u{2028} (`org_2QxUmbrellaResearch00000000`); findings"#))
        // A slug is matched exactly as stored, hostile characters and all.
        let bySlug = await harness.run(["review", "hostile.json", "--org", HostileTenant.slug])
        #expect(bySlug.stdoutBytes == markdown.stdoutBytes)
    }

    @Test(arguments: [("markdown", "md"), ("html", "html")])
    func splitFolder(format: String, fileExtension: String) async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = CommandHarness(directory: directory)
        let outcome = await harness.run(["review", Self.snapshot, "--split", "reviews", "--format", format])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
        let folder = directory.appendingPathComponent("reviews")
        #expect(Self.mode(folder) == 0o700)
        let expected = [".clerk-grants-folder", "index.\(fileExtension)"] + Self.organizationFiles.map { "\($0).\(fileExtension)" }
        #expect(Self.names(folder) == expected.sorted())
        for name in Self.names(folder) { #expect(Self.mode(folder.appendingPathComponent(name)) == 0o600, "\(name)") }
        #expect(Self.names(directory) == ["reviews"])
        try Golden.assertMatches(Array(try Data(contentsOf: folder.appendingPathComponent("index.\(fileExtension)"))), file: "split-index.\(fileExtension)")
        let globex = Array(try Data(contentsOf: folder.appendingPathComponent("\(Self.globexID).\(fileExtension)")))
        try Golden.assertMatches(globex, file: "split-org-globex.\(fileExtension)")
        // Each file is exactly that organization's `review --org`.
        let alone = await harness.run(["review", Self.snapshot, "--org", "globex", "--format", format])
        #expect(alone.stdoutBytes == globex)
    }

    @Test func splitJSONIndexListsTheFilesWithTheirCounts() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await CommandHarness(directory: directory).run(["review", Self.snapshot, "--split", "out", "--format", "json", "--min-severity", "high"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let index = try #require(try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("out/index.json")))).objectValue)
        #expect(index["schema"] == .string("clerk-grants.review-index"))
        #expect(index["filters"]?.objectValue?["min_severity"] == .string("high"))
        let organizations = try #require(index["organizations"]?.arrayValue)
        #expect(organizations.map { $0.objectValue?["file"] } == Self.organizationFiles.map { .string("\($0).json") })
        #expect(organizations.map { $0.objectValue?["findings"]?.objectValue?["total"] } == [.int(2), .int(2), .int(0), .int(0)])
        for organization in organizations {
            let file = try #require(organization.objectValue?["file"]?.stringValue)
            let document = try #require(try JSONParser.parse(Array(try Data(contentsOf: directory.appendingPathComponent("out/\(file)")))).objectValue)
            let count = document["findings"]?.arrayValue?.count ?? -1
            #expect(organization.objectValue?["findings"]?.objectValue?["total"] == .int(Int64(count)))
        }
    }

    @Test func anEarlierSplitIsReplacedAndAnyOtherFolderRefused() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = CommandHarness(directory: directory)
        #expect(await harness.run(["review", Self.snapshot, "--split", "out"]).status == 0)
        let again = await harness.run(["review", Self.snapshot, "--split", "out", "--format", "html", "--org", "globex"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.names(directory.appendingPathComponent("out")) == [".clerk-grants-folder", "index.html", "\(Self.globexID).html"])
        #expect(Self.names(directory) == ["out"])

        let foreign = directory.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: false)
        try Data("notes".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        let refused = await harness.run(["review", Self.snapshot, "--split", "mine"])
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("cannot write mine: it is a folder that holds other files"))
        #expect(Self.names(foreign) == ["notes.txt"])
        #expect(Self.names(directory) == ["mine", "out"])
    }

    @Test(arguments: [
        (["--org", "nosuch"], "--org 'nosuch' matches no organization in the snapshot"),
        (["--rules", "stale_grant_holdr"], "--rules has unknown rule 'stale_grant_holdr' (did you mean 'stale_grant_holder'?); the rules are banned_member_with_grants, "),
        (["--rules", "stale_grant_holder,"], "--rules has an empty rule id"),
        (["--min-severity", "critical"], "--min-severity must be high, medium or low, not 'critical'"),
        (["--split", "x", "--output", "y"], "--split and --output cannot be combined (--split writes a folder of files)"),
        (["--split", ""], "--split needs a folder name, not an empty one"),
    ])
    func usageErrors(extra: [String], message: String) async {
        let outcome = await CommandHarness().run(["review", Self.snapshot] + extra)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }
}
