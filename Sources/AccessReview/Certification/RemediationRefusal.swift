/// Why `remediation` will not compare a certification with a snapshot (exit 2).
public enum RemediationRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case otherInstance(certified: String, later: String)
    case olderSnapshot(certified: String, later: String)

    public var description: String {
        switch self {
        case .otherInstance(let certified, let later):
            return "the snapshot is of another instance ('\(later)') than the certified one ('\(certified)'); give a later export of the same instance"
        case .olderSnapshot(let certified, let later):
            return "the snapshot was generated at \(later), before the certified snapshot (\(certified)); give a later export"
        }
    }
}
