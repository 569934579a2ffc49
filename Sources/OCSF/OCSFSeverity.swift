/// `severity_id` and its caption. Changes read from two snapshots are facts, not alerts: informational,
/// except a change that widens someone's privileges, which a reviewer should look at (medium).
public enum OCSFSeverity: Int64, Sendable {
    case informational = 1
    case low = 2
    case medium = 3

    public var name: String {
        switch self {
        case .informational: "Informational"
        case .low: "Low"
        case .medium: "Medium"
        }
    }
}
