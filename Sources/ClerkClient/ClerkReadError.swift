import ClerkModel

/// Why a tenant could not be read. Each message says what failed, where, and what a person can do about
/// it; none ever contains the secret key.
public enum ClerkReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fixture or recording folder is missing or unreadable.
    case fixtureUnreadable(path: String, reason: String)
    /// A fixture page is not a valid page of its collection.
    case malformedFixturePage(path: String, problem: ClerkPageError)
    /// Clerk refused the credentials (401, or 403 on a read).
    case keyRejected(status: Int, keySource: String, clerkMessage: String?)
    /// Clerk refused the request itself (400, 404, 422, ...); retrying would not help.
    case requestRejected(status: Int, endpoint: String, code: String?, message: String?)
    /// Faults (5xx, 429, timeouts, dropped connections, malformed bodies) outlasted the retry budget.
    case retriesExhausted(endpoint: String, page: String, attempts: Int, lastFault: String)
    /// The API URL would send the key in clear text to another machine, or is not a URL.
    case insecureAPIURL(String)
    case invalidAPIURL(String)

    public var description: String {
        switch self {
        case .fixtureUnreadable(let path, let reason):
            return "cannot read fixture folder \(path): \(reason)"
        case .malformedFixturePage(let path, let problem):
            return "fixture page \(path): \(problem)"
        case .keyRejected(let status, let keySource, let clerkMessage):
            let detail = clerkMessage.map { " (\($0))" } ?? ""
            return "Clerk rejected the secret key (HTTP \(status))\(detail) - check \(keySource)"
        case .requestRejected(let status, let endpoint, let code, let message):
            let detail = [code, message].compactMap { $0 }.joined(separator: ": ")
            return "Clerk rejected GET \(endpoint) (HTTP \(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .retriesExhausted(let endpoint, let page, let attempts, let lastFault):
            return "GET \(endpoint) (\(page)) failed after \(attempts) attempts; last fault: \(lastFault)"
        case .insecureAPIURL(let url):
            return "refusing to send the secret key to \(url): the API URL must use https (plain http is allowed only for loopback addresses)"
        case .invalidAPIURL(let url):
            return "the API URL \(url) is not a valid http(s) URL"
        }
    }
}

extension Result where Failure == ClerkReadError {
    /// Runs a typed-throwing read and keeps its outcome, for task groups whose children cannot throw.
    static func catching(_ body: () async throws(ClerkReadError) -> Success) async -> Self {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
