import CanonicalJSON
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// `--redact-pii` on every command that prints people: no name, username or address of the demo tenant's
/// users (or of its invitations) is left anywhere in the output, and the tokens that replace them are the
/// ones `convert` writes with the same key, so redacted outputs still join.
@Suite struct RedactionCommandTests {
    static let key = "redaction-test-key-0123456789"
    let directory: URL
    let runner: DiffRunner

    init() async throws {
        runner = try await DiffRunner.demoPair()
        directory = runner.directory
        try Data(Self.key.utf8).write(to: directory.appendingPathComponent("redact.key"))
    }

    /// Every personal value of both demo snapshots: users' names, usernames and addresses, and invited addresses.
    static func personalValues() throws -> Set<String> {
        var values: Set<String> = []
        for url in [DemoSnapshotFiles.demo, DemoSnapshotFiles.demoNext] {
            let snapshot = try SnapshotDecoder.decode(Data(contentsOf: url))
            for resource in snapshot.graph.resources where resource.type == .user {
                values.insert(resource.displayName)
                for name in PIIRedactor.personalAttributes { if let text = resource.string(name) { values.insert(text) } }
            }
            for path in snapshot.graph.accessPaths {
                if path.principal.hasPrefix("email:") { values.insert(String(path.principal.dropFirst("email:".count))) }
                if let address = path.source["email_address"]?.stringValue { values.insert(address) }
            }
        }
        return values
    }

    /// The output with every Clerk id taken out: the demo's ids spell names (`user_2NxJudyJones...`), and
    /// ids are not personal data.
    static func withoutIDs(_ text: String) -> String {
        text.replacingOccurrences(of: "\\_", with: "_").replacing(/[a-z]+_[A-Za-z0-9]{20,}/, with: "")
    }

    /// Whether `text` holds `value` as a word of its own (so "Ito" is not found in "editor").
    static func holds(_ text: String, _ value: String) -> Bool {
        var from = text.startIndex
        while let range = text.range(of: value, options: [.caseInsensitive], range: from..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            from = text.index(after: range.lowerBound)
        }
        return false
    }

    func assertRedacted(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let outcome = await runner.run(arguments + ["--redact-pii", "--redact-key-file", "redact.key"])
        #expect(outcome.status == 0 || (arguments[0] == "diff" && outcome.status == 1), "\(arguments): \(outcome.stderr)", sourceLocation: sourceLocation)
        let text = Self.withoutIDs(outcome.stdout)
        #expect(!text.isEmpty, sourceLocation: sourceLocation)
        let leaked = try Self.personalValues().filter { Self.holds(text, $0) }.sorted()
        #expect(leaked == [], "\(arguments.joined(separator: " ")) still prints these", sourceLocation: sourceLocation)
        #expect(text.contains("hmac:"), "\(arguments) shows no token", sourceLocation: sourceLocation)
        if arguments[0] == "review", !arguments.contains("workbook") {
            #expect(text.contains("Personal data redacted") || text.contains("\"pii_redacted\": true"), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        ["review", "old.json"], ["review", "old.json", "--format", "html"], ["review", "old.json", "--format", "json"],
        ["review", "new.json", "--org", "org_2QxAcmeCorp0000000000000000"],
        ["who-can", "new.json", "org:sys_memberships:manage"], ["who-can", "new.json", "org:sys_memberships:manage", "--format", "json"],
        ["access", "new.json", "user_2NxJudyJones000000000000000"], ["access", "new.json", "user_2NxJudyJones000000000000000", "--format", "json"],
        ["diff", "old.json", "new.json"], ["diff", "old.json", "new.json", "--format", "json"],
        ["diff", "old.json", "new.json", "--format", "markdown"],
        ["diff", "old.json", "new.json", "--format", "ocsf"],
        ["convert", "new.json", "--to", "csv"], ["convert", "new.json", "--to", "ndjson", "--expand"],
        ["convert", "new.json", "--to", "access-file"], ["convert", "new.json", "--to", "ocsf"],
        ["review", "new.json", "--format", "workbook"],
    ])
    func everyReportAndFeedRedacts(_ arguments: [String]) async throws {
        try await assertRedacted(arguments)
    }

    /// A user typed by address is still found: the address is hashed as the stored ones were.
    @Test func accessFindsAUserByTheAddressTyped() async throws {
        let plain = await runner.run(["access", "new.json", "user_2NxJudyJones000000000000000", "--format", "json"])
        let byAddress = await runner.run([
            "access", "new.json", "Judy.Jones@Example.com", "--format", "json", "--redact-pii", "--redact-key-file", "redact.key",
        ])
        #expect(plain.status == 0 && byAddress.status == 0, "\(byAddress.stderr)")
        let token = try #require(PIIRedactor(key: Array(Self.key.utf8))).token("judy.jones@example.com", isEmail: true)
        #expect(byAddress.stdout.contains(token))
        #expect(!byAddress.stdout.lowercased().contains("judy.jones@"))
    }

    /// The same person gets the same token in the review, the diff and the feed.
    @Test func tokensJoinAcrossOutputs() async throws {
        let token = try #require(PIIRedactor(key: Array(Self.key.utf8))).token("Niaj Nguyen")
        for arguments in [["review", "new.json"], ["diff", "old.json", "new.json", "--format", "json"], ["convert", "new.json", "--to", "csv"]] {
            let outcome = await runner.run(arguments + ["--redact-pii", "--redact-key-file", "redact.key"])
            #expect(outcome.stdout.contains(token), "\(arguments)")
        }
    }

    /// The review loop on redacted workbooks: every row kept by a reviewer whose name is a person's, and
    /// neither the certification nor the remediation report prints a name, an address or the reviewer.
    @Test func certifyAndRemediationRedact() async throws {
        let redact = ["--redact-pii", "--redact-key-file", "redact.key"]
        let workbook = await runner.run(["review", "new.json", "--format", "workbook", "--output", "decisions.csv"] + redact)
        #expect(workbook.status == 0, "\(workbook.stderr)")
        let text = try String(contentsOf: directory.appendingPathComponent("decisions.csv"), encoding: .utf8)
        #expect(!text.contains("\""), "the demo workbook needs no quoting, so commas split it exactly")
        var lines = text.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let decision = try #require(header.firstIndex(of: "decision"))
        let reviewer = try #require(header.firstIndex(of: "reviewer"))
        let reviewedAt = try #require(header.firstIndex(of: "reviewed_at"))
        for row in 1..<lines.count {
            lines[row][decision] = "keep"
            lines[row][reviewer] = "Judy Jones"
            lines[row][reviewedAt] = "2026-11-28"
        }
        try Data((lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").utf8)
            .write(to: directory.appendingPathComponent("decided.csv"))
        for format in ["markdown", "json"] {
            let certify = await runner.run(["certify", "new.json", "decided.csv", "--format", format, "--output", "cert.\(format)"] + redact)
            #expect(certify.status == 0, "\(certify.stderr)")
            let record = try String(contentsOf: directory.appendingPathComponent("cert.\(format)"), encoding: .utf8)
            let leaked = try Self.personalValues().filter { Self.holds(Self.withoutIDs(record), $0) }.sorted()
            #expect(leaked == [], "certify --format \(format)")
            #expect(record.contains("hmac:"))
        }
        let remediation = await runner.run(["remediation", "cert.json", "new.json"] + redact)
        #expect(remediation.status == 0, "\(remediation.stderr)")
        #expect(try Self.personalValues().filter { Self.holds(Self.withoutIDs(remediation.stdout), $0) } == [])
    }

    @Test(arguments: ["review", "who-can", "access", "diff"])
    func noKeyIsRefused(_ command: String) async throws {
        let arguments: [String] = switch command {
        case "who-can": ["who-can", "new.json", "org:sys_memberships:manage"]
        case "access": ["access", "new.json", "user_2NxJudyJones000000000000000"]
        case "diff": ["diff", "old.json", "new.json"]
        default: ["review", "new.json"]
        }
        let outcome = await runner.run(arguments + ["--redact-pii"])
        #expect(outcome.status == (command == "diff" ? 2 : 1))
        #expect(outcome.stderr.contains("--redact-pii needs a key"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }
}
