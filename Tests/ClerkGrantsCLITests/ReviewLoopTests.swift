import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import Testing

/// The review loop end to end on the demo tenant: `review --format workbook --split` writes one workbook
/// per organization, the test fills them in as owners would (keep, revoke, change, a missing decision, a
/// forged row, an unknown membership, a row of another snapshot, a conflict, an invalid decision, a change
/// to a role the organization lacks, a bad date, a decision without a reviewer), `certify` reports each by file and line, and
/// `remediation` against `demo-next` (the tenant a week later) tells done from outstanding.
///
/// What demo-next changed (fixtures/demo-next/README.md) picks the outcomes: Oscar's Umbrella membership
/// is gone (revoke: done), Bob's Globex role became org:admin (change: done), Niaj's Globex role became
/// org:member (a change to org:billing_manager: changed otherwise); Heidi's Initech membership and
/// Grace's Initech auditor role did not change (outstanding).
@Suite("Review loop: workbook, certify, remediation")
struct ReviewLoopTests {
    static let demo = DemoSnapshotFiles.demo.path
    static let demoNext = DemoSnapshotFiles.demoNext.path
    static let digest = DemoSnapshotFiles.demoDigest
    static let files = [
        "acme": "org_2QxAcmeCorp0000000000000000.csv", "globex": "org_2QxGlobex000000000000000000.csv",
        "initech": "org_2QxInitech00000000000000000.csv", "umbrella": "org_2QxUmbrellaResearch00000000.csv",
    ]
    /// 2026-11-21T12:00:00Z: the day after the snapshot, when the owners' decisions were certified.
    static let certifiedNow = Date(timeIntervalSince1970: 1_795_262_400)

    /// A workbook's lines (CRLF-separated), the header first.
    static func lines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasSuffix("\r\n"))
        return text.components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    /// A data row with its four empty reviewer columns filled.
    static func decide(_ line: String, _ decision: String, reviewer: String, at: String = "2026-11-21", comment: String = "") -> String {
        precondition(line.hasSuffix(",,,,"), "a fresh workbook row ends in four empty cells: \(line)")
        return String(line.dropLast(4)) + ",\(decision),\(reviewer),\(at),\(comment)"
    }

    static func write(_ lines: [String], to url: URL) throws {
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
    }

    /// Writes the split workbooks into `folder/reviews` and returns the folder's workbook lines by org.
    static func splitWorkbooks(in folder: URL) async throws -> [String: [String]] {
        let outcome = await CommandHarness(directory: folder).run(["review", demo, "--format", "workbook", "--split", "reviews"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        var workbooks: [String: [String]] = [:]
        for (name, file) in files { workbooks[name] = try lines(folder.appendingPathComponent("reviews/\(file)")) }
        return workbooks
    }

    /// The row of a membership in a workbook (its position among the lines).
    static func row(_ lines: [String], _ membership: String) throws -> Int {
        try #require(lines.firstIndex { $0.contains(",\(membership),") }, "no row for \(membership)")
    }

    @Test func workbookSplitFolderMatchesGoldenFiles() async throws {
        let folder = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbooks = try await Self.splitWorkbooks(in: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("reviews").path).sorted()
        #expect(names == [".clerk-grants-folder", "index.csv"] + Self.files.values.sorted())
        try Golden.assertMatches(try Data(contentsOf: folder.appendingPathComponent("reviews/index.csv")).map { $0 }, file: "loop-workbook-index.csv")
        try Golden.assertMatches(
            try Data(contentsOf: folder.appendingPathComponent("reviews/\(Self.files["globex"]!)")).map { $0 }, file: "loop-workbook-globex.csv")
        // One row per membership: 6 + 5 + 5 + 4, each with the header's 15 cells and the snapshot's digest.
        #expect(workbooks.values.map { $0.count - 1 }.reduce(0, +) == 20)
        #expect(workbooks["acme"]?.count == 7 && workbooks["umbrella"]?.count == 5)
        for line in workbooks.values.flatMap({ $0.dropFirst() }) {
            #expect(line.hasPrefix(Self.digest + ",orgmem_"))
            #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == 15)
        }
        // The whole-snapshot workbook is the four files' rows under one header, in organization order.
        let whole = await CommandHarness().run(["review", Self.demo, "--format", "workbook"])
        let wholeLines = whole.stdout.components(separatedBy: "\r\n").dropLast()
        #expect(Array(wholeLines) == [workbooks["acme"]![0]] + ["acme", "globex", "initech", "umbrella"].flatMap { workbooks[$0]!.dropFirst() })
    }

    /// The owners' decisions: keep everywhere, but for the cases the suite's description lists.
    static func filledIn(_ workbooks: [String: [String]]) throws -> [String: [String]] {
        var filled = workbooks
        for (name, lines) in workbooks {
            filled[name] = [lines[0]] + lines.dropFirst().map { decide($0, "keep", reviewer: "\(name)-owner@example.com") }
        }
        func set(_ name: String, _ membership: String, _ decision: String, reviewer: String? = nil, at: String = "2026-11-21", comment: String = "") throws {
            let position = try row(workbooks[name]!, membership)
            filled[name]![position] = decide(workbooks[name]![position], decision, reviewer: reviewer ?? "\(name)-owner@example.com", at: at, comment: comment)
        }
        // Decisions remediation checks.
        try set("umbrella", "orgmem_2MxUmbrellaOscar00000000000", "revoke", comment: "\"left the project, see \"\"SEC-1\"\"\"")
        try set("globex", "orgmem_2MxGlobexBob000000000000000", "change:org:admin", at: "2026-11-21T09:30:00Z")
        try set("globex", "orgmem_2MxGlobexNiaj00000000000000", " Change:org:billing_manager ")
        try set("initech", "orgmem_2MxInitechHeidi000000000000", "revoke", comment: "\"=HYPERLINK(\"\"http://evil.example\"\")\"")
        try set("initech", "orgmem_2MxInitechGrace000000000000", "change:org:member", at: "2026-11-25")
        // Problems certify reports.
        try set("acme", "orgmem_2MxAcmeIvan0000000000000000", "")  // missing: empty decision
        try set("acme", "orgmem_2MxAcmeDave0000000000000000", "delete")  // invalid decision
        try set("umbrella", "orgmem_2MxUmbrellaCarol00000000000", "change:org:owner")  // no such role
        try set("globex", "orgmem_2MxGlobexErin00000000000000", "revoke", at: "yesterday")  // bad date
        try set("umbrella", "orgmem_2MxUmbrellaNiaj000000000000", "keep", reviewer: "")  // nobody decided
        // A row for Alice's membership claiming Bob as its user (forged), a made-up membership, a row
        // of another snapshot revoking Carol, and a second Initech row for Bob that disagrees.
        let alice = workbooks["acme"]![try row(workbooks["acme"]!, "orgmem_2MxAcmeAlice000000000000000")]
        filled["acme"]!.append(decide(alice.replacingOccurrences(of: "user_2NxAliceAdams00000000000000", with: "user_2NxBobBaker0000000000000000"), "revoke", reviewer: "mallory@example.com"))
        filled["acme"]!.append(decide(alice.replacingOccurrences(of: "orgmem_2MxAcmeAlice000000000000000", with: "orgmem_2MxAcmeMallory00000000000"), "keep", reviewer: "mallory@example.com"))
        let carol = workbooks["acme"]![try row(workbooks["acme"]!, "orgmem_2MxAcmeCarol000000000000000")]
        filled["acme"]!.append(decide(carol.replacingOccurrences(of: digest, with: DemoSnapshotFiles.demoNextDigest), "revoke", reviewer: "acme-owner@example.com"))
        let bob = workbooks["initech"]![try row(workbooks["initech"]!, "orgmem_2MxInitechBob00000000000000")]
        filled["initech"]!.append(decide(bob, "revoke", reviewer: "initech-owner@example.com"))
        return filled
    }

    @Test func certifyReportsEveryProblemByLineAndRemediationTellsDoneFromOutstanding() async throws {
        let folder = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let filled = try Self.filledIn(try await Self.splitWorkbooks(in: folder))
        for (name, lines) in filled { try Self.write(lines, to: folder.appendingPathComponent("\(name).csv")) }
        var harness = CommandHarness(directory: folder)
        harness.now = Self.certifiedNow
        let arguments = ["certify", Self.demo, "acme.csv", "globex.csv", "initech.csv", "umbrella.csv"]

        let markdown = await harness.run(arguments)
        #expect(markdown.status == 1, "\(markdown.stderr)")
        #expect(markdown.stderr == "")
        try Golden.assertMatches(markdown.stdoutBytes, file: "loop-certify.md")
        let html = await harness.run(arguments + ["--format", "html"])
        #expect(html.status == 1)
        try Golden.assertMatches(html.stdoutBytes, file: "loop-certify.html")
        #expect(!html.stdout.contains("=HYPERLINK(\"") && html.stdout.contains("=HYPERLINK(&quot;"))

        let json = await harness.run(arguments + ["--format", "json", "--output", "certification.json"])
        #expect(json.status == 1 && json.stdout == "", "\(json.stderr)")
        let recordBytes = try Data(contentsOf: folder.appendingPathComponent("certification.json")).map { $0 }
        try Golden.assertMatches(recordBytes, file: "loop-certify.json")
        let record = try #require(try JSONParser.parse(recordBytes).objectValue)
        #expect(record["complete"] == .bool(false))
        let counts = try #require(record["counts"]?.objectValue)
        #expect(counts["memberships"] == .int(20) && counts["decided"] == .int(14) && counts["undecided"] == .int(6))
        #expect(counts["keep"] == .int(9) && counts["revoke"] == .int(2) && counts["change"] == .int(3))
        // Each problem where it is: file and line (the header is line 1).
        let problems = try #require(record["problems"]?.arrayValue).compactMap(\.objectValue).map { problem in
            "\(problem["kind"]?.stringValue ?? "") \(problem["file"]?.stringValue ?? "-") \(problem["line"]?.int64Value.map(String.init) ?? "-")"
        }
        #expect(problems == [
            "invalid_decision acme.csv 5", "forged_row acme.csv 8", "unknown_membership acme.csv 9", "other_snapshot acme.csv 10",
            "invalid_reviewed_at globex.csv 4", "conflicting_decision initech.csv 7", "unknown_role umbrella.csv 2",
            "missing_reviewer umbrella.csv 4", "missing_decision acme.csv 7",
        ])
        let organizations = try #require(record["organizations"]?.arrayValue).compactMap(\.objectValue)
        #expect(organizations.map { $0["undecided"] } == [.int(2), .int(1), .int(1), .int(2)])
        #expect(organizations.map { $0["complete"] } == [.bool(false), .bool(false), .bool(false), .bool(false)])

        // A week later: two decisions carried out, two outstanding (one for more than three days), one
        // changed otherwise.
        let remediation = ["remediation", "certification.json", Self.demoNext, "--within-days", "3"]
        let report = await harness.run(remediation)
        #expect(report.status == 1, "\(report.stderr)")
        try Golden.assertMatches(report.stdoutBytes, file: "loop-remediation.md")
        let reportJSON = await harness.run(remediation + ["--format", "json"])
        #expect(reportJSON.status == 1)
        try Golden.assertMatches(reportJSON.stdoutBytes, file: "loop-remediation.json")
        let htmlReport = await harness.run(remediation + ["--format", "html"])
        try Golden.assertMatches(htmlReport.stdoutBytes, file: "loop-remediation.html")
        let checked = try #require(try JSONParser.parse(reportJSON.stdoutBytes).objectValue)
        #expect(checked["counts"] == ["changed_otherwise": 1, "done": 2, "outstanding": 2, "overdue": 1])
        let statuses = try #require(checked["items"]?.arrayValue).compactMap(\.objectValue).map {
            "\($0["membership_id"]?.stringValue ?? "") \($0["status"]?.stringValue ?? "") \($0["overdue"] == .bool(true) ? "overdue" : "")"
        }
        #expect(statuses == [
            "orgmem_2MxGlobexBob000000000000000 done ", "orgmem_2MxGlobexNiaj00000000000000 changed_otherwise ",
            "orgmem_2MxInitechGrace000000000000 outstanding ", "orgmem_2MxInitechHeidi000000000000 outstanding overdue",
            "orgmem_2MxUmbrellaOscar00000000000 done ",
        ])
    }

    @Test func completeCertificationAndSettledRemediationExitZero() async throws {
        let folder = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbooks = try await Self.splitWorkbooks(in: folder)
        for (name, lines) in workbooks {
            let decided = [lines[0]] + lines.dropFirst().map { line in
                let decision = line.contains(",orgmem_2MxUmbrellaOscar00000000000,") ? "revoke"
                    : line.contains(",orgmem_2MxGlobexBob000000000000000,") ? "change:org:admin" : "keep"
                return Self.decide(line, decision, reviewer: "owner")
            }
            try Self.write(decided, to: folder.appendingPathComponent("\(name).csv"))
        }
        let harness = CommandHarness(directory: folder)
        let certify = await harness.run(["certify", Self.demo, "acme.csv", "globex.csv", "initech.csv", "umbrella.csv", "--format", "json", "--output", "c.json"])
        #expect(certify.status == 0, "\(certify.stderr)")
        let settled = await harness.run(["remediation", "c.json", Self.demoNext, "--within-days", "1"])
        #expect(settled.status == 0, "\(settled.stderr)")
        #expect(settled.stdout.contains("- 2 revoke and change decisions: 2 done, 0 outstanding, 0 changed otherwise\n"))
        #expect(settled.stdout.contains("- Settled: nothing outstanding\n"))
        // One organization's owner certifies theirs alone; rows of another organization are then problems.
        let acme = await harness.run(["certify", Self.demo, "acme.csv", "--org", "acme-corp", "--format", "json"])
        #expect(acme.status == 0, "\(acme.stderr)")
        let acmeRecord = try #require(try JSONParser.parse(acme.stdoutBytes).objectValue)
        #expect(acmeRecord["scope"] == ["organizations": ["organization:org_2QxAcmeCorp0000000000000000"]])
        #expect(acmeRecord["counts"]?.objectValue?["memberships"] == .int(6) && acmeRecord["organizations"]?.arrayValue?.count == 1)
        let mixed = await harness.run(["certify", Self.demo, "acme.csv", "globex.csv", "--org", "acme-corp"])
        #expect(mixed.status == 1)
        #expect(mixed.stdout.contains("- Scope: only Acme Corp (`org_2QxAcmeCorp0000000000000000`); the snapshot's other organizations are not certified\n"))
        #expect(mixed.stdout.contains("- INCOMPLETE: 0 of 6 memberships undecided, 5 problems (5 other_organization)\n"))
        #expect(await harness.run(["certify", Self.demo, "acme.csv", "--org", "nosuch"]).status == 2)
        // Against the certified snapshot itself nothing is done yet: both outstanding, not overdue (0 days).
        let same = await harness.run(["remediation", "c.json", Self.demo, "--within-days", "0", "--format", "json"])
        #expect(same.status == 1)
        #expect(try JSONParser.parse(same.stdoutBytes).objectValue?["counts"] == ["changed_otherwise": 0, "done": 0, "outstanding": 2, "overdue": 0])
    }

    @Test func troubleExitsTwoWithAMessage() async throws {
        let folder = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbooks = try await Self.splitWorkbooks(in: folder)
        let harness = CommandHarness(directory: folder)
        // An unterminated quote, named by file and line.
        var broken = workbooks["acme"]!
        broken[3] = Self.decide(broken[3], "keep", reviewer: "owner", comment: "\"never closed")
        try Self.write(broken, to: folder.appendingPathComponent("broken.csv"))
        let unterminated = await harness.run(["certify", Self.demo, "broken.csv"])
        #expect(unterminated.status == 2 && unterminated.stdout == "")
        #expect(unterminated.stderr == "clerk-grants: error: cannot read broken.csv: line 4: not a CSV file this tool reads: a quoted field is never closed (a quote is missing)\n")
        // A header without the decision column.
        try Data("snapshot_digest,membership_id\r\n".utf8).write(to: folder.appendingPathComponent("short.csv"))
        let short = await harness.run(["certify", Self.demo, "short.csv"])
        #expect(short.status == 2)
        #expect(short.stderr.contains("short.csv: line 1: the header lacks the columns organization_id, user_id, role_key, decision, reviewer, reviewed_at, comment"))
        // No decision file, a missing file, a usage error: all trouble, never "incomplete".
        #expect(await harness.run(["certify", Self.demo]).status == 2)
        #expect(await harness.run(["certify", Self.demo, "absent.csv"]).status == 2)
        #expect(await harness.run(["certify", Self.demo, "broken.csv", "--format", "pdf"]).status == 2)

        // remediation refuses an older snapshot and another instance's.
        try Self.write(workbooks["acme"]!, to: folder.appendingPathComponent("acme.csv"))
        let next = await harness.run(["certify", Self.demoNext, "--format", "json", "--output", "next.json", "acme.csv"])
        #expect(next.status == 1)
        let older = await harness.run(["remediation", "next.json", Self.demo])
        #expect(older.status == 2)
        #expect(older.stderr.contains("generated at 2026-11-20T00:00:00Z, before the certified snapshot (2026-11-27T00:00:00Z)"))
        let foreign = String(decoding: try Data(contentsOf: DemoSnapshotFiles.demoNext), as: UTF8.self)
            .replacingOccurrences(of: "\"instance\":\"fixture:demo-tenant\"", with: "\"instance\":\"fixture:other-tenant\"")
        try Data(foreign.utf8).write(to: folder.appendingPathComponent("foreign.json"))
        let other = await harness.run(["remediation", "next.json", "foreign.json"])
        #expect(other.status == 2)
        #expect(other.stderr.contains("another instance ('fixture:other-tenant') than the certified one ('fixture:demo-tenant')"))
        // Not a certification record.
        let notRecord = await harness.run(["remediation", "acme.csv", Self.demoNext])
        #expect(notRecord.status == 2 && notRecord.stderr.contains("not a certification record this version reads"))
    }
}
