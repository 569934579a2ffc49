import CanonicalJSON

/// The renderings of `trend --format`. A closed set: each case has its writer.
public enum TrendFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    case json

    /// Writes the trend in this format, in chunks, to `emit`.
    public func write(_ report: TrendReport, emit: @escaping ([UInt8]) -> Void) {
        switch self {
        case .markdown: TrendMarkdown.write(report, emit: emit)
        case .html: TrendHTML.write(report, emit: emit)
        case .json: emit(CanonicalJSONWriter.encodePretty(report.json))
        }
    }
}
