/// Why a decision file could not be read as a workbook at all (`certify` exits 2): not CSV, a required
/// column missing, a row with the wrong number of fields. Row-level problems are `CertificationProblem`s.
public struct DecisionFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file) line \(line): \(reason)" }
}
