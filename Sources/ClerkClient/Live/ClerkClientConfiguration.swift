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
    /// The whole response (headers and body) must arrive within this many seconds.
    public var requestTimeout: TimeInterval
    public var concurrency: Int
    /// nil: no client-side pacing (`--max-rps 0`).
    public var requestsPerSecond: Double?
    /// A response body longer than this is a fault, found before it is read (`Content-Length`) or while it is.
    public var maximumResponseBytes: Int
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
        // The CLI range-checks its flags; these are clamped again because a library caller can pass anything,
        // and a rate of 1e-10 or a NaN timeout would otherwise overflow a Duration conversion later.
        self.requestTimeout = Self.clamp(requestTimeout, to: Self.requestTimeoutRange, nan: 30)
        self.concurrency = min(max(concurrency, Self.concurrencyRange.lowerBound), Self.concurrencyRange.upperBound)
        self.requestsPerSecond = requestsPerSecond.map {
            Self.clamp($0, to: Self.requestsPerSecondRange, nan: Self.requestsPerSecondRange.lowerBound)
        }
        self.retry = retry
        self.maximumResponseBytes = max(1, maximumResponseBytes)
        self.userAgent = "clerk-grants/\(ClerkClientConfiguration.toolVersion)"
    }

    /// `value` pulled into `range`; NaN becomes `nan`.
    static func clamp(_ value: Double, to range: ClosedRange<Double>, nan: Double) -> Double {
        value.isNaN ? nan : min(max(value, range.lowerBound), range.upperBound)
    }
}
