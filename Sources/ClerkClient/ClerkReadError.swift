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
    /// The server answered with a redirect (to `target`, scheme, host and port only); it is never followed,
    /// because following it would hand the key to whoever the server names.
    case redirectRefused(status: Int, endpoint: String, target: String)
    /// A response body was longer than the per-page limit (`Content-Length`, or counted while reading).
    case responseTooLarge(endpoint: String, page: String, limit: Int)
    /// A full page brought no object that earlier pages had not already brought: a server that repeats
    /// itself would otherwise be paged forever.
    case pagingStalled(endpoint: String, page: String)
    /// A page carried the secret key itself (in an id, a name, anywhere): the server, or whoever wrote that
    /// tenant data, holds the key. Nothing of the page is kept, so the key reaches no snapshot or recording.
    case keyInResponse(endpoint: String, page: String)
    /// The API URL would send the key in clear text to another machine (`shown`: the URL as it may be
    /// printed, bounded and escaped).
    case insecureAPIURL(shown: String)
    /// The API URL is not an http(s) URL, or carries a query or fragment.
    case invalidAPIURL(shown: String)
    /// The API URL carries a user name or password (`shown` has them replaced by `***`).
    case apiURLHasCredentials(shown: String)
    /// `--record` was pointed at a folder that already holds a recording; mixing two would corrupt both.
    case recordingFolderInUse(path: String)

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
        case .redirectRefused(let status, let endpoint, let target):
            return "GET \(endpoint) answered with a redirect (HTTP \(status)) to \(target); redirects are never followed, so the secret key goes only to the API URL it was given for - check --api-url or CLERK_API_URL"
        case .responseTooLarge(let endpoint, let page, let limit):
            return "GET \(endpoint) (\(page)) answered with a body over the \(limit / (1 << 20)) MiB limit per page; nothing of it was kept"
        case .pagingStalled(let endpoint, let page):
            return "GET \(endpoint) (\(page)) returned a full page of objects that earlier pages had already returned, so paging stopped rather than loop (the server repeats its pages, or the list changed heavily while it was read)"
        case .keyInResponse(let endpoint, let page):
            return "GET \(endpoint) (\(page)) answered with a page that contains the secret key itself; nothing was written. Treat the key as exposed: rotate it in the Clerk Dashboard, and find out how it reached the tenant's data or the server at the API URL"
        case .apiURLHasCredentials(let url):
            return "the API URL \(url) carries a user name or password; remove them (the secret key is the only credential sent)"
        case .recordingFolderInUse(let path):
            return "--record \(path): the folder already holds a recording; choose an empty or new folder so two exports are never mixed"
        case .insecureAPIURL(let url):
            return "refusing to send the secret key to \(url): the API URL must use https (plain http is allowed only for loopback addresses)"
        case .invalidAPIURL(let url):
            return "the API URL \(url) is not a valid http(s) URL"
        }
    }
}

extension ClerkReadError {
    /// A fault of the server or the network, after which the collection is incomplete but the run can go on
    /// with `--allow-partial`; every other error ends the export.
    public var isFault: Bool {
        switch self {
        case .retriesExhausted, .responseTooLarge, .pagingStalled: return true
        default: return false
        }
    }

    /// Clerk answered and refused: the key (401, 403) or the request (400, 404, 422, ...). Retrying would
    /// not help.
    public var isRefusal: Bool {
        switch self {
        case .keyRejected, .requestRejected: return true
        default: return false
        }
    }

    /// An answer that is neither data nor a fault but a reason to stop trusting the server: a redirect
    /// (never followed) or a page holding the key. `--allow-partial` excuses neither.
    public var isUntrustedAnswer: Bool {
        switch self {
        case .redirectRefused, .keyInResponse: return true
        default: return false
        }
    }

    /// The problem is in what this run was given (a fixture folder, the API URL, the recording folder),
    /// not in what a server answered.
    public var isLocalInput: Bool { !isFault && !isRefusal && !isUntrustedAnswer }

    /// The HTTP status of the answer that ended the read, when a server answered.
    public var status: Int? {
        switch self {
        case .keyRejected(let status, _, _), .requestRejected(let status, _, _, _), .redirectRefused(let status, _, _):
            return status
        default: return nil
        }
    }

    /// The endpoint (path and query as sent, without the key) of the request that failed, when there was one.
    public var endpoint: String? {
        switch self {
        case .requestRejected(_, let endpoint, _, _), .retriesExhausted(let endpoint, _, _, _),
            .redirectRefused(_, let endpoint, _), .responseTooLarge(let endpoint, _, _), .pagingStalled(let endpoint, _),
            .keyInResponse(let endpoint, _):
            return endpoint
        default: return nil
        }
    }

    /// Which page of the endpoint failed (`offset 500`, `cursor user_...`), when the error names one.
    public var page: String? {
        switch self {
        case .retriesExhausted(_, let page, _, _), .responseTooLarge(_, let page, _), .pagingStalled(_, let page),
            .keyInResponse(_, let page):
            return page
        default: return nil
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
