import AccessReview
import CanonicalJSON
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// `ReviewWorkbook` and `Certifier` on the demo snapshot, for what the end-to-end test in the CLI tests
/// does not reach: the workbook golden, header matching by name, spreadsheet habits (BOM, LF, reordered
/// and extra columns, formula-guarded cells), agreeing duplicates, and files refused whole.
@Suite struct CertificationTests {
    let index: AccessIndex
    let workbook: [String]

    init() throws {
        let index = try DemoSnapshot.index()
        let findings = FindingsEngine.findings(index, policy: ReviewPolicy())
        let text = DemoSnapshot.text { ReviewFormat.workbook.write(index, policy: ReviewPolicy(), findings: findings, emit: $0) }
        self.index = index
        workbook = text.components(separatedBy: "\r\n").dropLast()
    }

    static let now = "2026-11-21T12:00:00Z"

    func certify(_ text: String, name: String = "w.csv") throws(DecisionFileError) -> Certification {
        try Certifier.certify(index, files: [DecisionFile(name: name, bytes: Array(text.utf8))], certifiedAt: Self.now)
    }

    /// Every row decided `keep` by `reviewer`.
    func keptAll() -> [String] {
        [workbook[0]] + workbook.dropFirst().map { String($0.dropLast(4)) + ",keep,owner,2026-11-21," }
    }

    @Test func workbookMatchesItsGoldenFile() throws {
        let findings = FindingsEngine.findings(index, policy: ReviewPolicy())
        let bytes = DemoSnapshot.collect { ReviewWorkbook.write(index, findings: findings, emit: $0) }.bytes
        try ReviewGolden.check(bytes, file: "workbook.csv")
    }

    @Test func certificationWritersRedactNamesEmailsAndReviewersOnce() throws {
        let certification = try certify(keptAll().joined(separator: "\r\n"))
        let redactor = try #require(PIIRedactor(key: Array("golden-test-key-0123456789".utf8)))
        for format in CertificationFormat.allCases {
            let text = DemoSnapshot.text { format.write(certification, redactor: redactor, emit: $0) }
            #expect(!text.contains("@example.") && !text.contains("Alice Adams") && !text.contains("owner") && text.contains("hmac:"), "\(format)")
            // A value that is already a token (from a redacting index) is not hashed again.
            #expect(!text.contains("hmac:hmac") && text.contains(redactor.token("Alice Adams")), "\(format)")
        }
        var tokens = certification
        tokens.decisions = tokens.decisions.map { decision in
            var decision = decision
            decision.userName = redactor.token(decision.userName)
            return decision
        }
        let twice = String(decoding: CertificationDocument.encode(tokens, redactor: redactor), as: UTF8.self)
        #expect(twice.contains(redactor.token("Alice Adams")) && !twice.contains(redactor.token(redactor.token("Alice Adams"))))
    }

    @Test func everyRowKeptIsComplete() throws {
        let certification = try certify(keptAll().joined(separator: "\r\n") + "\r\n")
        #expect(certification.isComplete && certification.problems.isEmpty)
        #expect(certification.decisions.count == 20 && certification.count(.keep) == 20)
        #expect(certification.organizations.allSatisfy { $0.isComplete })
    }

    @Test func spreadsheetHabitsAreRead() throws {
        // A BOM, LF line ends, the columns in another order with one of the reviewer's own, a guarded cell.
        var lines = keptAll().map { $0.components(separatedBy: ",") }
        lines = lines.map { cells in [cells[14], "note"] + cells[0..<14] }
        lines[0][1] = "notes"
        lines[1][1] = "'=1+1"
        let text = "\u{FEFF}" + lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let certification = try certify(text)
        #expect(certification.isComplete, "\(certification.problems)")
        // A repeated row with the same decision is no conflict.
        let again = try certify((keptAll() + [keptAll()[3]]).joined(separator: "\r\n"))
        #expect(again.isComplete && again.decisions.count == 20)
    }

    @Test func decisionsAreCheckedAgainstTheMembership() throws {
        var lines = keptAll()
        func decide(_ membership: String, _ decision: String, at: String = "2026-11-21") throws {
            let position = try #require(lines.firstIndex { $0.contains(",\(membership),") })
            lines[position] = String(workbook[position].dropLast(4)) + ",\(decision),owner,\(at),"
        }
        try decide("orgmem_2MxAcmeAlice000000000000000", "change:org:admin")  // its role already
        try decide("orgmem_2MxAcmeBob00000000000000000", "change:")  // no key
        try decide("orgmem_2MxAcmeCarol000000000000000", "Change: org:member ", at: "2026-11-21T10:00:00.5Z")
        try decide("orgmem_2MxAcmeDave0000000000000000", "REVOKE", at: "2026-02-30")
        let grace = try #require(lines.firstIndex { $0.contains(",orgmem_2MxAcmeGrace000000000000000,") })
        lines[grace] = String(workbook[grace].dropLast(4)) + ",keep, ,2026-11-21,"
        let certification = try certify(lines.joined(separator: "\r\n"))
        #expect(certification.problems.map(\.kind) == [.invalidDecision, .invalidDecision, .invalidReviewedAt, .missingReviewer])
        #expect(certification.problems.map(\.line) == [2, 3, 5, 6])
        #expect(certification.actions.map(\.decision) == [.change(roleKey: "org:member")])
        #expect(certification.organizations[0].undecided == 4)
    }

    @Test(arguments: [
        ("", 1, "it is empty; a workbook starts with its header row"),
        ("membership_id,decision\r\n", 1, "the header lacks the columns snapshot_digest, organization_id, user_id, role_key, reviewer, reviewed_at, comment (write the workbook with review --format workbook)"),
        ("decision,snapshot_digest,membership_id,organization_id,user_id,role_key,decision,reviewer,reviewed_at,comment\r\n", 1, "the header has the column decision twice"),
    ])
    func filesRefusedWhole(text: String, line: Int, reason: String) {
        #expect(throws: DecisionFileError(file: "w.csv", line: line, reason: reason)) { try certify(text) }
    }

    @Test func aRaggedRowRefusesTheFile() {
        let lines = keptAll()
        let text = ([lines[0], lines[1], lines[2] + ",extra"] + lines.dropFirst(3)).joined(separator: "\r\n")
        #expect(throws: DecisionFileError(file: "w.csv", line: 3, reason: "the row has 16 fields, the header 15")) { try certify(text) }
    }

    @Test func theRecordReadsBackForRemediation() throws {
        var lines = keptAll()
        lines[1] = String(workbook[1].dropLast(4)) + ",revoke,owner,2026-11-21,gone"
        let certification = try certify(lines.joined(separator: "\r\n"))
        let record = try CertificationRecord(CertificationDocument.encode(certification))
        #expect(record.snapshotDigest == index.snapshot.digest && record.certifiedAt == Self.now)
        #expect(record.actions.map(\.membershipID) == ["orgmem_2MxAcmeAlice000000000000000"])
        #expect(record.actions.first?.decision == .revoke && record.actions.first?.reviewedAt == "2026-11-21")
        // Another schema or major version is refused with its name.
        let foreign = String(decoding: CertificationDocument.encode(certification), as: UTF8.self)
        #expect(throws: CertificationRecordError.self) {
            try CertificationRecord(Array(foreign.replacingOccurrences(of: "\"schema_version\": \"1.0\"", with: "\"schema_version\": \"2.0\"").utf8))
        }
        #expect(throws: CertificationRecordError.self) {
            try CertificationRecord(Array(foreign.replacingOccurrences(of: "clerk-grants.certification", with: "clerk-grants.findings").utf8))
        }
        // Against its own snapshot the revocation is outstanding; decided after the snapshot was taken,
        // it is not overdue even with a deadline of 0 days.
        let remediation = try Remediation.check(record, later: index, withinDays: 0)
        #expect(remediation.items.map(\.status) == [.outstanding])
        #expect(remediation.items.first?.isOverdue == false)
    }

    /// What a hostile editor may put in any cell.
    static let hostileCells = [
        "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "a,b", "say \"hi\"", "two\nlines", "| pipe |", "\u{202E}evil",
        "revoke", "keep", "change:org:admin", "change:", "", " ", "2026-11-21", "sha256:00", "orgmem_2MxAcmeBob00000000000000000",
        "user_2NxBobBaker0000000000000000", "org_2QxGlobex000000000000000000", "\u{1B}[31m",
    ]

    @Test(arguments: 0..<100)
    func hostileEditsAreAccountedForAndEscaped(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(0xCE27 + seed))
        var records = keptAll().map { $0.components(separatedBy: ",") }
        for _ in 0..<(1 + random.next(below: 6)) {
            let row = 1 + random.next(below: records.count - 1)
            records[row][random.next(below: 15)] = Self.hostileCells[random.next(below: Self.hostileCells.count)]
        }
        if random.next(below: 3) == 0 { records.append(records[1 + random.next(below: records.count - 1)]) }
        let text = CSVReaderTests.encode(records, lineEnd: "\r\n")
        let certification = try certify(text)
        // Every membership is decided or undecided, never both, never twice; every row problem has its line.
        #expect(Set(certification.decisions.map(\.membership.id)).count == certification.decisions.count)
        #expect(certification.organizations.reduce(0) { $0 + $1.decided } == certification.decisions.count)
        #expect(certification.decisions.count + certification.organizations.reduce(0) { $0 + $1.undecided } == 20)
        // The line each record starts on (a quoted line break makes a record two lines).
        var starts: [Int: Int] = [:]
        var line = 1
        for (position, record) in records.enumerated() {
            starts[line] = position
            line += record.reduce(0) { $0 + $1.count { $0 == "\n" } } + 1
        }
        for problem in certification.problems {
            if problem.file == nil {
                #expect(problem.kind == .missingDecision)
            } else {
                #expect(problem.line.flatMap { starts[$0] }.map { $0 >= 1 } == true, "seed \(seed): \(problem)")
            }
        }
        // A decision is only ever taken from a row whose ids are the snapshot's.
        for decision in certification.decisions {
            let row = try #require(starts[decision.line].map { records[$0] })
            #expect(row[1] == decision.membership.id && row[2] == Resource.clerkID(of: decision.membership.organization))
            #expect(row[4] == Resource.clerkID(of: decision.membership.user) && row[7] == (decision.membership.roleKey ?? ""))
        }
        let html = DemoSnapshot.text { CertificationFormat.html.write(certification, emit: $0) }
        #expect(!html.contains("<script") && !html.contains("\u{202E}") && !html.contains("\u{1B}"))
        let markdown = DemoSnapshot.text { CertificationFormat.markdown.write(certification, emit: $0) }
        // Markdown: `<` escaped as `\<`, or literal inside a code span (a membership id as written).
        #expect(!markdown.contains("\u{202E}") && !markdown.contains("\u{1B}"))
        let unmarked = markdown.replacingOccurrences(of: "`<script", with: "").replacingOccurrences(of: "\\<script", with: "")
        #expect(!unmarked.contains("<script"), "seed \(seed)")
        #expect(markdown.split(separator: "\n").allSatisfy { !$0.hasPrefix("|") || $0.hasSuffix("|") })
        let json = try JSONParser.parse(CertificationDocument.encode(certification))
        #expect(json.objectValue?["decisions"]?.arrayValue?.count == certification.decisions.count)
    }

    @Test func remediationTellsARejoinedOrRemovedMembershipFromADoneOne() throws {
        var lines = keptAll()
        func decide(_ membership: String, _ decision: String) throws {
            let position = try #require(lines.firstIndex { $0.contains(",\(membership),") })
            lines[position] = String(workbook[position].dropLast(4)) + ",\(decision),owner,2026-11-21,"
        }
        try decide("orgmem_2MxInitechHeidi000000000000", "revoke")
        try decide("orgmem_2MxInitechGrace000000000000", "change:org:member")
        try decide("orgmem_2MxInitechFormer00000000000", "revoke")
        let record = try CertificationRecord(CertificationDocument.encode(try certify(lines.joined(separator: "\r\n"))))
        // Later: Heidi removed and invited back (a new membership id), Grace's and the contractor's
        // memberships gone.
        var later = try DemoSnapshot.load()
        later.graph.grants = later.graph.grants.compactMap { grant in
            var grant = grant
            switch grant.source.membershipID {
            case "orgmem_2MxInitechHeidi000000000000": grant.source.membershipID = "orgmem_2MxInitechHeidiAgain000000"
            case "orgmem_2MxInitechGrace000000000000", "orgmem_2MxInitechFormer00000000000": return nil
            default: break
            }
            return grant
        }
        let remediation = try Remediation.check(record, later: AccessIndex(later), withinDays: nil)
        #expect(remediation.items.map { "\($0.action.membershipID) \($0.status.rawValue): \($0.finding)" } == [
            "orgmem_2MxInitechFormer00000000000 done: membership gone",
            "orgmem_2MxInitechGrace000000000000 changed_otherwise: membership gone",
            "orgmem_2MxInitechHeidi000000000000 changed_otherwise: membership gone, but a member again through orgmem_2MxInitechHeidiAgain000000 as org:member",
        ])
        #expect(remediation.isSettled && remediation.overdueCount == 0)
    }
}

