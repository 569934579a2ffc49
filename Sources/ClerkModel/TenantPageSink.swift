/// Where a tenant reader hands each page as soon as it is decoded, so that what is kept is the graph and not
/// the pages: the objects of a large instance's pages are several times the size of the graph built from them.
public protocol TenantPageSink: Sendable {
    /// Called once per page, from concurrent tasks, in no particular order.
    func receive(_ page: ClerkPage, at position: PagePosition)
    /// Called once a collection has been read to its end, after its last page: what depends only on
    /// finished collections can be computed while the others are still being read.
    func finished(_ collection: ClerkCollection)
}

extension TenantPageSink {
    public func finished(_ collection: ClerkCollection) {}
}
