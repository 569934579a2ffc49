/// The record lists the digest covers, in the order the digest (and the file) lists them. Which of them a
/// version's digest frames is `SnapshotLayout.Version.digestSections`.
public enum SnapshotSection: String, CaseIterable, Sendable {
    /// Snapshot 1.1: ways to gain access that are not grants.
    case accessPaths = "access_paths"
    case entitlements
    case grants
    case resources
}
