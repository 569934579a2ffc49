/// The renderings of an access review (`review --format`). A closed set: each case has its writer.
public enum ReviewFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    case json

    /// Other names accepted for a format (`md`).
    public static let aliases: [String: ReviewFormat] = ["md": .markdown]

    /// The format named `name`, by its raw value or an alias.
    public init?(name: String) {
        guard let format = ReviewFormat(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = format
    }

    /// Writes the review in this format, in chunks, to `emit`.
    public func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: [Finding], scope: ReviewScope = .everything,
        emit: @escaping ([UInt8]) -> Void
    ) {
        switch self {
        case .markdown: MarkdownReport.write(index, policy: policy, findings: findings, scope: scope, emit: emit)
        case .html: HTMLReport.write(index, policy: policy, findings: findings, scope: scope, emit: emit)
        case .json: emit(FindingsDocument.encode(index, policy: policy, findings: findings, scope: scope))
        }
    }

    /// The file name extension of this format's files (`review --split`).
    public var fileExtension: String {
        switch self {
        case .markdown: return "md"
        case .html: return "html"
        case .json: return "json"
        }
    }
}
