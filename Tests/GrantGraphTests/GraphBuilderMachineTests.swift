import CanonicalJSON
import ClerkModel
import GrantGraph
import SnapshotFormat
import Testing

/// Machines (snapshot 1.1): resources, one access entitlement each, one grant per scope entry.
@Suite struct GraphBuilderMachineTests {
    static func tenant(_ machines: [ClerkMachine]) -> ClerkTenant {
        var tenant = SampleTenant.tenant(memberships: [])
        tenant.machines = machines
        return tenant
    }

    static let api = ClerkMachine(id: "mch_api", name: "API", createdAt: 1_700_000_000_000, defaultTokenTTL: 3600)
    static let worker = ClerkMachine(
        id: "mch_worker", name: "Worker", createdAt: 1_700_000_000_000,
        scopedMachines: [.init(id: "mch_api", name: "API"), .init(id: "mch_billing", name: "Billing")])
    static let cron = ClerkMachine(
        id: "mch_cron", name: "Cron", createdAt: 1_700_000_000_000,
        scopedMachines: [.init(id: "mch_worker", name: "Worker"), .init(id: "mch_api", name: "API"), .init(id: "mch_api", name: "API")])

    @Test func machinesAreResourcesWithAnAccessEntitlementGrantedToTheMachinesScopedToThem() {
        let graph = GraphBuilder.build(from: Self.tenant([Self.api, Self.worker, Self.cron]))
        #expect(graph.resources.filter { $0.type == .machine } == [
            Resource(
                type: .machine, clerkID: "mch_api", displayName: "API",
                attributes: JSONObject([
                    (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "default_token_ttl", value: 3600), (key: "name", value: "API"),
                ])),
            Resource(
                type: .machine, clerkID: "mch_cron", displayName: "Cron",
                attributes: JSONObject([
                    (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "default_token_ttl", value: .null), (key: "name", value: "Cron"),
                ])),
            Resource(
                type: .machine, clerkID: "mch_worker", displayName: "Worker",
                attributes: JSONObject([
                    (key: "created_at", value: "2023-11-14T22:13:20.000Z"), (key: "default_token_ttl", value: .null), (key: "name", value: "Worker"),
                ])),
        ])
        #expect(graph.entitlements.filter { $0.kind == .access } == [
            Entitlement(
                resource: "machine:mch_api", kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine], displayName: "Call API"),
            Entitlement(
                resource: "machine:mch_cron", kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine], displayName: "Call Cron"),
            Entitlement(
                resource: "machine:mch_worker", kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine],
                displayName: "Call Worker"),
        ])
        // Machine records come first in their sections: `machine:` sorts before `organization:`.
        #expect(graph.entitlements.first?.id == "machine:mch_api:access")
        #expect(graph.grants.filter { $0.principal.hasPrefix("machine:") } == [
            Grant(entitlement: "machine:mch_api:access", principal: "machine:mch_cron", source: Grant.Source()),
            Grant(entitlement: "machine:mch_api:access", principal: "machine:mch_worker", source: Grant.Source()),
            Grant(entitlement: "machine:mch_worker:access", principal: "machine:mch_cron", source: Grant.Source()),
        ])
        #expect(graph.grants.prefix(3).map(\.id) == [
            "machine:mch_api:access:machine:mch_cron", "machine:mch_api:access:machine:mch_worker", "machine:mch_worker:access:machine:mch_cron",
        ])
        #expect(graph.diagnostics == [
            Diagnostic(
                code: .danglingMachine, severity: .warning,
                message: "machine mch_billing is in the scope of mch_worker but not in the machine list; no grant is recorded",
                subject: "machine:mch_billing")
        ])
    }

    @Test func aMachineListedTwiceIsKeptOnce() {
        var repeated = Self.worker
        repeated.name = "Worker (renamed)"
        let graph = GraphBuilder.build(from: Self.tenant([Self.api, Self.worker, repeated]))
        #expect(graph.resources.filter { $0.type == .machine }.map(\.displayName) == ["API", "Worker"])
        #expect(graph.grants.filter { $0.principal.hasPrefix("machine:") }.map(\.id) == ["machine:mch_api:access:machine:mch_worker"])
        #expect(graph.diagnostics.filter { $0.code == .duplicateObject } == [
            Diagnostic(
                code: .duplicateObject, severity: .info, message: "machine mch_worker was returned 2 times while paging; it is kept once",
                subject: "machine:mch_worker")
        ])
    }

    @Test func theCompactGraphCountsMachineRecords() {
        var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
        for page in Self.tenant([Self.api, Self.worker, Self.cron]).pages { builder.add(page, at: PagePosition(offset: 0)) }
        let compact = builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases)))
        let graph = compact.accessGraph()
        #expect(compact.recordCount(.entitlements) == graph.entitlements.count)
        #expect(compact.recordCount(.grants) == graph.grants.count)
        // Organizations: 2 member + 4 role entitlements; permissions: 2; machines: 3.
        #expect(graph.entitlements.count == 11)
        // Three machine grants and the sample roles' three permission grants.
        #expect(graph.grants.count == 6)
        #expect(graph.resources.filter { $0.type == .machine }.count == 3)
    }
}
