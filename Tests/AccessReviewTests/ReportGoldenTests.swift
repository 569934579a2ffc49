import AccessReview
import CanonicalJSON
import SnapshotFormat
import Testing

/// Every output on the demo tenant against its golden file, byte for byte.
@Suite("Access review golden outputs")
struct ReportGoldenTests {
    let index: AccessIndex
    let policy = ReviewPolicy()
    let findings: FindingList

    init() throws {
        index = try DemoSnapshot.index()
        findings = FindingsEngine.findings(index, policy: policy)
    }

    @Test func markdownReport() throws {
        try ReviewGolden.check(
            DemoSnapshot.collect { MarkdownReport.write(index, policy: policy, findings: findings, emit: $0) }.bytes,
            file: "review.md")
    }

    @Test func htmlReport() throws {
        try ReviewGolden.check(
            DemoSnapshot.collect { HTMLReport.write(index, policy: policy, findings: findings, emit: $0) }.bytes,
            file: "review.html")
    }

    @Test func findingsJSON() throws {
        let bytes = FindingsDocument.encode(index, policy: policy, findings: findings)
        try ReviewGolden.check(bytes, file: "findings.json")
        let parsed = try JSONParser.parse(bytes)
        #expect(parsed.objectValue?["findings"]?.arrayValue?.count == 16)
        // Streamed a finding at a time, in chunks of any size, it is the document encoded whole.
        #expect(bytes == CanonicalJSONWriter.encodePretty(FindingsDocument.json(index, policy: policy, findings: findings)))
        let chunked = DemoSnapshot.collect { FindingsDocument.write(index, policy: policy, findings: findings, chunkSize: 100, emit: $0) }
        #expect(chunked.bytes == bytes && chunked.chunks > 10)
        #expect(FindingsDocument.encode(index, policy: policy, findings: .empty(index)) == CanonicalJSONWriter.encodePretty(FindingsDocument.json(index, policy: policy, findings: .empty(index))))
    }

    @Test func ndjsonFeed() throws {
        try ReviewGolden.check(
            DemoSnapshot.collect { NDJSONFeed.write(index, expand: false, emit: $0) }.bytes,
            file: "feed.ndjson")
    }

    @Test func ndjsonFeedExpanded() throws {
        try ReviewGolden.check(
            DemoSnapshot.collect { NDJSONFeed.write(index, expand: true, emit: $0) }.bytes,
            file: "feed-expanded.ndjson")
    }

    @Test func csvFeed() throws {
        try ReviewGolden.check(
            DemoSnapshot.collect { CSVFeed.write(index, expand: false, emit: $0) }.bytes, file: "feed.csv")
    }

    @Test func csvFeedExpandedAndRedacted() throws {
        let redactor = try #require(PIIRedactor(key: Array("golden-test-key-0123456789".utf8)))
        try ReviewGolden.check(
            DemoSnapshot.collect { CSVFeed.write(AccessIndex(index.snapshot, redactor: redactor), expand: true, emit: $0) }.bytes,
            file: "feed-expanded-redacted.csv")
    }

    @Test func whoCan() throws {
        let report = try #require(WhoCanReport(index, permissionKey: "org:sys_memberships:manage"))
        try ReviewGolden.check(report.text(index), file: "who-can.txt")
        try ReviewGolden.check(CanonicalJSONWriter.encodePretty(report.json(index)), file: "who-can.json")
    }

    @Test func access() throws {
        let niaj = try #require(index.user(matching: "niaj.nguyen@example.com"))
        try ReviewGolden.check(UserAccessReport(index, user: niaj).text(index), file: "access-niaj.txt")
        let alice = try #require(index.user(matching: "user_2NxAliceAdams00000000000000"))
        try ReviewGolden.check(
            CanonicalJSONWriter.encodePretty(UserAccessReport(index, user: alice).json(index)), file: "access-alice.json")
    }
}
