import AccessReview
import CanonicalJSON
import Foundation
import SnapshotFormat
import Testing

/// The feeds parse with standard readers, stream in chunks, escape hostile values and redact PII.
@Suite("Feed formats")
struct FeedFormatTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let snapshot: Snapshot
    let index: AccessIndex

    init() throws {
        snapshot = try DemoSnapshot.load()
        index = AccessIndex(snapshot)
    }

    /// The demo snapshot with one user renamed to something that breaks naive CSV, Markdown and HTML.
    func hostileIndex() throws -> AccessIndex {
        var hostile = snapshot
        let position = try #require(hostile.graph.resources.firstIndex { $0.id == "user:user_2NxBobBaker0000000000000000" })
        hostile.graph.resources[position].displayName = "Bob \"Bobby\", Baker\r\n| <script>alert(1)</script>"
        hostile.graph.resources[position].attributes["primary_email"] = .string("bob,baker@example.com")
        return AccessIndex(hostile)
    }

    /// Parses CSV with Python's `csv` module and returns (data rows, distinct field counts).
    func pythonCSV(_ bytes: [UInt8]) throws -> (rows: Int, widths: Set<Int>, names: [String]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [
            "-c",
            "import csv,sys,json\nrows=list(csv.reader(open(sys.argv[1],newline='',encoding='utf-8'),strict=True))\nprint(json.dumps([len(rows)-1,sorted({len(r) for r in rows}),[r[2] for r in rows[1:]]]))",
            file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let parsed = try #require(try JSONParser.parse(output).arrayValue)
        let widths = Set((parsed[1].arrayValue ?? []).compactMap { $0.int64Value.map(Int.init) })
        let names = (parsed[2].arrayValue ?? []).compactMap(\.stringValue)
        return (Int(try #require(parsed[0].int64Value)), widths, names)
    }

    @Test(.enabled(if: FeedFormatTests.python != nil, "needs python3 for its csv module"))
    func csvParsesToExactlyOneRowPerMemberGrant() throws {
        let memberGrants = snapshot.graph.grants.filter { $0.entitlement.hasSuffix(":member") }.count
        let plain = try pythonCSV(DemoSnapshot.collect { CSVFeed.write(index, expand: false, emit: $0) }.bytes)
        #expect(plain.rows == memberGrants)
        #expect(plain.widths == [CSVFeed.columns.count])

        let hostile = try hostileIndex()
        let parsed = try pythonCSV(DemoSnapshot.collect { CSVFeed.write(hostile, expand: false, emit: $0) }.bytes)
        #expect(parsed.rows == memberGrants)
        #expect(parsed.widths == [CSVFeed.columns.count])
        #expect(parsed.names.contains("Bob \"Bobby\", Baker\r\n| <script>alert(1)</script>"))
    }

    @Test(.enabled(if: FeedFormatTests.python != nil, "needs python3 for its csv module"))
    func expandedCSVHasOneRowPerEffectivePermission() throws {
        let derived = index.memberships.reduce(0) { $0 + max(1, index.effectivePermissions(of: $1).count) }
        let parsed = try pythonCSV(DemoSnapshot.collect { CSVFeed.write(index, expand: true, emit: $0) }.bytes)
        #expect(parsed.rows == derived)
        #expect(parsed.widths == [CSVFeed.expandedColumns.count])
    }

    @Test func csvUsesCRLF() {
        let text = DemoSnapshot.text { CSVFeed.write(index, expand: false, emit: $0) }
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func everyNDJSONLineParsesAndHasARecordType() throws {
        for expand in [false, true] {
            let text = DemoSnapshot.text { NDJSONFeed.write(index, expand: expand, emit: $0) }
            #expect(text.hasSuffix("\n"))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            var types: [String: Int] = [:]
            for line in lines {
                let object = try #require(try JSONParser.parse(String(line)).objectValue)
                types[try #require(object["record_type"]?.stringValue), default: 0] += 1
            }
            let graph = snapshot.graph
            #expect(types["snapshot"] == 1)
            #expect(types["resource"] == graph.resources.count)
            #expect(types["entitlement"] == graph.entitlements.count)
            #expect(types["grant"] == graph.grants.count)
            #expect(types["diagnostic"] == graph.diagnostics.count)
            let derived = index.memberships.reduce(0) { $0 + index.effectivePermissions(of: $1).count }
            #expect(types["effective_permission"] == (expand ? derived : nil))
        }
    }

    @Test func writersStreamInChunks() {
        let whole = DemoSnapshot.collect { NDJSONFeed.write(index, expand: true, emit: $0) }
        let chunked = DemoSnapshot.collect { NDJSONFeed.write(index, expand: true, chunkSize: 1024, emit: $0) }
        #expect(chunked.bytes == whole.bytes)
        #expect(chunked.chunks >= whole.bytes.count / 2048)
        let findings = FindingsEngine.findings(index, policy: ReviewPolicy())
        let html = DemoSnapshot.collect { HTMLReport.write(index, policy: ReviewPolicy(), findings: findings, chunkSize: 512, emit: $0) }
        #expect(html.chunks > 10)
    }

    @Test func redactionRemovesEmailsAndNamesStably() throws {
        let key = Array("a-sufficiently-long-test-key".utf8)
        let redactor = try #require(PIIRedactor(key: key))
        let other = try #require(PIIRedactor(key: Array("another-sufficiently-long-key".utf8)))
        #expect(PIIRedactor(key: []) == nil)
        for format in ["csv", "ndjson"] {
            func write(_ redactor: PIIRedactor) -> String {
                DemoSnapshot.text {
                    if format == "csv" {
                        CSVFeed.write(AccessIndex(index.snapshot, redactor: redactor), expand: true, emit: $0)
                    } else {
                        NDJSONFeed.write(AccessIndex(index.snapshot, redactor: redactor), expand: true, emit: $0)
                    }
                }
            }
            let text = write(redactor)
            #expect(!text.contains("@"), "\(format) still holds an email address")
            // The demo's ids embed names (user_2NxAliceAdams...); ids are not personal data, so drop them first.
            var withoutIDs = text
            for id in index.users.map(\.clerkID) + index.memberships.map(\.id) + index.accessPaths.map(\.id) {
                withoutIDs = withoutIDs.replacingOccurrences(of: id, with: "")
            }
            for user in index.users.compactMap({ index.resource($0.id) }) {
                for value in [user.string("primary_email"), user.string("first_name"), user.string("last_name"), user.displayName]
                where value != nil {
                    #expect(!withoutIDs.contains(value!), "\(format) still holds \(value!)")
                }
            }
            #expect(text.contains(redactor.token("alice.adams@example.com", isEmail: true)))
            #expect(write(redactor) == text)
            #expect(write(other) != text)
        }
        #expect(redactor.token("Alice.Adams@Example.com", isEmail: true) == redactor.token("alice.adams@example.com", isEmail: true))
        #expect(redactor.token("Alice Adams").hasPrefix("hmac:"))
        #expect(redactor.token("Alice Adams").count == 5 + 32)
    }

    @Test func reportsEscapeHostileValues() throws {
        let hostile = try hostileIndex()
        let findings = FindingsEngine.findings(hostile, policy: ReviewPolicy())
        let html = DemoSnapshot.text { HTMLReport.write(hostile, policy: ReviewPolicy(), findings: findings, emit: $0) }
        #expect(!html.contains("<script>"))
        #expect(html.contains("Bob &quot;Bobby&quot;, Baker"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let markdown = DemoSnapshot.text { MarkdownReport.write(hostile, policy: ReviewPolicy(), findings: findings, emit: $0) }
        #expect(!markdown.contains("<script>"))
        // Every table row keeps its column count: the name's "|" and line break cannot split a row.
        let memberRows = markdown.split(separator: "\n").filter { $0.hasPrefix("| Bob") }
        #expect(!memberRows.isEmpty)
        for row in memberRows {
            let unescapedPipes = row.indices.filter { row[$0] == "|" && (row.index($0, offsetBy: -1, limitedBy: row.startIndex).map { row[$0] != "\\" } ?? true) }
            #expect(unescapedPipes.count == 10)
        }
        // The findings document writes each finding without building its tree: hostile names and quotes
        // must come out exactly as the tree encodes them, in two batches a core or in one.
        #expect(findings.contains { $0.subjectName.contains("\"") })
        let document = FindingsDocument.encode(hostile, policy: ReviewPolicy(), findings: findings)
        #expect(document == CanonicalJSONWriter.encodePretty(FindingsDocument.json(hostile, policy: ReviewPolicy(), findings: findings)))
    }
}
