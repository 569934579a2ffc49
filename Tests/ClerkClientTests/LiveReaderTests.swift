import ClerkClient
import ClerkFakeServer
import ClerkModel
import Foundation
import Synchronization
import Testing

/// The live reader against the loopback fake Clerk server: real HTTP, real paging, injected faults.
@Suite(.serialized) struct LiveReaderTests {
    static let keyText = "sk_test_FAKE-loopbackKeyForTests000000000000"
    static let key = SecretKey(keyText)!
    static let quickRetries = RetryPolicy(
        maxAttempts: 4, maxRateLimitedAttempts: 50, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(40),
        maxRetryAfter: .seconds(2), totalTimeBudget: .seconds(30))

    static func withServer<T>(
        _ spec: FakeTenantSpec, _ behavior: FakeServerBehavior = FakeServerBehavior(acceptedSecretKey: keyText),
        _ body: (FakeClerkServer, URL) async throws -> T
    ) async throws -> T {
        let server = FakeClerkServer(tenant: FakeTenant.generate(spec), behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        return try await body(server, url)
    }

    static func reader(
        _ url: URL, key: SecretKey = key, timeout: TimeInterval = 10, rate: Double? = nil, concurrency: Int = 4,
        allowPartial: Bool = false, statistics: ReadStatistics = ReadStatistics(), recorder: PageRecorder? = nil,
        refusal: CollectionRefusal = CollectionRefusal(), log: (@Sendable (RequestLogEntry) -> Void)? = nil
    ) -> LiveTenantReader {
        let configuration = ClerkClientConfiguration(
            apiURL: url, secretKey: key, keySource: "CLERK_SECRET_KEY", requestTimeout: timeout,
            concurrency: concurrency, requestsPerSecond: rate, retry: quickRetries)
        return LiveTenantReader(
            configuration: configuration, statistics: statistics, recorder: recorder, allowPartial: allowPartial,
            refusal: refusal, log: log)
    }

    static let all = ClerkCollection.defaultSet

    /// Pages a collection of `count` objects needs: full pages, plus one empty page when the last is full.
    static func minimumRequests(_ count: Int) -> Int { count / 500 + 1 }

    @Test func requestCountIsTheMinimumThePageSizeAllows() async throws {
        let spec = FakeTenantSpec(users: 1000, organizations: 730, memberships: 1499, customRoles: 2, customPermissions: 3)
        try await Self.withServer(spec) { server, url in
            let tenant = try await Self.reader(url).read(Self.all)
            #expect(tenant.isComplete)
            #expect(tenant.users.count == 1000)
            #expect(tenant.organizations.count == 730)
            #expect(tenant.memberships.count == 1499)
            let stats = server.stats
            #expect(stats.requestsByPath["/v1/users"] == Self.minimumRequests(1000))  // 2 full pages + 1 empty
            #expect(stats.requestsByPath["/v1/users/count"] == 1)
            #expect(stats.requestsByPath["/v1/organizations"] == Self.minimumRequests(730))
            #expect(stats.requestsByPath["/v1/organization_memberships"] == Self.minimumRequests(1499))
            #expect(stats.requestsByPath["/v1/organization_roles"] == 1)
            #expect(stats.requestsByPath["/v1/organization_permissions"] == 1)
            // Snapshot 1.1's collections are each under 500 here: one page apiece, and one settings request.
            #expect(stats.requestsByPath["/v1/role_sets"] == 1)
            #expect(stats.requestsByPath["/v1/organization_invitations"] == 1)
            #expect(stats.requestsByPath["/v1/organization_domains"] == 1)
            #expect(stats.requestsByPath["/v1/instance/organization_settings"] == 1)
            #expect(stats.requestsByPath["/v1/enterprise_connections"] == 1)
            #expect(stats.requestsByPath["/v1/machines"] == 1)
            #expect(stats.totalRequests == 3 + 1 + 2 + 3 + 1 + 1 + 6)
            #expect(tenant.readDiagnostics.isEmpty)
        }
    }

    @Test func cursorPagingIsImmuneToUsersInsertedWhileReading() async throws {
        let spec = FakeTenantSpec(users: 2600, organizations: 10, memberships: 50)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.insertUsersDuringPaging = FakeServerBehavior.UserInsertion(count: 40, afterUserRequests: 2)
        try await Self.withServer(spec, behavior) { server, url in
            let tenant = try await Self.reader(url, concurrency: 1).read([.users])
            let ids = tenant.users.map(\.id)
            #expect(Set(ids).count == ids.count, "a user was read twice")
            let original = Set(FakeTenant.generate(spec).users.map(\.id))
            #expect(original.isSubset(of: Set(ids)), "a user that existed before the export was missed")
            #expect(server.stats.usersInserted == 40)
        }
    }

    @Test func ignoredCursorFallsBackToOffsetsAndSaysSo() async throws {
        let spec = FakeTenantSpec(users: 1200, organizations: 5, memberships: 10)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.ignoreUserCursor = true
        try await Self.withServer(spec, behavior) { _, url in
            let tenant = try await Self.reader(url).read([.users])
            #expect(Set(tenant.users.map(\.id)).count == 1200)
            #expect(tenant.users.count == 1200)
            #expect(tenant.readDiagnostics.map(\.code) == [.cursorIgnored])
        }
    }

    @Test func refusedInstanceMembershipsFallBackToPerOrganizationListing() async throws {
        let spec = FakeTenantSpec(users: 300, organizations: 40, memberships: 900)
        for status in [404, 403] {
            var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
            behavior.refuseInstanceMemberships = status
            try await Self.withServer(spec, behavior) { server, url in
                let tenant = try await Self.reader(url).read([.memberships])
                #expect(Set(tenant.memberships.map(\.id)) == Set(FakeTenant.generate(spec).memberships.map(\.id)))
                #expect(tenant.readDiagnostics.map(\.code) == [.membershipsPerOrganization])
                #expect(server.stats.requestsByPath["/v1/organizations"] == 1)
            }
        }
    }

    @Test func truncatedMalformedAndDroppedResponsesAreRetriedToCompletion() async throws {
        let spec = FakeTenantSpec(users: 1500, organizations: 600, memberships: 2000)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.truncateRate = 0.08
        behavior.malformedRate = 0.08
        behavior.dropConnectionRate = 0.05
        behavior.failureRate = 0.08
        try await Self.withServer(spec, behavior) { server, url in
            let statistics = ReadStatistics()
            let tenant = try await Self.reader(url, statistics: statistics).read(Self.all)
            #expect(tenant.isComplete)
            #expect(Set(tenant.memberships.map(\.id)) == Set(FakeTenant.generate(spec).memberships.map(\.id)))
            #expect(tenant.users.count == 1500)
            #expect(statistics.total.retries > 0)
            #expect(server.stats.faultsInjected > 0)
        }
    }

    @Test func slowServerTimesOutAndFailsNamingEndpointAndPage() async throws {
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.responseDelay = 1.0
        try await Self.withServer(FakeTenantSpec(users: 10, organizations: 2, memberships: 3), behavior) { _, url in
            do {
                _ = try await Self.reader(url, timeout: 0.2).read([.roles])
                Issue.record("a timed-out export succeeded")
            } catch {
                #expect("\(error)".hasPrefix("GET /v1/organization_roles (offset 0) failed after 4 attempts; last fault: no response (timed out)"))
            }
        }
    }

    @Test func throttlingServerIsWaitedOutAndAClientBudgetAvoids429s() async throws {
        let spec = FakeTenantSpec(users: 2000, organizations: 100, memberships: 3000)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 5, windowSeconds: 1)
        // As Clerk does: no X-RateLimit-* headers, so the client learns of the limit only from 429s.
        behavior.sendsRateLimitHeaders = false
        try await Self.withServer(spec, behavior) { server, url in
            let statistics = ReadStatistics()
            let tenant = try await Self.reader(url, statistics: statistics).read(Self.all)
            #expect(tenant.isComplete)
            #expect(tenant.memberships.count == 3000)
            #expect(server.stats.rateLimited > 0)
            #expect(statistics.total.rateLimited == server.stats.rateLimited)
        }
        // A proxy that announces its budget: the client slows down before it is spent. One request at a time,
        // so that every answer's budget is seen before the next request leaves: with several in flight, a
        // loaded machine can let one leave before the answer that spends the budget has been read.
        behavior.sendsRateLimitHeaders = true
        try await Self.withServer(spec, behavior) { server, url in
            let tenant = try await Self.reader(url, concurrency: 1).read(Self.all)
            #expect(tenant.isComplete)
            #expect(server.stats.rateLimited == 0)
        }
        try await Self.withServer(spec, behavior) { server, url in
            let statistics = ReadStatistics()
            let tenant = try await Self.reader(url, rate: 4, statistics: statistics).read(Self.all)
            #expect(tenant.isComplete)
            #expect(server.stats.rateLimited == 0)
            #expect(statistics.total.rateLimited == 0)
        }
    }

    @Test func rejectedKeyStopsAtOnceAndNeverAppearsInLogsOrErrors() async throws {
        let wrongText = "sk_test_FAKE-wrongKeyThatTheServerRejects00000"
        let lines = LogLines()
        try await Self.withServer(FakeTenantSpec(users: 10, organizations: 2, memberships: 3)) { server, url in
            do {
                _ = try await Self.reader(url, key: SecretKey(wrongText)!, log: lines.append).read(Self.all)
                Issue.record("a rejected key was accepted")
            } catch {
                #expect("\(error)".hasPrefix("Clerk rejected the secret key (HTTP 401)"))
                #expect("\(error)".hasSuffix("- check CLERK_SECRET_KEY"))
                #expect(!"\(error)".contains(wrongText))
            }
            // At most one request per collection before the first 401 ends the read: ten lists, the user
            // count and the organization settings (snapshot 1.1 added six to the 1.0 reader's six).
            #expect(server.stats.totalRequests <= 12)
        }
        #expect(!lines.text.isEmpty)
        #expect(!lines.text.contains("wrongKeyThatTheServer"))
    }

    @Test func recordedPagesReplayOfflineToTheSameTenant() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = FakeTenantSpec(users: 700, organizations: 30, memberships: 900)
        try await Self.withServer(spec) { _, url in
            let recorder = try PageRecorder(folder: folder, instance: Self.key.fingerprint)
            let live = try await Self.reader(url, recorder: recorder).read(Self.all)
            let replayed = try await FixtureReader(folder: folder).read(Self.all)
            #expect(replayed.users == live.users)
            #expect(Set(replayed.memberships.map(\.id)) == Set(live.memberships.map(\.id)))
            #expect(replayed.roles.count == live.roles.count)
            #expect(try FixtureReader(folder: folder).instance == Self.key.fingerprint)
            let recorded = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            for file in recorded where file.hasSuffix(".json") || file.hasSuffix(".txt") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains(Self.keyText), "\(file) holds the key")
            }
        }
    }
}

/// Collects log lines from concurrent requests.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var append: @Sendable (RequestLogEntry) -> Void {
        { entry in self.lines.withLock { $0.append("\(entry.method) \(entry.pathAndQuery) \(entry.status ?? 0)") } }
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}
