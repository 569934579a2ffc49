import Foundation

/// How hard to try before giving up on a request: bounded attempts, exponential backoff with jitter,
/// and a bound on total time, so a sick API fails the export in minutes rather than hanging it.
public struct RetryPolicy: Sendable {
    /// Attempts for faults (5xx, timeouts, dropped connections, malformed bodies), first try included.
    public var maxAttempts: Int
    /// 429s are the server asking to slow down, not failing; they get a separate, larger allowance.
    public var maxRateLimitedAttempts: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Longest `Retry-After` (or `X-RateLimit-Reset`) honored; a longer one is treated as this.
    public var maxRetryAfter: Duration
    /// Total time one request may spend across its attempts.
    public var totalTimeBudget: Duration

    public init(
        maxAttempts: Int = 6, maxRateLimitedAttempts: Int = 30, initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(20), maxRetryAfter: Duration = .seconds(60),
        totalTimeBudget: Duration = .seconds(300)
    ) {
        // Out-of-range values are pulled into range rather than trusted: at least one attempt, no negative
        // waits, and no backoff so large that doubling it could overflow.
        self.maxAttempts = max(1, maxAttempts)
        self.maxRateLimitedAttempts = max(1, maxRateLimitedAttempts)
        self.maxBackoff = min(max(.zero, maxBackoff), .seconds(3600))
        self.initialBackoff = min(max(.zero, initialBackoff), self.maxBackoff)
        self.maxRetryAfter = min(max(.zero, maxRetryAfter), .seconds(3600))
        self.totalTimeBudget = max(.zero, totalTimeBudget)
    }

    /// Backoff before retry number `attempt` (1-based): exponential, capped, with "equal jitter" so
    /// concurrent clients that failed together do not retry together.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 16)
        // Held to an hour again here, since the properties can be set after init: 2^16 hours still fits.
        let hour = Duration.seconds(3600)
        let base = min(max(.zero, initialBackoff), hour) * (1 << exponent)
        let capped = min(base, min(max(.zero, maxBackoff), hour))
        let half = capped / 2
        return half + half * Double.random(in: 0...1)
    }

    /// Parses `Retry-After` (delay-seconds or an HTTP date) into `0...maxRetryAfter`; junk (`inf`, `-5`,
    /// `1e17`, an unparseable date) is nil, and the caller backs off as for any fault.
    public func retryAfter(_ header: String?, now: Date = Date()) -> Duration? {
        ServerHeaderValues.retryAfter(header, now: now, cap: maxRetryAfter)
    }
}
