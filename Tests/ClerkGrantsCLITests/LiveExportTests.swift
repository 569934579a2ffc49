import ClerkFakeServer
import Foundation
import SnapshotFormat
import Testing

/// The whole CLI against the loopback fake server: what the issue promises an auditor, checked exactly.
@Suite(.serialized) struct LiveExportTests {
    static let keyText = "sk_test_FAKE-liveExportKeyForTests00000000000"

    /// The member and role grant ids the tenant's memberships must produce.
    static func expectedUserGrants(_ tenant: FakeTenant) -> Set<String> {
        let roleIDs = Dictionary(uniqueKeysWithValues: tenant.roles.map { ($0.key, $0.id) })
        var ids = Set<String>()
        for membership in tenant.memberships {
            let principal = "user:\(membership.userID)"
            ids.insert("organization:\(membership.organizationID):member:\(principal)")
            if let role = roleIDs[membership.roleKey] {
                ids.insert("organization:\(membership.organizationID):role:\(role):\(principal)")
            }
        }
        return ids
    }

    static func export(_ url: URL, _ extra: [String], directory: URL) async -> CommandHarness.Outcome {
        await CommandHarness(environment: ["CLERK_SECRET_KEY": keyText], directory: directory).run(
            ["export", "--api-url", url.absoluteString, "--output", "snap.json"] + extra)
    }

    @Test func faultyThrottlingChangingServerStillYieldsTheExactGrants() async throws {
        let spec = FakeTenantSpec(users: 20_000, organizations: 1_000, memberships: 60_000, customRoles: 4, customPermissions: 8, seed: 7)
        let tenant = FakeTenant.generate(spec)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.failureRate = 0.05
        // Low enough that the opening burst (count, first pages, a window of membership pages) exceeds it
        // however slowly a loaded machine runs the client.
        behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 12, windowSeconds: 1)
        behavior.sendsRateLimitHeaders = false
        behavior.insertUsersDuringPaging = FakeServerBehavior.UserInsertion(count: 25, afterUserRequests: 5)
        let server = FakeClerkServer(tenant: tenant, behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let outcome = await Self.export(url, ["--max-rps", "0", "--verbose"], directory: directory)
        #expect(outcome.status == 0, "\(outcome.stderr.suffix(600))")
        let snapshot = try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("snap.json")))
        #expect(snapshot.complete)
        let userGrants = Set(snapshot.graph.grants.filter { $0.principal.hasPrefix("user:") }.map(\.id))
        #expect(userGrants == Self.expectedUserGrants(tenant))
        #expect(snapshot.graph.grants.count == Set(snapshot.graph.grants.map(\.id)).count)
        #expect(snapshot.graph.diagnostics.filter { $0.code == .unresolvedRoleKey }.count == tenant.membershipsWithUnknownRole.count)
        #expect(!snapshot.graph.diagnostics.contains { $0.code == .duplicateObject })
        #expect(server.stats.faultsInjected > 0)
        #expect(server.stats.rateLimited > 0)
        #expect(!outcome.stderr.contains(Self.keyText))
        #expect(outcome.stderr.contains("GET /v1/organization_memberships?limit=500&offset=0 200"))
        let summary = try #require(outcome.stderr.split(separator: "\n").last)
        #expect(summary.contains("exported 20025 users") || summary.contains("exported 20000 users"))
    }

    @Test func clientBudgetBelowTheServerLimitReceivesNo429() async throws {
        let spec = FakeTenantSpec(users: 3_000, organizations: 200, memberships: 6_000, seed: 3)
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 30, windowSeconds: 1)
        let server = FakeClerkServer(tenant: FakeTenant.generate(spec), behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await Self.export(url, ["--max-rps", "20"], directory: directory)
        #expect(outcome.status == 0)
        #expect(server.stats.rateLimited == 0)
        // 6 full user pages + an empty one + the count, 1 organization page, 12 + 1 membership pages, roles, permissions,
        // and one page of each snapshot 1.1 list plus the organization settings.
        #expect(server.stats.totalRequests == 8 + 1 + 13 + 1 + 1 + 6)
        #expect(outcome.stderr.contains("; 30 requests, 0 retries, 0 429s;"))
    }

    @Test func persistentFaultsExitThreeAndWriteNothingUnlessPartialIsAllowed() async throws {
        var behavior = FakeServerBehavior(acceptedSecretKey: Self.keyText)
        behavior.refuseInstanceMemberships = 500
        let server = FakeClerkServer(tenant: FakeTenant.generate(FakeTenantSpec(users: 20, organizations: 3, memberships: 30)), behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        let refused = await Self.export(url, ["--max-rps", "0", "--quiet"], directory: directory)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("GET /v1/organization_memberships (offset 0) failed after 6 attempts; last fault: HTTP 500"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)

        let partial = await Self.export(url, ["--max-rps", "0", "--quiet", "--allow-partial"], directory: directory)
        #expect(partial.status == 0)
        let snapshot = try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("snap.json")))
        #expect(!snapshot.complete)
        #expect(snapshot.graph.diagnostics.contains { $0.code == .incompleteCollection && $0.subject == "collection:memberships" })
    }

    @Test func rejectedKeyExitsTwoNamingTheSourceNotTheKey() async throws {
        let server = FakeClerkServer(
            tenant: FakeTenant.generate(FakeTenantSpec(users: 5, organizations: 1, memberships: 2)),
            behavior: FakeServerBehavior(acceptedSecretKey: "sk_test_FAKE-someOtherKey000000000000000000"))
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("clerk.key")
        try Data((Self.keyText + "\n").utf8).write(to: keyFile)
        let outcome = await CommandHarness(environment: [:], directory: directory).run(
            ["export", "--api-url", url.absoluteString, "--secret-key-file", "clerk.key", "--verbose"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("Clerk rejected the secret key (HTTP 401)"))
        #expect(outcome.stderr.contains("- check the key file given with --secret-key-file clerk.key"))
        #expect(!outcome.stderr.contains(Self.keyText))
        #expect(!outcome.stdout.contains(Self.keyText))
    }
}
