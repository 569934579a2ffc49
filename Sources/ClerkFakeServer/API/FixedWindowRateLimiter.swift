/// A fixed-window limit, as Clerk documents its own (N requests per 10 s per instance): the window opens at
/// the first request after the previous one closed. Refused requests do not use up the budget.
struct FixedWindowRateLimiter: Sendable {
    enum Verdict: Equatable {
        case admitted(remaining: Int, resetSeconds: Int)
        case refused(resetSeconds: Int)
    }

    let limit: Int
    let window: Duration
    private var windowStart: ContinuousClock.Instant?
    private var used = 0

    init(limit: Int, window: Duration) {
        precondition(limit > 0 && window > .zero, "a rate limit needs a positive budget and window")
        self.limit = limit
        self.window = window
    }

    mutating func admit(at now: ContinuousClock.Instant) -> Verdict {
        let start: ContinuousClock.Instant
        if let current = windowStart, now - current < window {
            start = current
        } else {
            start = now
            windowStart = now
            used = 0
        }
        let resetSeconds = Self.wholeSecondsRoundedUp(window - (now - start))
        guard used < limit else { return .refused(resetSeconds: resetSeconds) }
        used += 1
        return .admitted(remaining: limit - used, resetSeconds: resetSeconds)
    }

    /// At least one: `Retry-After: 0` would invite an immediate retry into the same window.
    static func wholeSecondsRoundedUp(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
