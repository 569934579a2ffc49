import ClerkModel
import Synchronization

/// A page sink that feeds a graph builder: the reader's tasks hand their pages in concurrently, each page
/// is folded into the graph under a lock and then let go, so memory holds the graph and the pages in flight.
public final class GraphBuildingSink: TenantPageSink {
    private let builder: Mutex<GraphBuilder?>

    public init(requested: Set<ClerkCollection>) {
        builder = Mutex(GraphBuilder(requested: requested))
    }

    public func receive(_ page: ClerkPage, at position: PagePosition) {
        builder.withLock { builder in
            precondition(builder != nil, "a page arrived after the graph was finished")
            builder!.add(page, at: position)
        }
    }

    /// The finished graph. Call once, after the reader has returned.
    public func finish(_ report: TenantReadReport) -> CompactGraph {
        let builder = builder.withLock { builder in
            defer { builder = nil }
            return builder!
        }
        return builder.finish(report)
    }
}
