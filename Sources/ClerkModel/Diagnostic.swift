import CanonicalJSON
/// Something a reader of the snapshot should know: a membership whose role could not be resolved, a
/// collection that was not read to the end, a count that did not add up. Diagnostics are part of the
/// snapshot, never just log lines, so an auditor sees them with the evidence.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, CaseIterable {
        case error
        case warning
        case info
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    /// The id of the resource, grant or collection the diagnostic is about.
    public var subject: String

    public init(code: DiagnosticCode, severity: Severity, message: String, subject: String) {
        self.code = code
        self.severity = severity
        self.message = message
        self.subject = subject
    }

    /// Diagnostics have no id of their own; this order keeps them deterministic in a snapshot.
    public static func canonicalOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.subject != rhs.subject { return codePointPrecedes(lhs.subject, rhs.subject) }
        if lhs.code != rhs.code { return codePointPrecedes(lhs.code.rawValue, rhs.code.rawValue) }
        return codePointPrecedes(lhs.message, rhs.message)
    }
}
