import CanonicalJSON
import ClerkModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one logical GET until it yields a usable body or a final answer: paces it through the rate
/// limiter and the concurrency limit, retries faults with backoff, waits out 429s, and classifies
/// refusals. Paging lives in `LiveTenantReader`; this type knows nothing of pages.
final class ClerkHTTPClient: Sendable {
    let configuration: ClerkClientConfiguration
    let transport: any HTTPTransport
    let rateLimiter: RateLimiter
    let limiter: ConcurrencyLimiter
    let statistics: ReadStatistics
    let log: (@Sendable (RequestLogEntry) -> Void)?

    init(
        configuration: ClerkClientConfiguration, transport: any HTTPTransport, statistics: ReadStatistics,
        log: (@Sendable (RequestLogEntry) -> Void)?
    ) {
        self.configuration = configuration
        self.transport = transport
        self.statistics = statistics
        self.log = log
        rateLimiter = RateLimiter(requestsPerSecond: configuration.requestsPerSecond)
        limiter = ConcurrencyLimiter(limit: configuration.concurrency)
    }

    /// GETs `path` and decodes the body with `decode`; a body that does not decode counts as a fault.
    /// `bucket` is the collection whose statistics count the request.
    func get<T: Sendable>(
        _ path: String, query: [(String, String)], bucket: ClerkCollection, page: String,
        decode: (Data) throws(ClerkPageError) -> T
    ) async throws(ClerkReadError) -> (value: T, body: Data) {
        let request = makeRequest(path: path, query: query)
        // What errors and the log show of the request: percent-encoded as sent (never decoded back into the
        // controls an id may hold), and without the key, which a hostile server may have made an id or cursor.
        let key = configuration.secretKey
        let endpoint = key.redacting(in: path)
        let target = request.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false) }
        let pathAndQuery = key.redacting(
            in: target.map { $0.percentEncodedPath + ($0.percentEncodedQuery.map { "?" + $0 } ?? "") } ?? path)
        let policy = configuration.retry
        let clock = ContinuousClock()
        let started = clock.now
        var faults = 0
        var rateLimited = 0
        var lastFault = ""
        while true {
            if Task.isCancelled { throw .retriesExhausted(endpoint: endpoint, page: page, attempts: faults, lastFault: "cancelled") }
            await limiter.acquire()
            let wait = await rateLimiter.reserve()
            if wait > .zero {
                statistics.update(bucket) { $0.rateWait += wait }
                try? await Task.sleep(for: wait)
            }
            let sent = clock.now
            let outcome: Result<(Data, HTTPURLResponse), any Error>
            do {
                outcome = .success(try await transport.get(request))
            } catch let tooLarge as ResponseBodyTooLarge {
                await limiter.release()
                statistics.update(bucket) { $0.requests += 1 }
                log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: nil, latency: clock.now - sent, note: "body over the limit"))
                // Not retried: a server that sends too much once will do it again, and each try costs the limit.
                throw .responseTooLarge(endpoint: endpoint, page: page, limit: tooLarge.limit)
            } catch {
                outcome = .failure(error)
            }
            let inFlight = await limiter.inFlight
            await limiter.release()
            let latency = clock.now - sent
            statistics.update(bucket) { $0.requests += 1 }

            var retryDelay: Duration
            switch outcome {
            case .failure(let error):
                lastFault = "no response (\(Self.describe(error)))"
                log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: nil, latency: latency, note: lastFault))
                faults += 1
                retryDelay = policy.backoff(afterAttempt: faults)
            case .success(let (body, response)):
                let status = response.statusCode
                statistics.update(bucket) { $0.bytes += body.count }
                await observeBudgetHeaders(response, inFlight: inFlight)
                if status == 200 {
                    if key.occurs(in: body) {
                        log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: "the page holds the secret key"))
                        throw .keyInResponse(endpoint: endpoint, page: page)
                    }
                    do {
                        let value = try decode(body)
                        log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: nil))
                        return (value, body)
                    } catch {
                        lastFault = ServerText.shown("HTTP 200, but \(error)", hiding: configuration.secretKey)
                        log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: "malformed body"))
                        faults += 1
                        retryDelay = policy.backoff(afterAttempt: faults)
                    }
                } else {
                    log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: nil))
                    let clerkError = ClerkErrorBody(body, hiding: configuration.secretKey)
                    switch status {
                    case 300...399:
                        throw .redirectRefused(
                            status: status, endpoint: endpoint,
                            target: APIURLPolicy.redirectTarget(
                                response.value(forHTTPHeaderField: "Location"), from: request.url,
                                hiding: configuration.secretKey))
                    case 401:
                        throw .keyRejected(status: status, keySource: configuration.keySource, clerkMessage: clerkError.message)
                    case 403:
                        throw .keyRejected(status: status, keySource: configuration.keySource, clerkMessage: clerkError.message)
                    case 429:
                        rateLimited += 1
                        statistics.update(bucket) { $0.rateLimited += 1 }
                        // A junk or missing Retry-After is absent: back off as after any fault instead.
                        let retryAfter =
                            policy.retryAfter(response.value(forHTTPHeaderField: "Retry-After"))
                            ?? policy.backoff(afterAttempt: rateLimited)
                        await rateLimiter.rateLimited(retryAfter: retryAfter)
                        lastFault = "HTTP 429 Too Many Requests"
                        if rateLimited >= policy.maxRateLimitedAttempts {
                            throw .retriesExhausted(endpoint: endpoint, page: page, attempts: faults + rateLimited, lastFault: lastFault)
                        }
                        retryDelay = .zero  // the rate limiter now holds every request until Retry-After passes
                    case 500...599:
                        lastFault = "HTTP \(status)" + (clerkError.message.map { ": \($0)" } ?? "")
                        faults += 1
                        retryDelay = policy.backoff(afterAttempt: faults)
                    default:
                        throw .requestRejected(status: status, endpoint: endpoint, code: clerkError.code, message: clerkError.message)
                    }
                }
            }
            if faults >= policy.maxAttempts || clock.now - started + retryDelay > policy.totalTimeBudget {
                throw .retriesExhausted(endpoint: endpoint, page: page, attempts: faults + rateLimited, lastFault: lastFault)
            }
            statistics.update(bucket) { $0.retries += 1 }
            if retryDelay > .zero { try? await Task.sleep(for: retryDelay) }
        }
    }

    /// `path` is already percent-encoded (constant paths, and ids through `pathSegment`); query values are
    /// encoded here, every byte but the unreserved ones, so a cursor from the server cannot add a parameter.
    private func makeRequest(path: String, query: [(String, String)]) -> URLRequest {
        var components = URLComponents(url: configuration.apiURL, resolvingAgainstBaseURL: false)!
        let base = components.percentEncodedPath
        components.percentEncodedPath = (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
        components.percentEncodedQuery =
            query.isEmpty ? nil : query.map { PercentEncoding.queryPart($0.0) + "=" + PercentEncoding.queryPart($0.1) }.joined(separator: "&")
        var request = URLRequest(url: components.url!)
        request.httpMethod = "GET"
        request.timeoutInterval = configuration.requestTimeout
        request.setValue(configuration.secretKey.authorizationHeader, forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue(configuration.apiVersion, forHTTPHeaderField: "Clerk-API-Version")
        return request
    }

    /// Honors `X-RateLimit-Remaining`/`X-RateLimit-Reset` where a proxy or gateway sends them. Reset is
    /// read as seconds from now, or as a Unix time when it is that large; either way it is held to
    /// `retry.maxRetryAfter`, and a missing or unreadable reset waits one second.
    private func observeBudgetHeaders(_ response: HTTPURLResponse, inFlight: Int) async {
        guard let remaining = ServerHeaderValues.rateLimitRemaining(response.value(forHTTPHeaderField: "X-RateLimit-Remaining"))
        else { return }
        let cap = configuration.retry.maxRetryAfter
        let resetIn =
            ServerHeaderValues.rateLimitReset(response.value(forHTTPHeaderField: "X-RateLimit-Reset"), now: Date(), cap: cap)
            ?? min(.seconds(1), cap)
        await rateLimiter.serverBudget(remaining: remaining, resetIn: resetIn, inFlight: inFlight)
    }

    private static func describe(_ error: any Error) -> String {
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut: return "timed out"
            case .networkConnectionLost: return "connection lost"
            case .cannotConnectToHost: return "cannot connect"
            case .cannotFindHost: return "host not found"
            default: return "URL error \(urlError.code.rawValue)"
            }
        }
        return String(describing: type(of: error))
    }
}

/// Clerk's error body: `{"errors":[{"message","long_message","code"}]}`; anything else yields nils. The
/// texts are the server's, so they are kept only as `ServerText` shows them: without the key or controls.
struct ClerkErrorBody {
    var code: String?
    var message: String?

    init(_ body: Data, hiding key: SecretKey) {
        guard let document = try? JSONParser.parse(body), let first = document.objectValue?["errors"]?.arrayValue?.first?.objectValue
        else { return }
        code = first["code"]?.stringValue.map { ServerText.shown($0, hiding: key) }
        message = (first["long_message"]?.stringValue ?? first["message"]?.stringValue).map { ServerText.shown($0, hiding: key) }
    }
}
