import ClerkModel

/// Something a tenant can be read from: the live Backend API, or pages saved on disk.
public protocol TenantReader: Sendable {
    /// What the snapshot's `source` records about where the data came from (never a secret).
    var apiURL: String { get }
    var instance: String { get }

    func read(_ collections: Set<ClerkCollection>) async throws(ClerkReadError) -> ClerkTenant
}
