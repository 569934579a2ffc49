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
    func get<T: Sendable>(
        _ path: String, query: [(String, String)], bucket: String, page: String,
        decode: (Data) throws(ClerkPageError) -> T
    ) async throws(ClerkReadError) -> (value: T, body: Data) {
        let request = makeRequest(path: path, query: query)
        let pathAndQuery = request.url.map { $0.path + ($0.query.map { "?\($0)" } ?? "") } ?? path
        let policy = configuration.retry
        let clock = ContinuousClock()
        let started = clock.now
        var faults = 0
        var rateLimited = 0
        var lastFault = ""
        while true {
            if Task.isCancelled { throw .retriesExhausted(endpoint: path, page: page, attempts: faults, lastFault: "cancelled") }
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
                    do {
                        let value = try decode(body)
                        log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: nil))
                        return (value, body)
                    } catch {
                        lastFault = "HTTP 200 with a body that \(error)"
                        log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: "malformed body"))
                        faults += 1
                        retryDelay = policy.backoff(afterAttempt: faults)
                    }
                } else {
                    log?(RequestLogEntry(method: "GET", pathAndQuery: pathAndQuery, status: status, latency: latency, note: nil))
                    let clerkError = ClerkErrorBody(body)
                    switch status {
                    case 401:
                        throw .keyRejected(status: status, keySource: configuration.keySource, clerkMessage: clerkError.message)
                    case 403:
                        throw .keyRejected(status: status, keySource: configuration.keySource, clerkMessage: clerkError.message)
                    case 429:
                        rateLimited += 1
                        statistics.update(bucket) { $0.rateLimited += 1 }
                        let retryAfter = policy.retryAfter(response.value(forHTTPHeaderField: "Retry-After"))
                        await rateLimiter.rateLimited(retryAfter: retryAfter)
                        lastFault = "HTTP 429 Too Many Requests"
                        if rateLimited >= policy.maxRateLimitedAttempts {
                            throw .retriesExhausted(endpoint: path, page: page, attempts: faults + rateLimited, lastFault: lastFault)
                        }
                        retryDelay = .zero  // the rate limiter now holds every request until Retry-After passes
                    case 500...599:
                        lastFault = "HTTP \(status)" + (clerkError.message.map { ": \($0)" } ?? "")
                        faults += 1
                        retryDelay = policy.backoff(afterAttempt: faults)
                    default:
                        throw .requestRejected(status: status, endpoint: path, code: clerkError.code, message: clerkError.message)
                    }
                }
            }
            if faults >= policy.maxAttempts || clock.now - started + retryDelay > policy.totalTimeBudget {
                throw .retriesExhausted(endpoint: path, page: page, attempts: faults + rateLimited, lastFault: lastFault)
            }
            statistics.update(bucket) { $0.retries += 1 }
            if retryDelay > .zero { try? await Task.sleep(for: retryDelay) }
        }
    }

    private func makeRequest(path: String, query: [(String, String)]) -> URLRequest {
        var components = URLComponents(url: configuration.apiURL, resolvingAgainstBaseURL: false)!
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
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
    /// read as seconds from now, or as a Unix time when it is that large.
    private func observeBudgetHeaders(_ response: HTTPURLResponse, inFlight: Int) async {
        guard let remainingText = response.value(forHTTPHeaderField: "X-RateLimit-Remaining"),
            let remaining = Int(remainingText.trimmingCharacters(in: .whitespaces))
        else { return }
        var resetSeconds = 1.0
        if let resetText = response.value(forHTTPHeaderField: "X-RateLimit-Reset"),
            let reset = Double(resetText.trimmingCharacters(in: .whitespaces))
        {
            resetSeconds = reset > 1_000_000_000 ? reset - Date().timeIntervalSince1970 : reset
        }
        let resetIn = Duration.milliseconds(Int64(max(0, min(resetSeconds, 120)) * 1000))
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

/// Clerk's error body: `{"errors":[{"message","long_message","code"}]}`; anything else yields nils.
struct ClerkErrorBody {
    var code: String?
    var message: String?

    init(_ body: Data) {
        guard let document = try? JSONParser.parse(body), let first = document.objectValue?["errors"]?.arrayValue?.first?.objectValue
        else { return }
        code = first["code"]?.stringValue
        message = first["long_message"]?.stringValue ?? first["message"]?.stringValue
    }
}
