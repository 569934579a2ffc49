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
    /// Longest `Retry-After` honored; a longer one is treated as this.
    public var maxRetryAfter: Duration
    /// Total time one request may spend across its attempts.
    public var totalTimeBudget: Duration

    public init(
        maxAttempts: Int = 6, maxRateLimitedAttempts: Int = 30, initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(20), maxRetryAfter: Duration = .seconds(120),
        totalTimeBudget: Duration = .seconds(300)
    ) {
        self.maxAttempts = maxAttempts
        self.maxRateLimitedAttempts = maxRateLimitedAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.totalTimeBudget = totalTimeBudget
    }

    /// Backoff before retry number `attempt` (1-based): exponential, capped, with "equal jitter" so
    /// concurrent clients that failed together do not retry together.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(attempt - 1, 16)
        let base = initialBackoff * (1 << exponent)
        let capped = min(base, maxBackoff)
        let half = capped / 2
        return half + half * Double.random(in: 0...1)
    }

    /// Parses `Retry-After`: delay-seconds or an HTTP date.
    public func retryAfter(_ header: String?, now: Date = Date()) -> Duration? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds >= 0 {
            return min(.milliseconds(Int64(seconds * 1000)), maxRetryAfter)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return min(.milliseconds(Int64(seconds * 1000)), maxRetryAfter)
    }
}
