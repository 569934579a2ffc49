import ClerkModel
import Synchronization

/// Counters of an export in progress, per collection: what the progress display and the closing
/// summary line print. Shared by the concurrent collection readers, so guarded by a mutex.
public final class ReadStatistics: Sendable {
    public struct Counters: Sendable, Equatable {
        public var objects = 0
        public var requests = 0
        public var retries = 0
        public var rateLimited = 0
        public var bytes = 0
        public var rateWait: Duration = .zero
        public var done = false

        public init() {}
    }

    private let state = Mutex<[ClerkCollection: Counters]>([:])

    public init() {}

    public func update(_ bucket: ClerkCollection, _ change: (inout Counters) -> Void) {
        state.withLock { change(&$0[bucket, default: Counters()]) }
    }

    public var snapshot: [ClerkCollection: Counters] { state.withLock { $0 } }

    public var total: Counters {
        state.withLock { buckets in
            buckets.values.reduce(into: Counters()) { sum, counters in
                sum.objects += counters.objects
                sum.requests += counters.requests
                sum.retries += counters.retries
                sum.rateLimited += counters.rateLimited
                sum.bytes += counters.bytes
                sum.rateWait += counters.rateWait
            }
        }
    }
}

/// One request as the verbose log shows it: never headers, never the key.
public struct RequestLogEntry: Sendable {
    public var method: String
    public var pathAndQuery: String
    /// nil when no response arrived (timeout, dropped connection).
    public var status: Int?
    public var latency: Duration
    public var note: String?
}
