import ClerkModel
import Dispatch
import Synchronization

/// A page sink that feeds a graph builder: the reader's tasks hand their pages in concurrently, each page
/// is folded into the graph under a lock and then let go, so memory holds the graph and the pages in flight.
/// Once memberships and roles are complete, their grants are sorted on another thread while the remaining
/// lists arrive.
public final class GraphBuildingSink: TenantPageSink {
    private struct State: Sendable {
        var builder: GraphBuilder?
        var finished: Set<ClerkCollection> = []
        var preparing = false
    }

    private let requested: Set<ClerkCollection>
    private let state: Mutex<State>
    private let prepared = Mutex<MembershipGrants?>(nil)
    private let preparation = DispatchGroup()

    public init(requested: Set<ClerkCollection>) {
        self.requested = requested
        state = Mutex(State(builder: GraphBuilder(requested: requested)))
    }

    public func receive(_ page: ClerkPage, at position: PagePosition) {
        state.withLock { state in
            precondition(state.builder != nil, "a page arrived after the graph was finished")
            state.builder!.add(page, at: position)
        }
    }

    public func finished(_ collection: ClerkCollection) {
        let input: MembershipGrants.Input? = state.withLock { state in
            state.finished.insert(collection)
            let ready = state.finished.contains(.memberships) && (state.finished.contains(.roles) || !requested.contains(.roles))
            guard ready, !state.preparing, let builder = state.builder else { return nil }
            state.preparing = true
            return builder.membershipGrantsInput()
        }
        guard let input else { return }
        DispatchQueue.global().async(group: preparation) { [self] in
            let grants = MembershipGrants(input)
            prepared.withLock { $0 = grants }
        }
    }

    /// The users whose sessions `scope` asks for, sorted by id (`GraphBuilder.sessionScope(_:)`): call after
    /// the other collections were read, before the session pages arrive.
    public func sessionScope(_ scope: SessionScope) -> [String] {
        state.withLock { state in
            precondition(state.builder != nil, "the session scope was asked for after the graph was finished")
            return state.builder!.sessionScope(scope)
        }
    }

    /// The finished graph. Call once, after the reader has returned.
    public func finish(_ report: TenantReadReport) -> CompactGraph {
        let builder = state.withLock { state in
            defer { state.builder = nil }
            return state.builder!
        }
        preparation.wait()
        return builder.finish(report, prepared: prepared.withLock { $0 })
    }
}
