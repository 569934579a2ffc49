import Synchronization

/// A page sink that keeps every page, to hand back a whole `ClerkTenant` in list order whatever order the
/// pages arrived in.
public final class TenantCollector: TenantPageSink {
    private let pages = Mutex<[(position: PagePosition, arrival: Int, page: ClerkPage)]>([])

    public init() {}

    public func receive(_ page: ClerkPage, at position: PagePosition) {
        pages.withLock { $0.append((position, $0.count, page)) }
    }

    public func tenant(_ report: TenantReadReport) -> ClerkTenant {
        var tenant = ClerkTenant(report: report)
        let ordered = pages.withLock { $0 }.sorted { ($0.position, $0.arrival) < ($1.position, $1.arrival) }
        for entry in ordered { tenant.append(entry.page) }
        return tenant
    }
}
