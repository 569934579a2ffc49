import SnapshotFormat

/// The renderings of a certification (`certify --format`). A closed set: each case has its writer.
public enum CertificationFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    /// The machine record `remediation` reads (`CertificationDocument`).
    case json

    /// Writes `certification` in this format to `emit`; names, emails and reviewers go through `redactor`
    /// when given (`--redact-pii`; tokens already in place, from a redacting index, are kept).
    public func write(_ certification: Certification, redactor: PIIRedactor? = nil, emit: @escaping ([UInt8]) -> Void) {
        switch self {
        case .markdown: CertificationMarkdown.write(certification, redactor: redactor, emit: emit)
        case .html: CertificationHTML.write(certification, redactor: redactor, emit: emit)
        case .json: emit(CertificationDocument.encode(certification, redactor: redactor))
        }
    }
}
