/// How the fake server misbehaves. Everything is off by default: `FakeServerBehavior()` is a faithful,
/// unauthenticated, unlimited Clerk.
///
/// Faults are deterministic: the n-th request for a given method and target (path plus query, as sent) has
/// the same fate on every run with the same `faultSeed`, however requests interleave across connections;
/// see `FaultDice`. At most one fault applies to a request, checked in this order: dropped connection, server
/// error, then (for 200 answers only) truncated body, malformed body.
public struct FakeServerBehavior: Sendable, Equatable {
    /// A fixed-window limit: `requests` per `windowSeconds`.
    public struct RateLimit: Sendable, Equatable {
        public var requests: Int
        public var windowSeconds: Double

        public init(requests: Int, windowSeconds: Double) {
            self.requests = requests
            self.windowSeconds = windowSeconds
        }
    }

    /// Users who sign up while a reader pages through `GET /v1/users`.
    public struct UserInsertion: Sendable, Equatable {
        /// How many users appear, all newer than every existing user, so they land at the head of the list.
        public var count: Int
        /// They appear right after this many `GET /v1/users` pages have been answered (status 200).
        public var afterUserRequests: Int

        public init(count: Int, afterUserRequests: Int) {
            self.count = count
            self.afterUserRequests = afterUserRequests
        }
    }

    /// When set, a request whose `Authorization` header is not exactly `Bearer <key>` gets 401 with a Clerk
    /// error body (`authorization_header_format_invalid` when the header is missing or not a bearer token,
    /// `clerk_key_invalid` when the key differs). Nil accepts any request.
    public var acceptedSecretKey: String?
    public var faultSeed: UInt64
    /// Fraction of requests answered 500, 502 or 503 (a third each, chosen by the same dice). 500 and 503 carry
    /// a Clerk error body; 502 carries an HTML page, as a gateway in front of Clerk would send.
    public var failureRate: Double
    /// Fraction of 200 answers whose body is cut to between 10% and 90% of its length. `Content-Length` is
    /// honest for the cut body, so the client receives a complete response holding invalid JSON.
    public var truncateRate: Double
    /// Fraction of 200 answers whose body is `{"unexpected":true}`: valid JSON of the wrong shape.
    public var malformedRate: Double
    /// Fraction of requests whose connection is closed without an answer.
    public var dropConnectionRate: Double
    /// Seconds to wait before writing each answer.
    public var responseDelay: Double
    /// When set, a request over the budget gets 429 with `Retry-After: <seconds>` and a `too_many_requests`
    /// error body. Every request counts, authenticated or not; refused ones do not.
    public var rateLimit: RateLimit?
    /// With a `rateLimit`, every response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
    /// `X-RateLimit-Reset` (seconds until the window closes). Clerk does not document these headers (some
    /// gateways add them), so turn this off to test a client that must learn the limit from 429s alone.
    public var sendsRateLimitHeaders: Bool
    public var insertUsersDuringPaging: UserInsertion?
    /// `GET /v1/users` ignores `starting_after` (and so never refuses it), as a server that does not know the
    /// cursor would: every cursor page is answered from `offset`.
    public var ignoreUserCursor: Bool
    /// When set, `GET /v1/organization_memberships` is answered with this status (403 or 404 are the ones
    /// Clerk has been seen to send) and a Clerk error body; per-organization membership lists still work.
    public var refuseInstanceMemberships: Int?
    /// Paths (as `FakeServerStats.requestsByPath` names them, e.g. `/v1/machines`) answered with 403 and a
    /// Clerk error body, as for a key or plan that may not read them.
    public var refusedPaths: Set<String>
    /// An attack on the client instead of (or on top of) a fault; see `HostileAnswer`.
    public var hostile: HostileAnswer?

    public init(
        acceptedSecretKey: String? = nil, faultSeed: UInt64 = 1, failureRate: Double = 0, truncateRate: Double = 0,
        malformedRate: Double = 0, dropConnectionRate: Double = 0, responseDelay: Double = 0,
        rateLimit: RateLimit? = nil, sendsRateLimitHeaders: Bool = true, insertUsersDuringPaging: UserInsertion? = nil,
        ignoreUserCursor: Bool = false,
        refuseInstanceMemberships: Int? = nil, refusedPaths: Set<String> = [], hostile: HostileAnswer? = nil
    ) {
        self.refusedPaths = refusedPaths
        self.acceptedSecretKey = acceptedSecretKey
        self.faultSeed = faultSeed
        self.failureRate = failureRate
        self.truncateRate = truncateRate
        self.malformedRate = malformedRate
        self.dropConnectionRate = dropConnectionRate
        self.responseDelay = responseDelay
        self.rateLimit = rateLimit
        self.sendsRateLimitHeaders = sendsRateLimitHeaders
        self.insertUsersDuringPaging = insertUsersDuringPaging
        self.ignoreUserCursor = ignoreUserCursor
        self.refuseInstanceMemberships = refuseInstanceMemberships
        self.hostile = hostile
    }
}
