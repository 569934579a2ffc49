import Foundation

/// How to reach one Clerk instance and how gently to treat it.
public struct ClerkClientConfiguration: Sendable {
    /// The version of the tool, sent in `User-Agent` and written into snapshots.
    public static let toolVersion = "0.1.0"
    /// The Backend API version this tool was built and tested against.
    public static let defaultAPIVersion = "2025-11-10"
    public static let defaultAPIURL = "https://api.clerk.com"
    /// Clerk's largest page; more is answered with a default page of 10, which would look like the end.
    public static let pageSize = 500
    /// The largest response body read, per page: Clerk's largest page is a few MiB, so more is a fault.
    public static let defaultMaximumResponseBytes = 64 << 20
    /// Pacing between these bounds: slower could not finish, faster is no pacing at all.
    public static let requestsPerSecondRange = 0.01...100_000.0
    /// `--timeout` between these bounds, in seconds.
    public static let requestTimeoutRange = 0.001...3600.0
    /// Requests in flight at most.
    public static let concurrencyRange = 1...64

    public var apiURL: URL
    public var secretKey: SecretKey
    /// Where the key came from (`CLERK_SECRET_KEY`, `--secret-key-file PATH`), for error messages.
    public var keySource: String
    public var apiVersion: String
    // Each setter pulls the value into range, as `init` does: a library caller can pass anything, and a rate
    // of 1e-10 or a NaN timeout would otherwise overflow a Duration conversion later.

    /// The whole response (headers and body) must arrive within this many seconds (`requestTimeoutRange`).
    public var requestTimeout: TimeInterval {
        didSet { requestTimeout = Self.clamp(requestTimeout, to: Self.requestTimeoutRange, nan: 30) }
    }
    /// Requests in flight at most (`concurrencyRange`).
    public var concurrency: Int {
        didSet { concurrency = Self.clamp(concurrency) }
    }
    /// nil: no client-side pacing (`--max-rps 0`); otherwise within `requestsPerSecondRange`.
    public var requestsPerSecond: Double? {
        didSet { requestsPerSecond = Self.clamp(requestsPerSecond) }
    }
    /// A response body longer than this is a fault, found before it is read (`Content-Length`) or while it is.
    public var maximumResponseBytes: Int {
        didSet { maximumResponseBytes = max(1, maximumResponseBytes) }
    }
    public var retry: RetryPolicy
    /// `clerk-grants/<version>`.
    public var userAgent: String

    public init(
        apiURL: URL, secretKey: SecretKey, keySource: String, apiVersion: String = defaultAPIVersion,
        requestTimeout: TimeInterval = 30, concurrency: Int = 4, requestsPerSecond: Double?,
        retry: RetryPolicy = RetryPolicy(), maximumResponseBytes: Int = defaultMaximumResponseBytes
    ) {
        self.apiURL = apiURL
        self.secretKey = secretKey
        self.keySource = keySource
        self.apiVersion = apiVersion
        self.requestTimeout = Self.clamp(requestTimeout, to: Self.requestTimeoutRange, nan: 30)
        self.concurrency = Self.clamp(concurrency)
        self.requestsPerSecond = Self.clamp(requestsPerSecond)
        self.retry = retry
        self.maximumResponseBytes = max(1, maximumResponseBytes)
        self.userAgent = "clerk-grants/\(ClerkClientConfiguration.toolVersion)"
    }

    /// `value` pulled into `range`; NaN becomes `nan`.
    static func clamp(_ value: Double, to range: ClosedRange<Double>, nan: Double) -> Double {
        value.isNaN ? nan : min(max(value, range.lowerBound), range.upperBound)
    }

    private static func clamp(_ concurrency: Int) -> Int {
        min(max(concurrency, concurrencyRange.lowerBound), concurrencyRange.upperBound)
    }

    /// A NaN rate becomes the slowest: the safe side for an instance shared with a live application.
    private static func clamp(_ rate: Double?) -> Double? {
        rate.map { clamp($0, to: requestsPerSecondRange, nan: requestsPerSecondRange.lowerBound) }
    }
}
