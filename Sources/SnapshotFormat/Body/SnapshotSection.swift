/// The record lists the digest covers, in the order the digest (and the file) lists them.
public enum SnapshotSection: String, CaseIterable, Sendable {
    /// Snapshot 1.1: ways to gain access that are not grants.
    case accessPaths = "access_paths"
    case entitlements
    case grants
    case resources
}

extension SnapshotSection {
    /// The sections a 1.0 digest frames. TODO(s13-format): version-aware framing (1.1 frames every section).
    package static let digested: [SnapshotSection] = [.entitlements, .grants, .resources]
}
