import Foundation

/// Reads a snapshot file for diff and reports: the file must pass `SnapshotValidator` first, so nothing
/// downstream works on a corrupt, foreign or tampered snapshot.
public enum SnapshotDecoder {
    public static func decode(_ data: Data) throws(SnapshotReadError) -> Snapshot {
        let report = SnapshotValidator.validate(data)
        guard report.isValid, let snapshot = report.snapshot else { throw SnapshotReadError(problems: report.problems) }
        return snapshot
    }
}

/// A snapshot that could not be used, with every problem `validate` found.
public struct SnapshotReadError: Error, Sendable, CustomStringConvertible {
    public var problems: [SnapshotProblem]

    public var description: String {
        let shown = problems.prefix(5).map(\.description).joined(separator: "; ")
        return problems.count > 5 ? "\(shown); and \(problems.count - 5) more" : shown
    }
}
