/// A way the fake server attacks its client rather than merely failing: what a compromised proxy, a wrong
/// `--api-url` or a buggy gateway could send. Set through `FakeServerBehavior.hostile`; each applies to
/// every request that passes authentication and the rate limit (a redirect, to every request at all).
public enum HostileAnswer: Sendable, Equatable {
    /// Answers `status` (301, 302, 303, 307, 308) with `Location: location` and an empty body.
    case redirect(status: Int, location: String)
    /// The first `times` requests for each target get 429 with exactly this `Retry-After` value.
    case rateLimited(retryAfter: String, times: Int)
    /// Every answer carries these `X-RateLimit-Remaining` and `X-RateLimit-Reset` values.
    case rateLimitHeaders(remaining: String, reset: String)
    /// Every list request is answered with its first page, whatever its `offset` or `starting_after`.
    case repeatFirstPage
    /// Every list envelope (and `/v1/users/count`) announces this `total_count`.
    case announcedTotalCount(Int64)
    /// The first `firstAttempts` answers for each target write their body one byte at a time, this many
    /// seconds apart; later attempts are answered normally.
    case drippedBody(firstAttempts: Int, secondsPerByte: Double)
    /// A 200 whose body is `bytes` of filler, written 64 KiB at a time until the client hangs up, each
    /// write `secondsPerChunk` after the last; with `announced`, `Content-Length` says so up front, otherwise
    /// it is left out and the connection closes.
    case oversizedBody(bytes: Int, announced: Bool, secondsPerChunk: Double = 0)
    /// Answers `status` with a Clerk error body whose code and message carry the request's `Authorization`
    /// value, terminal escapes (ESC, a C1 CSI, BEL) and a bidi override.
    case errorEchoingAuthorization(status: Int)
}
