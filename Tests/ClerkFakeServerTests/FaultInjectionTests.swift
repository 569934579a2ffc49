import Foundation
import Testing

@testable import ClerkFakeServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Fault injection")
struct FaultInjectionTests {
    let acceptedKey = "sk_test_fake_key_for_tests"

    @Test func wrongOrMissingKeyIs401AndTheRightKeyIsServed() async throws {
        let behavior = FakeServerBehavior(acceptedSecretKey: acceptedKey)
        try await withFakeServer(TestTenants.small, behavior: behavior) { server, client in
            #expect(try await client.get("/v1/users").status == 200)

            var wrong = FakeAPIClient(baseURL: client.baseURL, secretKey: "sk_test_someone_else")
            let refused = try await wrong.get("/v1/users")
            #expect(refused.status == 401)
            #expect(try refused.errorCode() == "clerk_key_invalid")

            wrong = FakeAPIClient(baseURL: client.baseURL, secretKey: nil)
            let missing = try await wrong.get("/v1/users")
            #expect(missing.status == 401)
            #expect(try missing.errorCode() == "authorization_header_format_invalid")

            #expect(server.stats.unauthorized == 2)
            let log = server.requestLog.sorted { $0.sequence < $1.sequence }
            #expect(log.map(\.status) == [200, 401, 401])
            #expect(log.map(\.authorization) == ["Bearer \(acceptedKey)", "Bearer sk_test_someone_else", nil])
            #expect(log.allSatisfy { !$0.query.contains("sk_test") && !$0.path.contains("sk_test") })
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterAndCountsEveryResponse() async throws {
        let behavior = FakeServerBehavior(rateLimit: .init(requests: 3, windowSeconds: 60))
        try await withFakeServer(TestTenants.small, behavior: behavior) { server, client in
            for expectedRemaining in [2, 1, 0] {
                let answer = try await client.get("/v1/users/count")
                #expect(answer.status == 200)
                #expect(answer.header("X-RateLimit-Limit") == "3")
                #expect(answer.header("X-RateLimit-Remaining") == "\(expectedRemaining)")
                let reset = try #require(answer.header("X-RateLimit-Reset").flatMap { Int($0) })
                #expect((1...60).contains(reset))
                #expect(answer.header("Retry-After") == nil)
            }
            let limited = try await client.get("/v1/users/count")
            #expect(limited.status == 429)
            #expect(try limited.errorCode() == "too_many_requests")
            let retryAfter = try #require(limited.header("Retry-After").flatMap { Int($0) })
            #expect((1...60).contains(retryAfter))
            #expect(limited.header("X-RateLimit-Limit") == "3")
            #expect(limited.header("X-RateLimit-Remaining") == "0")
            #expect(limited.header("X-RateLimit-Reset") == "\(retryAfter)")
            #expect(server.stats.rateLimited == 1)
            #expect(server.stats.totalRequests == 4)
        }
    }

    @Test func rateLimitHeadersCanBeLeftOutAsClerkDoes() async throws {
        let behavior = FakeServerBehavior(
            rateLimit: .init(requests: 1, windowSeconds: 60), sendsRateLimitHeaders: false)
        try await withFakeServer(TestTenants.small, behavior: behavior) { _, client in
            let admitted = try await client.get("/v1/users/count")
            let limited = try await client.get("/v1/users/count")
            #expect(admitted.status == 200)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") != nil)
            for answer in [admitted, limited] {
                #expect(!answer.headers.keys.contains { $0.lowercased().hasPrefix("x-ratelimit") })
            }
        }
    }

    @Test func rateLimitWindowOpensAgainAfterRetryAfter() async throws {
        let behavior = FakeServerBehavior(rateLimit: .init(requests: 2, windowSeconds: 3))
        try await withFakeServer(TestTenants.small, behavior: behavior) { _, client in
            // On a loaded machine a window can close between two requests and admit two more: what must hold
            // is that no window admits a third, so keep asking until one refuses.
            var admitted = 0
            var limited: FakeAPIClient.Answer?
            for _ in 0..<12 {
                let answer = try await client.get("/v1/users/count")
                if answer.status == 429 {
                    limited = answer
                    break
                }
                #expect(answer.status == 200)
                admitted += 1
            }
            let refusal = try #require(limited)
            #expect(admitted >= 2)
            let retryAfter = try #require(refusal.header("Retry-After").flatMap { Int($0) })
            #expect((1...3).contains(retryAfter))  // whole seconds, rounded up, never 0
            try await Task.sleep(for: .seconds(retryAfter))
            let afterWindow = try await client.get("/v1/users/count")
            #expect(afterWindow.status == 200)
        }
    }

    @Test(arguments: [403, 404])
    func instanceMembershipsCanBeRefused(status: Int) async throws {
        let behavior = FakeServerBehavior(refuseInstanceMemberships: status)
        try await withFakeServer(TestTenants.small, behavior: behavior) { _, client in
            let refused = try await client.get("/v1/organization_memberships?limit=10")
            #expect(refused.status == status)
            #expect(try refused.errorCode() == (status == 403 ? "authorization_invalid" : "resource_not_found"))
            let organization = TestTenants.small.organizations[0].id
            #expect(try await client.get("/v1/organizations/\(organization)/memberships").status == 200)
        }
    }

    @Test func truncatedBodiesAreInvalidJSONWithAnHonestContentLength() async throws {
        let behavior = FakeServerBehavior(truncateRate: 1)
        try await withFakeServer(TestTenants.medium, behavior: behavior) { server, client in
            let paths = [
                "/v1/users?limit=50", "/v1/users/count", "/v1/organizations", "/v1/organization_roles",
                "/v1/organization_permissions", "/v1/organization_memberships?limit=20",
            ]
            for path in paths {
                let answer = try await client.get(path)
                #expect(answer.status == 200)
                #expect(answer.header("Content-Length") == "\(answer.body.count)")
                #expect(throws: (any Error).self) { try answer.json() }
            }
            #expect(server.stats.truncatedBodies == paths.count)
            #expect(server.stats.faultsInjected == paths.count)
            let faults = server.requestLog.compactMap(\.fault)
            #expect(faults.count == paths.count)
            for fault in faults {
                guard case .truncatedBody(let kept) = fault else {
                    Issue.record("unexpected fault \(fault)")
                    continue
                }
                #expect(kept > 0)
            }
            // Error answers are never truncated: only 200s are.
            let missing = try await client.get("/v1/nothing")
            #expect(try missing.errorCode() == "resource_not_found")
        }
    }

    @Test func malformedBodiesAreValidJSONOfTheWrongShape() async throws {
        try await withFakeServer(TestTenants.small, behavior: FakeServerBehavior(malformedRate: 1)) { server, client in
            for path in ["/v1/users", "/v1/organizations", "/v1/organization_memberships"] {
                let answer = try await client.get(path)
                #expect(answer.status == 200)
                #expect(String(decoding: answer.body, as: UTF8.self) == #"{"unexpected":true}"#)
            }
            #expect(server.stats.malformedBodies == 3)
        }
    }

    /// 400 distinct URLs at a 25% failure rate: the count is a fixed property of the seed, and lies near 100.
    @Test func failureRateIsRoughlyHonoredAndTheSameOnEveryRun() async throws {
        func failingOffsets(seed: UInt64) async throws -> (offsets: [Int], statuses: Set<Int>, injected: Int) {
            let behavior = FakeServerBehavior(faultSeed: seed, failureRate: 0.25)
            return try await withFakeServer(TestTenants.medium, behavior: behavior) { server, client in
                var offsets: [Int] = []
                var statuses = Set<Int>()
                for offset in 0..<400 {
                    let answer = try await client.get("/v1/users?limit=1&offset=\(offset)")
                    if answer.status != 200 {
                        offsets.append(offset)
                        statuses.insert(answer.status)
                        if answer.status == 502 {
                            #expect(answer.header("Content-Type") == "text/html")
                        } else {
                            #expect(try ["internal_clerk_error", "service_unavailable"].contains(answer.errorCode()))
                        }
                    }
                }
                return (offsets, statuses, server.stats.serverErrorsInjected)
            }
        }
        let first = try await failingOffsets(seed: 42)
        #expect((70...130).contains(first.offsets.count))
        #expect(first.statuses == [500, 502, 503])
        #expect(first.injected == first.offsets.count)
        let again = try await failingOffsets(seed: 42)
        #expect(again.offsets == first.offsets)
        let otherSeed = try await failingOffsets(seed: 43)
        #expect(otherSeed.offsets != first.offsets)
    }

    /// A retry is a new attempt with its own roll, so a client that retries gets through.
    @Test func retriesOfTheSameURLRollAgain() async throws {
        try await withFakeServer(TestTenants.small, behavior: FakeServerBehavior(failureRate: 0.5)) { _, client in
            var statuses: [Int] = []
            for _ in 0..<40 { statuses.append(try await client.get("/v1/users?limit=5").status) }
            #expect(statuses.contains(200))
            #expect(statuses.contains { $0 >= 500 })
        }
    }

    @Test func droppedConnectionsGetNoAnswer() async throws {
        let behavior = FakeServerBehavior(dropConnectionRate: 1)
        try await withFakeServer(TestTenants.small, behavior: behavior) { server, client in
            await #expect(throws: (any Error).self) { _ = try await client.get("/v1/users") }
            #expect(server.stats.droppedConnections >= 1)
            #expect(server.requestLog.allSatisfy { $0.status == nil && $0.fault == .droppedConnection })
        }
    }

    @Test func responsesWaitForTheConfiguredDelay() async throws {
        let behavior = FakeServerBehavior(responseDelay: 0.15)
        try await withFakeServer(TestTenants.small, behavior: behavior) { _, client in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure { _ = try await client.get("/v1/users/count") }
            #expect(elapsed >= .milliseconds(150))
        }
    }
}
