import CanonicalJSON
import ClerkFakeServer
import ClerkModel
import Foundation
import SnapshotFormat
import Testing

/// `export --sessions` end to end: the whole CLI against the loopback fake server, under faults and
/// throttling. Each user in scope carries exactly its active sessions as the tenant's truth has them (and
/// no other user carries any), one successful session request is made per user in scope, the plan line says
/// so first, and the review finds the banned and locked users with an active session.
@Suite(.serialized) struct LiveSessionExportTests {
    static let spec = FakeTenantSpec(users: 200, organizations: 40, memberships: 400, customRoles: 3, customPermissions: 6, seed: 13)

    struct Export {
        var snapshot: Snapshot
        var stderr: String
        /// Answers to `GET /v1/sessions` that came back whole (200, no injected fault).
        var sessionAnswers: [FakeRequestRecord]
        var stats: FakeServerStats
        var findings: [JSONValue]
    }

    static func export(_ tenant: FakeTenant, scope: String, faulty: Bool) async throws -> Export {
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveExportTests.keyText)
        if faulty {
            behavior.failureRate = 0.1
            behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 4, windowSeconds: 1)
            behavior.sendsRateLimitHeaders = false
        }
        let server = FakeClerkServer(tenant: tenant, behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await LiveExportTests.export(url, ["--max-rps", "0", "--sessions", scope], directory: directory)
        try #require(outcome.status == 0, "\(outcome.stderr.suffix(600))")
        let review = await CommandHarness(directory: directory).run(["review", "snap.json", "--format", "json"])
        let document = try JSONParser.parse(Data(review.stdout.utf8))
        return Export(
            snapshot: try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("snap.json"))),
            stderr: outcome.stderr,
            sessionAnswers: server.requestLog.filter { $0.path == "/v1/sessions" && $0.status == 200 && $0.fault == nil },
            stats: server.stats, findings: document.objectValue?["findings"]?.arrayValue ?? [])
    }

    static func check(_ export: Export, tenant: FakeTenant, scope: String, inScope: Set<String>) throws {
        #expect(export.snapshot.complete && export.snapshot.schemaVersion == "1.2")
        #expect(export.snapshot.source.collections.contains(.sessions))
        let truth = tenant.activeSessionTruth
        let users = export.snapshot.graph.resources.filter { $0.type == .user }
        var carrying = Set<String>()
        for user in users {
            guard let count = user.attributes["active_sessions"] else {
                #expect(user.attributes["active_sessions_last_active_at"] == nil, "\(user.id)")
                continue
            }
            carrying.insert(user.clerkID)
            let expected = try #require(truth[user.clerkID])
            #expect(count.int64Value == Int64(expected.activeSessions), "\(user.id)")
            #expect(user.string("active_sessions_last_active_at") == expected.lastActiveAt.map(Timestamp.rfc3339(milliseconds:)), "\(user.id)")
        }
        #expect(carrying == inScope, "\(carrying.symmetricDifference(inScope).sorted().prefix(3))")
        // One answer per user in scope (none has more than 500 active sessions), each asking for one user.
        #expect(export.sessionAnswers.count == inScope.count)
        #expect(Set(export.sessionAnswers.map(\.query)).count == inScope.count)
        #expect(export.sessionAnswers.allSatisfy { $0.query.contains("status=active") && $0.query.contains("limit=500") })
        #expect(export.stderr.contains("sessions (\(scope)): \(inScope.count) users in scope, \(inScope.count) requests, unpaced"))

        let blocked = Set(
            tenant.users.filter { inScope.contains($0.id) && ($0.banned || $0.locked) && truth[$0.id]!.activeSessions > 0 }.map { "user:\($0.id)" })
        let found = Set(
            export.findings.compactMap { $0.objectValue }.filter { $0["rule"]?.stringValue == "active_session_blocked_user" }
                .compactMap { $0["subject"]?.stringValue })
        #expect(found == blocked)
        #expect(!blocked.isEmpty || scope == "admins")
    }

    @Test func flaggedUnderFaultsAndThrottlingEqualsTheTruth() async throws {
        let tenant = FakeTenant.generate(Self.spec)
        let export = try await Self.export(tenant, scope: "flagged", faulty: true)
        #expect(export.stats.faultsInjected > 0 && export.stats.rateLimited > 0)
        try Self.check(export, tenant: tenant, scope: "flagged", inScope: tenant.flaggedUserIDs)
    }

    @Test func adminsUnderFaultsAndThrottlingEqualsTheTruth() async throws {
        let tenant = FakeTenant.generate(Self.spec)
        let export = try await Self.export(tenant, scope: "admins", faulty: true)
        #expect(export.stats.faultsInjected > 0 && export.stats.rateLimited > 0)
        try Self.check(export, tenant: tenant, scope: "admins", inScope: tenant.adminUserIDs)
        #expect(tenant.adminUserIDs.contains { id in tenant.users.contains { $0.id == id && ($0.banned || $0.locked) } })
    }

    @Test func theFakeAndTheModelAgreeOnWhatMakesAnAdmin() {
        #expect(FakeTenant.adminPermissionKeys == ClerkPermission.adminKeys)
    }

    /// A user with over 500 active sessions costs a second page; every other user in scope one request.
    @Test func aUserWithOverFiveHundredActiveSessionsIsPagedByOffset() async throws {
        var spec = FakeTenantSpec(users: 60, organizations: 10, memberships: 120, seed: 5, usersWithManySessions: 1)
        spec.customRoles = 2
        let tenant = FakeTenant.generate(spec)
        let truth = tenant.activeSessionTruth
        let many = truth.filter { $0.value.activeSessions > 500 }
        try #require(many.count == 1)
        let export = try await Self.export(tenant, scope: "all", faulty: false)
        #expect(export.sessionAnswers.count == tenant.users.count + 1)
        #expect(export.stderr.contains("sessions (all): 60 users in scope, 60 requests, unpaced"))
        let user = try #require(export.snapshot.graph.resources.first { $0.clerkID == many.first!.key })
        #expect(user.attributes["active_sessions"] == .int(Int64(many.first!.value.activeSessions)))
    }

    /// `--record` keeps each user's pages in `sessions/<user id>/`; `--fixtures` replays them to the same
    /// snapshot, and refuses a scope the recording does not cover, or a recording made without sessions.
    @Test func recordedSessionsReplayAndAWiderScopeIsRefused() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 80, organizations: 12, memberships: 160, seed: 21))
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: LiveExportTests.keyText))
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = await LiveExportTests.export(url, ["--max-rps", "0", "--sessions", "flagged", "--record", "rec"], directory: directory)
        try #require(live.status == 0, "\(live.stderr.suffix(600))")
        let flagged = tenant.flaggedUserIDs
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("rec/sessions").path)
        #expect(Set(folders) == flagged)

        let harness = CommandHarness(directory: directory)
        let replay = await harness.run(["export", "--fixtures", "rec", "--sessions", "flagged", "--output", "replay.json"])
        try #require(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("sessions (flagged): \(flagged.count) users in scope, read from the recorded pages"))
        let original = try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("snap.json")))
        let replayed = try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("replay.json")))
        #expect(replayed.graph.resources == original.graph.resources)

        let wider = await harness.run(["export", "--fixtures", "rec", "--sessions", "all", "--output", "wider.json"])
        #expect(wider.status == 1 && wider.stderr.contains("narrower --sessions scope"), "\(wider.stderr)")
        let without = await harness.run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--sessions", "admins", "--output", "demo.json"])
        #expect(without.status == 1 && without.stderr.contains("made without --sessions"), "\(without.stderr)")
    }

    /// Sessions are asked for explicitly: a refusal fails the export, whatever `--resources` says.
    @Test func aRefusedSessionListFailsTheExport() async throws {
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 40, organizations: 8, memberships: 80, seed: 3))
        let server = FakeClerkServer(
            tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: LiveExportTests.keyText, refusedPaths: ["/v1/sessions"]))
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await LiveExportTests.export(url, ["--max-rps", "0", "--sessions", "all"], directory: directory)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("snap.json").path))
    }

    @Test func sessionsAreNotAResourcesCollection() async {
        let outcome = await CommandHarness().run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--resources", "users,sessions"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("use") || outcome.stderr.contains("--sessions admins|flagged|all"), "\(outcome.stderr)")
    }
}

@testable import ClerkGrantsCLI

@Suite struct SessionPlanTests {
    @Test func thePlanLineNamesScopeRequestsAndTime() {
        #expect(
            SessionPlan.line(scope: .admins, users: 5_000, requestsPerSecond: 25, offline: false)
                == "sessions (admins): 5000 users in scope, 5000 requests, about 3 min 20 s at 25 requests/s")
        #expect(
            SessionPlan.line(scope: .flagged, users: 1, requestsPerSecond: 2.5, offline: false)
                == "sessions (flagged): 1 user in scope, 1 request, about 1 s at 2.5 requests/s")
        #expect(SessionPlan.line(scope: .all, users: 7, requestsPerSecond: nil, offline: false) == "sessions (all): 7 users in scope, 7 requests, unpaced")
        #expect(SessionPlan.duration(7_260) == "2 h 1 min" && SessionPlan.duration(120) == "2 min" && SessionPlan.duration(0) == "0 s")
    }
}
