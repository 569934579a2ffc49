import ClerkModel

/// Something a tenant can be read from: the live Backend API, or pages saved on disk.
public protocol TenantReader: Sendable {
    /// What the snapshot's `source` records about where the data came from (never a secret).
    var apiURL: String { get }
    var instance: String { get }

    /// Hands every page of the requested collections to `sink` as it is decoded, and returns what was
    /// learned about completeness. Pages are not kept.
    func read(_ collections: Set<ClerkCollection>, into sink: any TenantPageSink) async throws(ClerkReadError)
        -> TenantReadReport

    /// Hands the active sessions of each of `userIDs` to `sink`, after `read` returned (the scope is computed
    /// from the users, roles and memberships it read). The report's `requested` is `[.sessions]`. A refusal
    /// fails: sessions are only read when asked for.
    func readSessions(of userIDs: [String], into sink: any TenantPageSink) async throws(ClerkReadError) -> TenantReadReport
}

extension TenantReader {
    /// The whole tenant in memory: for small tenants and tests. The export streams instead.
    public func read(_ collections: Set<ClerkCollection>) async throws(ClerkReadError) -> ClerkTenant {
        let collector = TenantCollector()
        let report = try await read(collections, into: collector)
        return collector.tenant(report)
    }
}
