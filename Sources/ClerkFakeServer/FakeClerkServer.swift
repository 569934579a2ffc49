import Foundation
import Glibc
import Synchronization

/// A fake Clerk Backend API on 127.0.0.1, serving a `FakeTenant` over plain HTTP/1.1 with keep-alive,
/// with the faults of a `FakeServerBehavior`.
///
/// Endpoints (GET only; anything else is a 404 with a Clerk error body):
/// - `/v1/users`: a bare array of `User`, newest first (`created_at` descending, ties by `id` ascending).
///   `limit` (1...500, default 10; out of range gives 10), `offset`, or `starting_after=<user id>`: the users
///   after that one. `starting_after` with a non-zero offset, or naming no user, is a 422.
/// - `/v1/users/count`: `{"object":"total_count","total_count":N}`.
/// - `/v1/organizations` (`include_members_count=true` adds `members_count`), `/v1/organization_roles`,
///   `/v1/organization_permissions`, `/v1/organization_memberships` (every membership of the instance) and
///   `/v1/organizations/{id}/memberships`: `{"data":[...],"total_count":N}` with `limit` and `offset`.
///
/// One thread accepts connections and one thread serves each connection; `stop()` ends and joins them all.
/// A server starts once; start another for a second run.
public final class FakeClerkServer: Sendable {
    private let api: FakeClerkAPI
    private let lifecycle = Mutex(Lifecycle())

    private struct Lifecycle {
        enum Phase { case notStarted, running, stopping, stopped }

        var phase = Phase.notStarted
        var listeningSocket: Int32 = -1
        var baseURL: URL?
        var acceptThread: JoinableThread?
        var connections: [Int: Connection] = [:]
        var nextConnectionID = 0
    }

    /// A connection's socket is closed only under the lifecycle lock, by its own thread, which then sets
    /// `socket` to nil: `stop()` shuts sockets down under the same lock, so it can never hit a descriptor
    /// number the kernel has already handed to someone else.
    private struct Connection {
        var socket: Int32?
        var thread: JoinableThread
    }

    /// Builds the indexes and cached fragments of `tenant` (about a second for the benchmark tenant), so
    /// construct before timing anything.
    public init(tenant: FakeTenant, behavior: FakeServerBehavior = FakeServerBehavior()) {
        api = FakeClerkAPI(tenant: tenant, behavior: behavior)
    }

    /// Binds 127.0.0.1 on an ephemeral port and starts serving. Returns the base URL without a path, like
    /// `http://127.0.0.1:40123`; requests go to `<base>/v1/...`.
    @discardableResult
    public func start() throws(FakeServerError) -> URL {
        try lifecycle.withLock { state throws(FakeServerError) -> URL in
            guard state.phase == .notStarted else { throw .alreadyStarted }
            let (socket, port) = try LoopbackSocket.listen()
            do throws(FakeServerError) {
                state.acceptThread = try JoinableThread.start { [self] in acceptConnections(on: socket) }
            } catch {
                LoopbackSocket.close(socket)
                throw error
            }
            let url = URL(string: "http://127.0.0.1:\(port)")!
            state.phase = .running
            state.listeningSocket = socket
            state.baseURL = url
            return url
        }
    }

    /// Closes the listening socket and every connection, and returns once every server thread has ended.
    /// A request being answered is cut off. Calling it again, or before `start()`, does nothing; of two
    /// concurrent calls, one does the work and the other returns at once. Until it is called, the server's
    /// threads keep it alive.
    public func stop() {
        let acceptThread = lifecycle.withLock { state -> JoinableThread? in
            guard state.phase == .running else { return nil }
            state.phase = .stopping
            // Wakes the thread blocked in accept(); the descriptor stays open until that thread is joined.
            LoopbackSocket.shutdownBoth(state.listeningSocket)
            return state.acceptThread
        }
        guard let acceptThread else { return }
        acceptThread.join()
        let connectionThreads = lifecycle.withLock { state -> [JoinableThread] in
            LoopbackSocket.close(state.listeningSocket)
            state.listeningSocket = -1
            state.acceptThread = nil
            for socket in state.connections.values.compactMap(\.socket) { LoopbackSocket.shutdownBoth(socket) }
            return state.connections.values.map(\.thread)
        }
        for thread in connectionThreads { thread.join() }
        lifecycle.withLock { state in
            state.connections.removeAll()
            state.phase = .stopped
        }
    }

    /// The URL `start()` returned, while the server runs.
    public var baseURL: URL? {
        lifecycle.withLock { $0.phase == .running ? $0.baseURL : nil }
    }

    public var stats: FakeServerStats { api.stats }

    /// The tenant as it is now: the one served, plus any users inserted while paging (at the head of `users`).
    public var currentTenant: FakeTenant { api.currentTenant }

    /// Every request answered or dropped so far. A record is added before its answer is written; with several
    /// connections records can land slightly out of arrival order, so sort by `sequence` when order matters.
    public var requestLog: [FakeRequestRecord] { api.requestLog }

    /// Connection threads started and not yet joined; zero after `stop()`.
    var connectionThreadCount: Int {
        lifecycle.withLock { $0.connections.count }
    }

    private func acceptConnections(on listeningSocket: Int32) {
        while true {
            guard let socket = LoopbackSocket.accept(listeningSocket) else {
                let failure = errno
                guard lifecycle.withLock({ $0.phase == .running }) else { return }
                // Out of descriptors: wait for connections to close rather than spin.
                if failure == EMFILE || failure == ENFILE { usleep(10_000) }
                continue
            }
            joinFinishedConnections()
            let admitted = lifecycle.withLock { state -> Bool in
                guard state.phase == .running else { return false }
                let id = state.nextConnectionID
                state.nextConnectionID += 1
                // Started under the lock, so the thread cannot finish before its entry exists.
                guard let thread = try? JoinableThread.start({ [self] in serveConnection(id: id, socket: socket) })
                else { return false }
                state.connections[id] = Connection(socket: socket, thread: thread)
                return true
            }
            if !admitted { LoopbackSocket.close(socket) }
        }
    }

    private func serveConnection(id: Int, socket: Int32) {
        HTTPConnection(socket: socket, api: api).serve()
        lifecycle.withLock { state in
            if let socket = state.connections[id]?.socket {
                LoopbackSocket.close(socket)
                state.connections[id]?.socket = nil
            }
        }
    }

    /// Joins the threads of connections that have closed, so a long run does not accumulate them; only the
    /// accept thread does this while running, and `stop()` joins the accept thread before joining the rest,
    /// so no thread is joined twice.
    private func joinFinishedConnections() {
        let finished = lifecycle.withLock { state -> [JoinableThread] in
            let closed = state.connections.filter { $0.value.socket == nil }
            for id in closed.keys { state.connections[id] = nil }
            return closed.values.map(\.thread)
        }
        for thread in finished { thread.join() }
    }
}
