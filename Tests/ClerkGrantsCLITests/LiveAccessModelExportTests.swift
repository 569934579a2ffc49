import ClerkFakeServer
import ClerkModel
import Foundation
import SnapshotFormat
import Testing

/// Snapshot 1.1 end to end: the whole CLI against the loopback fake server with a generated tenant of
/// role sets, invitations, domains, enterprise connections and machines. What the export finds is held to
/// the tenant's truth (`FakeTenant+AccessTruth`, computed from the tenant without the graph builder), under
/// the same faults and throttling as `LiveExportTests`, and a clean run reads each list in the fewest pages.
@Suite(.serialized) struct LiveAccessModelExportTests {
    static let spec = FakeTenantSpec(
        users: 4_000, organizations: 1_000, memberships: 12_000, customRoles: 4, customPermissions: 8, seed: 11,
        organizationsOnUnlistedRoleSet: 3)

    /// The role id of each key, as the graph resolves keys (a key defined twice resolves to none).
    static func roleIDsByKey(_ tenant: FakeTenant) -> [String: String] {
        let keys = tenant.roles.map(\.key)
        return Dictionary(tenant.roles.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
            .filter { key, _ in keys.filter { $0 == key }.count == 1 }
    }

    /// Each organization's role entitlements: the roles its role set offers (every role on a fallback),
    /// and any role a membership holds or a path leads to outside the set, which the graph keeps offering
    /// so the grant or path stays valid (and reports).
    static func expectedRoleEntitlements(_ tenant: FakeTenant) -> Set<String> {
        let ids = roleIDsByKey(tenant)
        var roles = tenant.offeredRoleIDs
        for membership in tenant.memberships {
            if let role = ids[membership.roleKey] { roles[membership.organizationID, default: []].insert(role) }
        }
        for invitation in tenant.invitations where invitation.status == "pending" {
            if let role = ids[invitation.roleKey] { roles[invitation.organizationID, default: []].insert(role) }
        }
        if let role = ids[tenant.organizationSettings.domainsDefaultRole] {
            let enrolling = tenant.domains.filter { tenant.domainPathIDs.contains($0.id) }.map(\.organizationID)
                + tenant.enterpriseConnections.compactMap(\.organizationID)
            for organization in enrolling { roles[organization, default: []].insert(role) }
        }
        return Set(roles.flatMap { organization, roleIDs in roleIDs.map { "organization:\(organization):role:\($0)" } })
    }

    /// Paths into an organization on a listed role set whose role that set does not offer.
    static func pathsOutsideRoleSet(_ tenant: FakeTenant) -> Set<String> {
        let ids = roleIDsByKey(tenant)
        let offered = tenant.offeredRoleIDs
        let fallbacks = tenant.roleSetFallbacks
        func outside(_ organization: String, _ key: String) -> Bool {
            guard fallbacks[organization] == nil, let role = ids[key] else { return false }
            return offered[organization]?.contains(role) != true
        }
        let defaultRole = tenant.organizationSettings.domainsDefaultRole
        return Set(
            tenant.invitations.filter { $0.status == "pending" && outside($0.organizationID, $0.roleKey) }.map { "invitation:\($0.id)" }
                + tenant.domains.filter { tenant.domainPathIDs.contains($0.id) && outside($0.organizationID, defaultRole) }
                .map { "organization_domain:\($0.id)" }
                + tenant.enterpriseConnections.filter { $0.organizationID.map { outside($0, defaultRole) } ?? false }
                .map { "enterprise_connection:\($0.id)" })
    }

    /// `clerk-grants export --max-rps 0` of `tenant` served with `behavior`: the snapshot it wrote (it must
    /// exit 0) and what the server saw.
    static func export(_ tenant: FakeTenant, _ behavior: FakeServerBehavior) async throws -> (Snapshot, FakeServerStats) {
        let server = FakeClerkServer(tenant: tenant, behavior: behavior)
        let url = try server.start()
        defer { server.stop() }
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await LiveExportTests.export(url, ["--max-rps", "0"], directory: directory)
        try #require(outcome.status == 0, "\(outcome.stderr.suffix(600))")
        return (try SnapshotDecoder.decode(Data(contentsOf: directory.appendingPathComponent("snap.json"))), server.stats)
    }

    @Test func faultyThrottledExportEqualsTheTenantsAccessTruth() async throws {
        let tenant = FakeTenant.generate(Self.spec)
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveExportTests.keyText)
        behavior.failureRate = 0.1
        // Four requests a second: the client keeps four in flight, so a second holds more than four unless
        // each request takes over a quarter of a second, however loaded the machine.
        behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 4, windowSeconds: 1)
        behavior.sendsRateLimitHeaders = false
        let (snapshot, stats) = try await Self.export(tenant, behavior)
        #expect(stats.faultsInjected > 0 && stats.rateLimited > 0)
        #expect(snapshot.complete && snapshot.schemaVersion == "1.2")
        // How it was collected: every request the server answered, the retries the faults cost, the API version sent.
        let provenance = snapshot.header.provenance
        #expect(provenance.requests == stats.totalRequests)
        #expect(provenance.retries > 0)
        #expect(provenance.apiVersion == "2025-11-10" && provenance.host == "test-host")
        #expect(provenance.apiURL == snapshot.source.apiURL && provenance.collections == snapshot.source.collections.map(\.rawValue))
        let graph = snapshot.graph
        func subjects(_ code: DiagnosticCode, _ severity: Diagnostic.Severity? = nil) -> Set<String> {
            Set(graph.diagnostics.filter { $0.code == code && (severity == nil || $0.severity == severity) }.map(\.subject))
        }

        // Role sets: each organization offers exactly its set's roles (plus what its members hold outside it).
        #expect(Set(graph.resources.filter { $0.type == .roleSet }.map(\.id)) == Set(tenant.roleSets.map { "role_set:\($0.id)" }))
        #expect(Set(graph.entitlements.filter { $0.kind == .role }.map(\.id)) == Self.expectedRoleEntitlements(tenant))
        let outside = subjects(.roleOutsideRoleSet)
        let expectedOutside = Set(tenant.membershipsOutsideRoleSet.map { "membership:\($0)" }).union(Self.pathsOutsideRoleSet(tenant))
        #expect(outside.subtracting(expectedOutside).isEmpty, "\(outside.subtracting(expectedOutside).sorted().prefix(3))")
        #expect(expectedOutside.subtracting(outside).isEmpty, "\(expectedOutside.subtracting(outside).sorted().prefix(3))")
        let fallbacks = tenant.roleSetFallbacks
        #expect(subjects(.roleSetFallback, .warning) == Set(fallbacks.filter { $0.value }.keys.map { "organization:\($0)" }))
        #expect(subjects(.roleSetFallback, .info) == Set(fallbacks.filter { !$0.value }.keys.map { "organization:\($0)" }))
        #expect(fallbacks.values.contains(true) && !tenant.membershipsOutsideRoleSet.isEmpty)

        // Access paths: pending invitations (with the user an address belongs to), enrolling domains, SSO.
        let paths = Dictionary(uniqueKeysWithValues: graph.accessPaths.map { ($0.id, $0) })
        let invitations = graph.accessPaths.filter { $0.kind == .invitation }
        #expect(Set(invitations.map(\.id)) == Set(tenant.pendingInvitations.keys.map { "invitation:\($0)" }))
        for (id, user) in tenant.pendingInvitations {
            #expect(paths["invitation:\(id)"]?.matchingUser == user.map { "user:\($0)" }, "\(id)")
        }
        #expect(tenant.pendingInvitations.values.contains { $0 != nil })
        #expect(Set(graph.accessPaths.filter { $0.kind == .domainEnrollment }.map(\.id))
            == Set(tenant.domainPathIDs.map { "organization_domain:\($0)" }))
        #expect(Set(graph.accessPaths.filter { $0.kind == .enterpriseSSO }.map(\.id))
            == Set(tenant.enterpriseSSOPathIDs.map { "enterprise_connection:\($0)" }))
        #expect(graph.accessPaths.count == tenant.pendingInvitations.count + tenant.domainPathIDs.count + tenant.enterpriseSSOPathIDs.count)
        // Paths are never grants: the grants are memberships' and machines' only.
        #expect(!graph.grants.contains { $0.principal.hasPrefix("email") || $0.principal.hasPrefix("enterprise_connection:") })

        // Machines: one grant per listed scope, one diagnostic per machine named but not listed.
        let machineGrants = graph.grants.filter { $0.principal.hasPrefix("machine:") }
        #expect(Set(machineGrants.map(\.id))
            == Set(tenant.machineScopes.map { "machine:\($0.to):access:machine:\($0.from)" }))
        #expect(subjects(.danglingMachine) == Set(tenant.danglingMachineScopes.map { "machine:\($0.to)" }))
        #expect(!tenant.danglingMachineScopes.isEmpty)
        #expect(!graph.diagnostics.contains { $0.code == .duplicateObject })
    }

    /// Without faults, each new list costs the pages its size needs (one past the last full page, as every
    /// list is read), plus the one organization settings request.
    @Test func aCleanExportReadsEachNewListInTheFewestRequests() async throws {
        let tenant = FakeTenant.generate(Self.spec)
        let (_, stats) = try await Self.export(tenant, FakeServerBehavior(acceptedSecretKey: LiveExportTests.keyText))
        func pages(_ count: Int) -> Int { count / 500 + 1 }
        let requests = stats.requestsByPath
        #expect(requests["/v1/role_sets"] == pages(tenant.roleSets.count))
        #expect(requests["/v1/organization_invitations"] == pages(tenant.pendingInvitations.count))
        #expect(requests["/v1/organization_domains"] == pages(tenant.domains.count))
        #expect(requests["/v1/instance/organization_settings"] == 1)
        #expect(requests["/v1/enterprise_connections"] == pages(tenant.enterpriseConnections.count))
        #expect(requests["/v1/machines"] == pages(tenant.machines.count))
    }
}
