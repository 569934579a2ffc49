import ClerkClient
import ClerkModel
import Foundation
import Testing

@Suite struct ClerkHTTPClientTests {
    static let key = SecretKey("sk_test_FAKE-unitTestKeyNotReal0123456789abcdef")!
    static let emptyRoles = #"{"data":[],"total_count":0}"#
    static let quickRetries = RetryPolicy(
        maxAttempts: 3, maxRateLimitedAttempts: 3, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5),
        maxRetryAfter: .milliseconds(50), totalTimeBudget: .seconds(10))

    static func reader(_ transport: ScriptedTransport, keySource: String = "CLERK_SECRET_KEY") -> LiveTenantReader {
        let configuration = ClerkClientConfiguration(
            apiURL: URL(string: "https://api.clerk.test")!, secretKey: key, keySource: keySource,
            concurrency: 2, requestsPerSecond: nil, retry: quickRetries)
        return LiveTenantReader(configuration: configuration, transport: transport)
    }

    @Test func sendsTheDocumentedHeadersAndPageSize() async throws {
        let transport = ScriptedTransport([.respond(status: 200, body: Self.emptyRoles)])
        let tenant = try await Self.reader(transport).read([.roles])
        #expect(tenant.roles.isEmpty)
        let request = try #require(transport.requests.first)
        #expect(request.url?.absoluteString == "https://api.clerk.test/v1/organization_roles?limit=500&offset=0")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer sk_test_FAKE-unitTestKeyNotReal0123456789abcdef")
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
        #expect(request.value(forHTTPHeaderField: "User-Agent") == "clerk-grants/\(ClerkClientConfiguration.toolVersion)")
        #expect(request.value(forHTTPHeaderField: "Clerk-API-Version") == "2025-11-10")
    }

    @Test func rejectedKeyIsNotRetriedAndNamesItsSourceNotTheKey() async {
        let body = #"{"errors":[{"message":"Invalid authentication","long_message":"The provided secret key is invalid","code":"authentication_invalid"}]}"#
        let transport = ScriptedTransport([.respond(status: 401, body: body)])
        do {
            _ = try await Self.reader(transport, keySource: "the key file given with --secret-key-file /run/key").read([.roles])
            Issue.record("a 401 was accepted")
        } catch {
            #expect(error == .keyRejected(status: 401, keySource: "the key file given with --secret-key-file /run/key", clerkMessage: "The provided secret key is invalid"))
            #expect(error.description == "Clerk rejected the secret key (HTTP 401) (The provided secret key is invalid) - check the key file given with --secret-key-file /run/key")
            #expect(!Self.key.occurs(in: error.description))
        }
        #expect(transport.requests.count == 1)
    }

    @Test func validationErrorShowsClerksCodeAndMessage() async {
        let body = #"{"errors":[{"message":"is invalid","long_message":"limit must be at most 500","code":"form_param_value_invalid"}]}"#
        let transport = ScriptedTransport([.respond(status: 422, body: body)])
        do {
            _ = try await Self.reader(transport).read([.roles])
            Issue.record("a 422 was accepted")
        } catch {
            #expect(error.description == "Clerk rejected GET /v1/organization_roles (HTTP 422): form_param_value_invalid: limit must be at most 500")
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aRedirectIsReportedByItsOriginOnlyAndNeverFollowed() async {
        let cases = [
            ("https://elsewhere.example:8443/v1/users?token=abc#x", "https://elsewhere.example:8443"),
            ("//other.example/v1", "https://other.example"),
            ("/v1/elsewhere", "https://api.clerk.test"),
            ("https://user:pw@sk_test_FAKE-unitTestKeyNotReal0123456789abcdef.example/", "https://[redacted].example"),
            ("http://bad host/\u{1B}", "an unreadable location"),
        ]
        for (location, shown) in cases {
            let transport = ScriptedTransport([.respond(status: 302, body: "", headers: ["Location": location])])
            do {
                _ = try await Self.reader(transport).read([.roles])
                Issue.record("a redirect was accepted")
            } catch {
                #expect(error == .redirectRefused(status: 302, endpoint: "/v1/organization_roles", target: shown), "\(location)")
                #expect(!Self.key.occurs(in: error.description))
            }
            #expect(transport.requests.count == 1)
        }
    }

    @Test func serverErrorsDroppedConnectionsAndMalformedBodiesAreRetried() async throws {
        let transport = ScriptedTransport([
            .respond(status: 503, body: "unavailable"),
            .fail(.networkConnectionLost),
            .respond(status: 200, body: #"{"data":[{"id":1}],"total_count":1}"#),
        ])
        do {
            _ = try await Self.reader(transport).read([.roles])
            Issue.record("exhausted retries were accepted")
        } catch {
            #expect(error.isFault && !error.isRefusal && error.status == nil)
            #expect(error.endpoint == "/v1/organization_roles")
            #expect(error.page == "offset 0")
            guard case .retriesExhausted(endpoint: _, page: _, attempts: let attempts, lastFault: let lastFault) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(attempts == 3)
            #expect(lastFault.contains("not the documented shape (data[0].id: expected string, found number)"))
        }
        #expect(transport.requests.count == 3)

        let recovering = ScriptedTransport([.respond(status: 502, body: ""), .respond(status: 200, body: Self.emptyRoles)])
        let tenant = try await Self.reader(recovering).read([.roles])
        #expect(tenant.isComplete)
        #expect(recovering.requests.count == 2)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let transport = ScriptedTransport([
            .respond(status: 429, body: #"{"errors":[{"message":"Too many requests","long_message":"","code":"too_many_requests"}]}"#, headers: ["Retry-After": "0.03"]),
            .respond(status: 200, body: Self.emptyRoles),
        ])
        let statistics = ReadStatistics()
        let configuration = ClerkClientConfiguration(
            apiURL: URL(string: "https://api.clerk.test")!, secretKey: Self.key, keySource: "CLERK_SECRET_KEY",
            requestsPerSecond: nil, retry: Self.quickRetries)
        let tenant = try await LiveTenantReader(configuration: configuration, transport: transport, statistics: statistics).read([.roles])
        #expect(tenant.isComplete)
        #expect(statistics.total.rateLimited == 1)
        #expect(statistics.total.requests == 2)
    }

    @Test func partialExportKeepsWhatWasReadAndSaysWhy() async throws {
        let transport = ScriptedTransport([.respond(status: 500, body: ""), .respond(status: 500, body: ""), .respond(status: 500, body: "")])
        let configuration = ClerkClientConfiguration(
            apiURL: URL(string: "https://api.clerk.test")!, secretKey: Self.key, keySource: "CLERK_SECRET_KEY",
            requestsPerSecond: nil, retry: Self.quickRetries)
        let tenant = try await LiveTenantReader(configuration: configuration, transport: transport, allowPartial: true).read([.roles])
        #expect(!tenant.isComplete)
        #expect(tenant.incomplete.keys.sorted() == [.roles])
        #expect(tenant.readDiagnostics.map(\.code) == [.incompleteCollection])
    }
}

@Suite struct ClientPolicyTests {
    @Test func retryAfterAcceptsSecondsAndHTTPDates() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(120))
        #expect(policy.retryAfter("3") == .seconds(3))
        #expect(policy.retryAfter("1.5") == .milliseconds(1500))
        #expect(policy.retryAfter("100000") == .seconds(120))
        let now = Date(timeIntervalSince1970: 1_795_132_800)  // Fri, 20 Nov 2026 00:00:00 GMT
        #expect(policy.retryAfter("Fri, 20 Nov 2026 00:00:10 GMT", now: now) == .seconds(10))
        #expect(policy.retryAfter("soon") == nil)
        #expect(policy.retryAfter(nil) == nil)
    }

    @Test func backoffGrowsAndStaysBounded() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(100), maxBackoff: .seconds(1))
        for attempt in 1...10 {
            let delay = policy.backoff(afterAttempt: attempt)
            let ceiling = min(Duration.milliseconds(100) * (1 << (attempt - 1)), .seconds(1))
            #expect(delay >= ceiling / 2 && delay <= ceiling)
        }
    }

    @Test(arguments: [
        ("https://api.clerk.com", "https://api.clerk.com"), ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:1", "http://localhost:1"), ("http://[::1]:9000", "http://[::1]:9000"),
        ("https://proxy.internal/", "https://proxy.internal"), ("https://api.clerk.com//", "https://api.clerk.com"),
    ])
    func acceptedAPIURLs(url: String, accepted: String) throws {
        #expect(try APIURLPolicy.validate(url).absoluteString == accepted)
    }

    /// Plain http to a host that is not literally loopback is insecure; anything that is not a plain
    /// http(s) URL is invalid. Either way the URL is shown as given.
    @Test(arguments: [
        ("http://api.clerk.com", true), ("http://10.0.0.5", true), ("http://127.0.0.1.evil.example", true),
        ("ftp://api.clerk.com", false), ("api.clerk.com", false), ("", false), ("http://localhost.:8080", true),
        ("http://localhost.evil.example", true), ("http://0127.0.0.1", true), ("http://127.1", true),
        ("http://2130706433", true), ("http://0x7f.0.0.1", true), ("http://127.0.0.1%2eevil.example", true),
        ("https://api.clerk.com?x=1", false), ("https://api.clerk.com#top", false),
    ])
    func refusedAPIURLs(url: String, insecure: Bool) {
        let expected: ClerkReadError = insecure ? .insecureAPIURL(shown: url) : .invalidAPIURL(shown: url)
        #expect(throws: expected) { try APIURLPolicy.validate(url) }
    }

    @Test func credentialsInTheURLAreRefusedWithoutEchoingThem() {
        for url in ["https://admin:hunter2@api.clerk.com", "http://admin:hunter2@127.0.0.1:8080", "https://hunter2@api.clerk.com"] {
            do {
                _ = try APIURLPolicy.validate(url)
                Issue.record("\(url) was accepted")
            } catch {
                guard case .apiURLHasCredentials(shown: let shown) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(shown.contains("://***@"))
                #expect(!error.description.contains("hunter2"))
            }
        }
        do {
            _ = try APIURLPolicy.validate("https://admin:hunter2@api clerk.com")
        } catch {
            #expect(!error.description.contains("hunter2"), "\(error)")
        }
    }

    @Test func plainHTTPNeedsEveryResolvedAddressToBeLoopback() async throws {
        let url = URL(string: "http://localhost:8080")!
        let loopback: [APIURLPolicy.ResolvedAddress] = [.ipv4(0x7F00_0001), .ipv6(Array(repeating: 0, count: 15) + [1])]
        try await APIURLPolicy.checkBeforeFirstRequest(url, resolve: { _ in loopback })
        for resolved: [APIURLPolicy.ResolvedAddress]? in [nil, [], [.ipv4(0x7F00_0001), .ipv4(0x0A00_0005)], [.ipv6([0xFE, 0x80] + Array(repeating: 0, count: 14))]] {
            await #expect(throws: ClerkReadError.insecureAPIURL(shown: "http://localhost:8080")) {
                try await APIURLPolicy.checkBeforeFirstRequest(url, resolve: { _ in resolved })
            }
        }
        // https is protected by TLS, so its host is not resolved ahead; a literal loopback address needs no resolver.
        try await APIURLPolicy.checkBeforeFirstRequest(URL(string: "https://api.clerk.com")!, resolve: { _ in nil })
        try await APIURLPolicy.checkBeforeFirstRequest(URL(string: "http://127.0.0.1:9")!)
    }

    @Test func secretKeyNeverPrintsItself() throws {
        let key = try #require(SecretKey("  sk_live_FAKE-redactionCheck0123456789abcdef\n"))
        #expect("\(key)" == "<redacted Clerk secret key>")
        #expect(String(reflecting: key) == "<redacted Clerk secret key>")
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("redactionCheck"))
        #expect(key.fingerprint.hasPrefix("sha256:") && key.fingerprint.count == 23)
        #expect(!key.fingerprint.contains("redactionCheck"))
        #expect(key.environment == .production)
        #expect(key.environment.defaultRequestsPerSecond == 25)
        #expect(SecretKey("sk_test_x y") == nil)
        #expect(SecretKey("   ") == nil)
    }
}
