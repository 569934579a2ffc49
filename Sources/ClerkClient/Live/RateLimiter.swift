import Foundation

/// Spaces requests evenly at a target rate so a normal run never meets a 429, and slows down for the rest
/// of the run when the server says it is close to (or over) its limit. Even spacing rather than bursts:
/// the customer's application shares the instance's budget and should never see it emptied at once.
public actor RateLimiter {
    public private(set) var requestsPerSecond: Double?
    private var nextSlot: ContinuousClock.Instant
    private var blockedUntil: ContinuousClock.Instant
    private var lastSlowdown: ContinuousClock.Instant?
    /// Send times of recent requests, to know the rate actually reached when no target was set.
    private var recentSends: [ContinuousClock.Instant] = []
    private let clock = ContinuousClock()
    /// Never slow below this, however many 429s arrive: the export must still finish.
    private let floorRequestsPerSecond: Double

    /// `requestsPerSecond: nil` turns client-side pacing off (server signals are still obeyed).
    public init(requestsPerSecond: Double?, floorRequestsPerSecond: Double = 0.5) {
        let range = ClerkClientConfiguration.requestsPerSecondRange
        self.requestsPerSecond = requestsPerSecond.map { ClerkClientConfiguration.clamp($0, to: range, nan: range.lowerBound) }
        self.floorRequestsPerSecond = ClerkClientConfiguration.clamp(floorRequestsPerSecond, to: range, nan: range.lowerBound)
        nextSlot = clock.now
        blockedUntil = clock.now
    }

    /// Reserves the next send slot and returns how long the caller must wait for it.
    public func reserve() -> Duration {
        let now = clock.now
        var slot = max(now, blockedUntil)
        if let rate = requestsPerSecond {
            slot = max(slot, nextSlot)
            nextSlot = slot + Self.interval(atRequestsPerSecond: rate)
        }
        recentSends.append(slot)
        if recentSends.count > 256 { recentSends.removeFirst(recentSends.count - 256) }
        return slot - now
    }

    /// The spacing of requests at `rate`, for any rate at all: the slowest spacing is that of the slowest
    /// rate allowed, so no value can overflow the conversion.
    package static func interval(atRequestsPerSecond rate: Double) -> Duration {
        let range = ClerkClientConfiguration.requestsPerSecondRange
        let bounded = ClerkClientConfiguration.clamp(rate, to: range, nan: range.lowerBound)
        return .nanoseconds(Int64((1e9 / bounded).rounded()))
    }

    /// After a 429: pause everyone until `retryAfter` passes, and halve the rate for the rest of the run.
    /// Concurrent requests often meet the same 429; the rate is halved once per pause, not once per answer.
    public func rateLimited(retryAfter: Duration?) {
        let now = clock.now
        let pause = retryAfter ?? .seconds(1)
        blockedUntil = max(blockedUntil, now + pause)
        if let lastSlowdown, now - lastSlowdown < max(pause, .seconds(1)) { return }
        lastSlowdown = now
        let reached = observedRate(before: now)
        let current = min(requestsPerSecond ?? reached, reached)
        requestsPerSecond = max(floorRequestsPerSecond, current / 2)
    }

    /// `X-RateLimit-Remaining` near zero: hold further requests until the window resets.
    public func serverBudget(remaining: Int, resetIn: Duration, inFlight: Int) {
        guard remaining <= max(1, inFlight), resetIn > .zero else { return }
        blockedUntil = max(blockedUntil, clock.now + resetIn)
    }

    /// Requests per second over the last two seconds of sends.
    private func observedRate(before now: ContinuousClock.Instant) -> Double {
        let window: Duration = .seconds(2)
        let count = recentSends.lazy.filter { now - $0 <= window }.count
        return max(Double(count) / 2, floorRequestsPerSecond)
    }
}
