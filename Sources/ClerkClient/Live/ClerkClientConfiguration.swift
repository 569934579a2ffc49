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

    public var apiURL: URL
    public var secretKey: SecretKey
    /// Where the key came from (`CLERK_SECRET_KEY`, `--secret-key-file PATH`), for error messages.
    public var keySource: String
    public var apiVersion: String
    public var requestTimeout: TimeInterval
    public var concurrency: Int
    /// nil: no client-side pacing (`--max-rps 0`).
    public var requestsPerSecond: Double?
    public var retry: RetryPolicy
    /// `clerk-grants/<version>`.
    public var userAgent: String

    public init(
        apiURL: URL, secretKey: SecretKey, keySource: String, apiVersion: String = defaultAPIVersion,
        requestTimeout: TimeInterval = 30, concurrency: Int = 4, requestsPerSecond: Double?,
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.apiURL = apiURL
        self.secretKey = secretKey
        self.keySource = keySource
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
        self.concurrency = concurrency
        self.requestsPerSecond = requestsPerSecond
        self.retry = retry
        self.userAgent = "clerk-grants/\(ClerkClientConfiguration.toolVersion)"
    }
}
