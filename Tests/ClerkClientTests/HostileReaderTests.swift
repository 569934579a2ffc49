import ClerkClient
import ClerkFakeServer
import ClerkModel
import Foundation
import Testing

/// The live reader against a loopback fake server that attacks it: every case ends with a clear error or a
/// correct tenant, within a bounded time, and the key shows up in nothing the reader produces.
@Suite(.serialized) struct HostileReaderTests {
    static let keyText = "sk_test_FAKE-hostileReaderKey00000000000000"
    static let key = SecretKey(keyText)!
    static let quickRetries = RetryPolicy(
        maxAttempts: 3, maxRateLimitedAttempts: 5, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20),
        maxRetryAfter: .milliseconds(200), totalTimeBudget: .seconds(20))

    static func reader(
        _ url: URL, timeout: TimeInterval = 10, maximumResponseBytes: Int = ClerkClientConfiguration.defaultMaximumResponseBytes,
        recorder: PageRecorder? = nil
    ) -> LiveTenantReader {
        LiveTenantReader(
            configuration: ClerkClientConfiguration(
                apiURL: url, secretKey: key, keySource: "CLERK_SECRET_KEY", requestTimeout: timeout, concurrency: 4,
                requestsPerSecond: nil, retry: quickRetries, maximumResponseBytes: maximumResponseBytes),
            recorder: recorder)
    }

    static func serve<T>(
        _ tenant: FakeTenant, _ hostile: HostileAnswer?, _ configure: (inout FakeServerBehavior) -> Void = { _ in },
        _ body: (FakeClerkServer, URL) async throws -> T
    ) async throws -> T {
        var behavior = FakeServerBehavior(acceptedSecretKey: keyText, hostile: hostile)
        configure(&behavior)
        let server = FakeClerkServer(tenant: tenant, behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        return try await body(server, url)
    }

    /// Reads and returns the error, failing the test when the read succeeds.
    static func failure(_ read: () async throws(ClerkReadError) -> ClerkTenant) async -> ClerkReadError? {
        do {
            _ = try await read()
            Issue.record("the read succeeded")
            return nil
        } catch {
            #expect(!key.occurs(in: error.description), "the key is in \(error)")
            return error
        }
    }

    static let small = FakeTenant.generate(FakeTenantSpec(users: 30, organizations: 4, memberships: 40))

    // Uncapped, a Retry-After of 1e20 s would sleep for ages: the time limit turns that into a failure
    // rather than a hung run.
    @Test(.timeLimit(.minutes(3))) func hugeRetryAfterIsCappedAndJunkFallsBackToBackoff() async throws {
        for value in ["99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT", "inf", "nan", "-5", "1e17"] {
            try await Self.serve(Self.small, .rateLimited(retryAfter: value, times: 1)) { server, url in
                let started = ContinuousClock.now
                let tenant = try await Self.reader(url).read([.roles])
                #expect(tenant.isComplete)
                #expect(tenant.roles.count == Self.small.roles.count)
                #expect(server.stats.rateLimited == 1, "Retry-After \(value)")
                // Capped at 200 ms here (60 s by default); uncapped, the first two would sleep for ages. The
                // bound is loose: with the whole suite running beside it on two cores, this read has taken 42 s
                // (the suite alone takes under 3 s).
                #expect(ContinuousClock.now - started < .seconds(120), "Retry-After \(value)")
            }
        }
    }

    @Test func junkRateLimitHeadersNeitherTrapNorStall() async throws {
        for (remaining, reset) in [("0", "nan"), ("0", "inf"), ("0", "99999999999999999999"), ("-1", "-5"), ("99999999999999999999", "1e17")] {
            try await Self.serve(Self.small, .rateLimitHeaders(remaining: remaining, reset: reset)) { _, url in
                let started = ContinuousClock.now
                let tenant = try await Self.reader(url).read(ClerkCollection.defaultSet)
                #expect(tenant.isComplete)
                #expect(ContinuousClock.now - started < .seconds(30), "remaining \(remaining), reset \(reset)")
            }
        }
    }

    @Test func repeatedPagesEndWithAnErrorNamingEndpointAndOffset() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 1_200, organizations: 3, memberships: 1_600))
        try await Self.serve(tenant, .repeatFirstPage) { server, url in
            let membershipError = await Self.failure { () async throws(ClerkReadError) in try await Self.reader(url).read([.memberships]) }
            #expect(membershipError == .pagingStalled(endpoint: "/v1/organization_memberships", page: "offset 500"))
            // The first page, then at most one window of pages ahead.
            #expect(server.stats.requestsByPath["/v1/organization_memberships"].map { $0 <= 1 + 8 } == true)

            // Users page by cursor: a second page equal to the first means the cursor is ignored, and the
            // offset page after it repeats again.
            let userError = await Self.failure { () async throws(ClerkReadError) in try await Self.reader(url).read([.users]) }
            #expect(userError == .pagingStalled(endpoint: "/v1/users", page: "offset 500"))
            #expect(server.stats.requestsByPath["/v1/users"] == 3)
            #expect(userError?.description.hasPrefix("GET /v1/users (offset 500) returned a full page of objects that earlier pages had already returned") == true)
        }
    }

    @Test func aBillionAnnouncedCostsOneWindowOfRequests() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 40, organizations: 1_200, memberships: 1_300))
        try await Self.serve(tenant, .announcedTotalCount(1_000_000_000)) { server, url in
            let read = try await Self.reader(url).read([.organizations, .memberships])
            #expect(read.isComplete)
            #expect(Set(read.organizations.map(\.id)) == Set(tenant.organizations.map(\.id)))
            #expect(Set(read.memberships.map(\.id)) == Set(tenant.memberships.map(\.id)))
            #expect(read.readDiagnostics.map(\.code) == [.countMismatch, .countMismatch])
            // Three real pages each, and at most one window (2 × concurrency) of requests past the end.
            #expect(server.stats.requestsByPath["/v1/organizations"].map { $0 <= 3 + 8 } == true)
            #expect(server.stats.requestsByPath["/v1/organization_memberships"].map { $0 <= 3 + 8 } == true)
        }
    }

    @Test func aDrippedBodyTimesOutLikeAnyOtherTimeout() async throws {
        // 2 ms per byte keeps every byte well inside any idle timeout, but the roles page takes seconds.
        try await Self.serve(Self.small, .drippedBody(firstAttempts: 100, secondsPerByte: 0.002)) { _, url in
            let started = ContinuousClock.now
            let error = await Self.failure { () async throws(ClerkReadError) in try await Self.reader(url, timeout: 0.3).read([.roles]) }
            #expect(error == .retriesExhausted(endpoint: "/v1/organization_roles", page: "offset 0", attempts: 3, lastFault: "no response (timed out)"))
            // Each attempt alone would drip for 20 s without the total deadline.
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func anOversizedBodyIsAFaultNotAnAllocation() async throws {
        for announced in [true, false] {
            try await Self.serve(Self.small, .oversizedBody(bytes: 4 << 20, announced: announced)) { server, url in
                let error = await Self.failure { () async throws(ClerkReadError) in
                    try await Self.reader(url, maximumResponseBytes: 256 << 10).read([.roles])
                }
                #expect(error == .responseTooLarge(endpoint: "/v1/organization_roles", page: "offset 0", limit: 256 << 10))
                #expect(server.stats.totalRequests == 1, "not retried")
            }
        }
    }

    /// The body would only start after 60 s, past the 30 s timeout: only the `Content-Length` check can end
    /// the read sooner.
    @Test func anAnnouncedOversizedBodyIsRefusedBeforeItIsRead() async throws {
        try await Self.serve(Self.small, .oversizedBody(bytes: 4 << 20, announced: true, secondsPerChunk: 60)) { _, url in
            let started = ContinuousClock.now
            let error = await Self.failure { () async throws(ClerkReadError) in
                try await Self.reader(url, timeout: 30, maximumResponseBytes: 256 << 10).read([.roles])
            }
            #expect(error == .responseTooLarge(endpoint: "/v1/organization_roles", page: "offset 0", limit: 256 << 10))
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func textFromTheServerIsShownWithoutTheKeyOrControls() async throws {
        for status in [401, 422, 500] {
            try await Self.serve(Self.small, .errorEchoingAuthorization(status: status)) { _, url in
                let error = await Self.failure { () async throws(ClerkReadError) in try await Self.reader(url).read([.roles]) }
                let text = error?.description ?? ""
                #expect(text.contains(#"rejected Bearer [redacted] \u{1B}]0;owned\u{7} \u{202E}gnp.exe"#), "\(text)")
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
                if status == 422 { #expect(text.contains(#"hostile\u{1B}[2J\u{9B}31m"#)) }
            }
        }
    }

    /// An id that would bend a path (`/`, `..`, `?`, `#`, a space) is a malformed page where it is decoded,
    /// so it never reaches a request path or a file name; `PercentEncoding.pathSegment` is the second wall
    /// (`ServerValueTests.idsAreOneOpaquePathSegment`).
    @Test func organizationIDsCannotBendTheRequestPathOrTheRecordingFolder() async throws {
        var tenant = FakeTenant.generate(FakeTenantSpec(users: 20, organizations: 3, memberships: 30))
        let hostileID = "org_x/../../y?z=1#w v"
        let renamed = tenant.organizations[0].id
        tenant.organizations[0].id = hostileID
        for index in tenant.memberships.indices where tenant.memberships[index].organizationID == renamed {
            tenant.memberships[index].organizationID = hostileID
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.serve(tenant, nil, { $0.refuseInstanceMemberships = 404 }) { server, url in
            let recorder = try PageRecorder(folder: folder.appendingPathComponent("rec"), instance: Self.key.fingerprint)
            let error = await #expect(throws: ClerkReadError.self) {
                _ = try await Self.reader(url, recorder: recorder).read([.memberships])
            }
            let message = error.map { "\($0)" } ?? ""
            #expect(message.contains("GET /v1/organizations (offset 0)"), "\(message)")
            #expect(message.contains(#"data[0].id: "org_x/../../y?z=1#w v" is not a Clerk id"#), "\(message)")
            let paths = server.requestLog.map(\.path)
            #expect(!paths.contains { $0.contains("/memberships") && $0.hasPrefix("/v1/organizations/") })
            #expect(!paths.contains { $0.contains("/../") || $0.contains("%2E%2E") })
        }
        // Nothing was written outside the recording folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rec"])
    }

    /// A server that knows the key can put it in a page (here as an organization id): the read ends at that
    /// page, which is neither retried, recorded nor used to build a request, and the key is in no log line.
    @Test func aPageHoldingTheKeyEndsTheReadAndReachesNoLogOrRecording() async throws {
        var tenant = FakeTenant.generate(FakeTenantSpec(users: 20, organizations: 3, memberships: 30))
        let renamed = tenant.organizations[1].id
        tenant.organizations[1].id = Self.keyText
        for index in tenant.memberships.indices where tenant.memberships[index].organizationID == renamed {
            tenant.memberships[index].organizationID = Self.keyText
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-keyid-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = LogLines()
        try await Self.serve(tenant, nil, { $0.refuseInstanceMemberships = 404 }) { server, url in
            let configuration = ClerkClientConfiguration(
                apiURL: url, secretKey: Self.key, keySource: "CLERK_SECRET_KEY", requestsPerSecond: nil, retry: Self.quickRetries)
            let recorder = try PageRecorder(folder: folder, instance: Self.key.fingerprint)
            await #expect(throws: ClerkReadError.keyInResponse(endpoint: "/v1/organizations", page: "offset 0")) {
                _ = try await LiveTenantReader(configuration: configuration, recorder: recorder, log: lines.append)
                    .read([.organizations, .memberships])
            }
            // Not retried, and no request was built from the page.
            #expect(server.requestLog.filter { $0.path == "/v1/organizations" }.count == 1)
            #expect(!server.requestLog.contains { $0.path.contains("/memberships") && $0.path.hasPrefix("/v1/organizations/") })
        }
        #expect(lines.text.split(separator: "\n").filter { $0.hasPrefix("GET /v1/organizations?") } == ["GET /v1/organizations?limit=500&offset=0&include_members_count=true 200"])
        #expect(!lines.text.contains(Self.keyText))
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            #expect(!file.contains(Self.keyText))
            let contents = (try? Data(contentsOf: folder.appendingPathComponent(file))) ?? Data()
            #expect(contents.range(of: Data(Self.keyText.utf8)) == nil, "\(file) holds the key")
        }
        #expect(!"\(ClerkReadError.keyInResponse(endpoint: "/v1/organizations", page: "offset 0"))".contains(Self.keyText))
    }

    @Test func aRecordingFolderInUseIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-inuse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try PageRecorder(folder: folder, instance: "sha256:aaaa")
        #expect(throws: ClerkReadError.recordingFolderInUse(path: folder.path)) {
            try PageRecorder(folder: folder, instance: "sha256:bbbb")
        }
        // An empty folder, or one holding only unrelated files, is fine.
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: other.appendingPathComponent("README"))
        _ = try PageRecorder(folder: other, instance: "sha256:cccc")
        let mode = try FileManager.default.attributesOfItem(atPath: other.appendingPathComponent("users").path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }
}
