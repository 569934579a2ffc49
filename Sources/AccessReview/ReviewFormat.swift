/// The renderings of an access review (`review --format`). A closed set: each case has its writer.
public enum ReviewFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    case json
    /// The decision workbook: a CSV with a row per membership and empty decision columns (`ReviewWorkbook`).
    case workbook

    /// How many findings of each rule an instance-wide Markdown or HTML review lists by default: enough
    /// to see each problem's worst cases; the rest are counted, and listed in each organization's review.
    public static let defaultListedPerRule = 25

    /// Other names accepted for a format (`md`).
    public static let aliases: [String: ReviewFormat] = ["md": .markdown]

    /// The format named `name`, by its raw value or an alias.
    public init?(name: String) {
        guard let format = ReviewFormat(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = format
    }

    /// Writes the review in this format, in chunks, to `emit`. `listed` caps the findings the Markdown and
    /// HTML reports list per rule (nil: all); the JSON document always holds every finding.
    public func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything, listed: Int? = nil,
        emit: @escaping ([UInt8]) -> Void
    ) {
        switch self {
        case .markdown: MarkdownReport.write(index, policy: policy, findings: findings, scope: scope, listed: listed, emit: emit)
        case .html: HTMLReport.write(index, policy: policy, findings: findings, scope: scope, listed: listed, emit: emit)
        case .json: FindingsDocument.write(index, policy: policy, findings: findings, scope: scope, emit: emit)
        case .workbook: ReviewWorkbook.write(index, findings: findings, scope: scope, emit: emit)
        }
    }

    /// The file name extension of this format's files (`review --split`).
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .html: return "html"
        case .json: return "json"
        case .workbook: return "csv"
        }
    }
}
