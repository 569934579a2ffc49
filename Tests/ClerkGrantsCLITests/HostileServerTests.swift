import ClerkFakeServer
import Foundation
import SnapshotFormat
import Testing

/// `clerk-grants export` end to end against a loopback fake server that attacks it. Each run ends with a
/// clear error (and the documented exit code) or a correct snapshot, within a bounded time, and the key is
/// in no output: not stdout, not stderr, not any file written.
@Suite(.serialized) struct HostileServerTests {
    static let keyText = "sk_test_FAKE-hostileServerKeyDoNotLeak0000000"
    static let tenant = FakeTenant.generate(FakeTenantSpec(users: 30, organizations: 4, memberships: 40))

    struct Run {
        var outcome: CommandHarness.Outcome
        var directory: URL
        var elapsed: Duration
    }

    /// Serves `tenant` with `hostile`, runs `export` against it, and checks the key leaked nowhere.
    static func export(
        _ hostile: HostileAnswer?, tenant: FakeTenant = tenant, apiURL: ((URL) -> String)? = nil, _ extra: [String] = [],
        check: (FakeClerkServer, Run) async throws -> Void
    ) async throws {
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: keyText, hostile: hostile))
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let started = ContinuousClock.now
        let outcome = await CommandHarness(environment: ["CLERK_SECRET_KEY": keyText], directory: directory).run(
            ["export", "--api-url", apiURL?(url) ?? url.absoluteString, "--output", "snap.json", "--max-rps", "0"] + extra)
        let run = Run(outcome: outcome, directory: directory, elapsed: ContinuousClock.now - started)
        try expectNoKey(in: run)
        try await check(server, run)
    }

    static func expectNoKey(in run: Run) throws {
        #expect(!run.outcome.stdout.contains(keyText))
        #expect(!run.outcome.stderr.contains(keyText))
        for file in try FileManager.default.subpathsOfDirectory(atPath: run.directory.path) {
            let contents = (try? Data(contentsOf: run.directory.appendingPathComponent(file))) ?? Data()
            #expect(contents.range(of: Data(keyText.utf8)) == nil, "\(file) holds the key")
        }
    }

    static func snapshot(_ run: Run) throws -> Snapshot {
        try SnapshotDecoder.decode(Data(contentsOf: run.directory.appendingPathComponent("snap.json")))
    }

    static func wroteNothing(_ run: Run) -> Bool {
        !FileManager.default.fileExists(atPath: run.directory.appendingPathComponent("snap.json").path)
    }

    @Test(arguments: [301, 302, 303, 307, 308])
    func redirectsAreNeverFollowed(status: Int) async throws {
        // A second listener stands where the redirects point; it must never hear from the exporter.
        let second = FakeClerkServer(tenant: Self.tenant)
        let secondURL = try second.start()
        defer { second.stop() }
        let port = secondURL.port!
        for target in ["http://127.0.0.1:\(port)", "http://localhost:\(port)", "https://127.0.0.1:\(port)"] {
            try await Self.export(.redirect(status: status, location: target + "/v1/users?limit=500")) { _, run in
                #expect(run.outcome.status == 3)
                #expect(run.outcome.stderr.contains("answered with a redirect (HTTP \(status)) to \(target); redirects are never followed"), "\(run.outcome.stderr)")
                #expect(Self.wroteNothing(run))
            }
        }
        #expect(second.stats.totalRequests == 0)
        #expect(second.requestLog.isEmpty)
    }

    @Test func junkRetryAfterIsTreatedAsAbsent() async throws {
        for value in ["inf", "nan", "1e17", "-5", "soon", "Fri, 99 Foo 2026 00:00:00 GMT"] {
            try await Self.export(.rateLimited(retryAfter: value, times: 1), ["--resources", "roles", "--quiet"]) { server, run in
                #expect(run.outcome.status == 0, "Retry-After \(value): \(run.outcome.stderr)")
                let snapshot = try Self.snapshot(run)
                #expect(snapshot.complete)
                #expect(server.stats.rateLimited == 1)
                #expect(run.elapsed < .seconds(30), "Retry-After \(value)")
            }
        }
    }

    @Test func aRepeatingServerEndsTheExportNamingEndpointAndOffset() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 600, organizations: 3, memberships: 700))
        try await Self.export(.repeatFirstPage, tenant: tenant, ["--quiet"]) { server, run in
            #expect(run.outcome.status == 3)
            #expect(run.outcome.stderr.contains("(offset 500) returned a full page of objects that earlier pages had already returned"), "\(run.outcome.stderr)")
            #expect(Self.wroteNothing(run))
            #expect(server.stats.totalRequests <= 30)
            #expect(run.elapsed < .seconds(60))
        }
    }

    @Test func anAnnouncedBillionWithAFullFirstPageStillGivesTheExactSnapshot() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 40, organizations: 600, memberships: 1_100, seed: 5))
        try await Self.export(.announcedTotalCount(1_000_000_000), tenant: tenant, ["--quiet"]) { server, run in
            #expect(run.outcome.status == 0, "\(run.outcome.stderr)")
            let snapshot = try Self.snapshot(run)
            #expect(snapshot.complete)
            let userGrants = Set(snapshot.graph.grants.filter { $0.principal.hasPrefix("user:") }.map(\.id))
            #expect(userGrants == LiveExportTests.expectedUserGrants(tenant))
            // Every collection: users through /v1/users/count, the other nine through their envelopes.
            #expect(snapshot.graph.diagnostics.filter { $0.code == .countMismatch }.count == 10)
            // Users, their count, 2 organization pages, 3 membership pages and a window past each end at most;
            // the five snapshot 1.1 lists end on their short first page, plus the organization settings.
            #expect(server.stats.totalRequests <= 2 + 2 + 3 + 2 + 2 * 8 + 6)
        }
    }

    @Test func aDrippedBodyIsCutOffByTheTotalTimeout() async throws {
        // A byte every 10 ms never trips an idle timeout, but no page arrives within the 1 s total.
        try await Self.export(.drippedBody(firstAttempts: 1, secondsPerByte: 0.01), ["--timeout", "1", "--verbose"]) { server, run in
            #expect(run.outcome.status == 0, "\(run.outcome.stderr.suffix(800))")
            let snapshot = try Self.snapshot(run)
            #expect(snapshot.complete)
            let lines = run.outcome.stderr.split(separator: "\n")
            #expect(lines.contains { $0.contains("GET /v1/organization_roles?limit=500&offset=0 --- ") && $0.hasSuffix("(no response (timed out))") }, "\(run.outcome.stderr)")
            #expect(run.outcome.stderr.contains("GET /v1/organization_roles?limit=500&offset=0 200"))
            #expect(run.elapsed < .seconds(60))
        }
    }

    @Test(arguments: [true, false])
    func anOversizedBodyFailsTheExport(announced: Bool) async throws {
        try await Self.export(.oversizedBody(bytes: 80 << 20, announced: announced), ["--resources", "roles", "--quiet"]) { server, run in
            #expect(run.outcome.status == 3)
            #expect(run.outcome.stderr.contains("GET /v1/organization_roles (offset 0) answered with a body over the 64 MiB limit per page"), "\(run.outcome.stderr)")
            #expect(Self.wroteNothing(run))
            #expect(server.stats.totalRequests == 1)
        }
    }

    @Test(arguments: [401, 422])
    func aKeyEchoedInAnErrorBodyIsRedacted(status: Int) async throws {
        try await Self.export(.errorEchoingAuthorization(status: status), ["--verbose"]) { _, run in
            #expect(run.outcome.status == 2)
            #expect(run.outcome.stderr.contains(#"rejected Bearer [redacted] \u{1B}]0;owned\u{7} \u{202E}gnp.exe"#), "\(run.outcome.stderr)")
            #expect(!run.outcome.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{9B}" || $0 == "\u{202E}" })
            #expect(Self.wroteNothing(run))
        }
    }

    @Test func credentialsInTheAPIURLAreRefusedBeforeAnyRequest() async throws {
        let withPassword: (URL) -> String = { "http://admin:hunter2@127.0.0.1:\($0.port!)" }
        try await Self.export(nil, apiURL: withPassword) { server, run in
            #expect(run.outcome.status == 1)
            #expect(run.outcome.stderr.contains("the API URL http://***@127.0.0.1:"), "\(run.outcome.stderr)")
            #expect(!run.outcome.stderr.contains("hunter2"))
            #expect(server.stats.totalRequests == 0)
        }
    }

    @Test func recordingIntoAFolderThatHoldsARecordingIsRefused() async throws {
        try await Self.export(nil, ["--record", "rec", "--quiet"]) { server, run in
            #expect(run.outcome.status == 0)
            let requests = server.stats.totalRequests
            let again = await CommandHarness(environment: ["CLERK_SECRET_KEY": Self.keyText], directory: run.directory).run(
                ["export", "--api-url", server.baseURL!.absoluteString, "--output", "again.json", "--record", "rec"])
            #expect(again.status == 1)
            #expect(again.stderr.contains("rec: the folder already holds a recording; choose an empty or new folder"), "\(again.stderr)")
            #expect(server.stats.totalRequests == requests)
            #expect(!FileManager.default.fileExists(atPath: run.directory.appendingPathComponent("again.json").path))
        }
    }
}
