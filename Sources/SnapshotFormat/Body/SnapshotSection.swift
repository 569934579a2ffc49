/// The record lists the digest covers, in the order the digest (and the file) lists them.
public enum SnapshotSection: String, CaseIterable, Sendable {
    case entitlements
    case grants
    case resources
}
