import AccessReview
import OCSF
import Testing

/// Output formats are named once, in their enum, and each writes what its golden file holds.
@Suite struct OutputFormatTests {
    @Test(arguments: [
        ("markdown", ReviewFormat.markdown), ("md", .markdown), ("html", .html), ("json", .json), ("workbook", .workbook),
    ] as [(String, ReviewFormat)])
    func reviewFormatsAreFoundByNameOrAlias(name: String, expected: ReviewFormat) {
        #expect(ReviewFormat(name: name) == expected)
    }

    @Test func unknownFormatNamesAreNotFormats() {
        #expect(ReviewFormat(name: "MD") == nil && ReviewFormat(name: "pdf") == nil)
        #expect(FeedFormat(rawValue: "json") == nil && AnswerFormat(rawValue: "markdown") == nil)
        #expect(ReviewFormat.allCases.map(\.rawValue) == ["markdown", "html", "json", "workbook"])
        #expect(FeedFormat.allCases.map(\.rawValue) == ["ndjson", "csv", "access-file", "ocsf"])
        #expect(AnswerFormat.allCases.map(\.rawValue) == ["text", "json"])
    }

    @Test(arguments: [(ReviewFormat.markdown, "review.md"), (.html, "review.html"), (.json, "findings.json"), (.workbook, "workbook.csv")])
    func eachReviewFormatWritesItsGoldenFile(format: ReviewFormat, golden: String) throws {
        let index = try DemoSnapshot.index()
        let findings = FindingsEngine.findings(index, policy: ReviewPolicy())
        try ReviewGolden.check(DemoSnapshot.collect { format.write(index, policy: ReviewPolicy(), findings: findings, emit: $0) }.bytes, file: golden)
    }

    @Test(arguments: [(FeedFormat.ndjson, "feed.ndjson"), (.csv, "feed.csv"), (.accessFile, "access-file.csv"), (.ocsf, "inventory.ocsf.ndjson")])
    func eachFeedFormatWritesItsGoldenFile(format: FeedFormat, golden: String) throws {
        let index = try DemoSnapshot.index()
        try ReviewGolden.check(DemoSnapshot.collect { format.write(index, expand: false, rawCells: false, product: OCSFProduct(version: "0.0.0-test"), emit: $0) }.bytes, file: golden)
    }
}
