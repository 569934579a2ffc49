import ClerkClient
import ClerkFakeServer
import ClerkModel
import Foundation
import Testing

/// The snapshot 1.1 collections read from the loopback fake server: exact objects, exact request counts,
/// refusals of default collections, and recording then replaying.
@Suite(.serialized) struct AccessSourceReaderTests {
    static let newCollections: Set<ClerkCollection> = [.roleSets, .invitations, .domains, .enterpriseConnections, .machines]
    static let spec = FakeTenantSpec(users: 200, organizations: 150, memberships: 600, customRoles: 3, customPermissions: 4, seed: 9)

    // MARK: What the reader should decode from the fake tenant

    static func expectedRoleSets(_ tenant: FakeTenant) -> [ClerkRoleSet] {
        let roles = Dictionary(uniqueKeysWithValues: tenant.roles.map { ($0.key, $0) })
        func item(_ key: String?) -> ClerkRoleSet.Role? {
            key.flatMap { roles[$0] }.map { ClerkRoleSet.Role(id: $0.id, key: $0.key, name: $0.name) }
        }
        return tenant.roleSets.map { set in
            ClerkRoleSet(
                id: set.id, key: set.key, name: set.name, type: set.type, roles: set.roleKeys.compactMap(item),
                defaultRole: item(set.defaultRoleKey), creatorRole: item(set.creatorRoleKey),
                migration: set.migration.map {
                    ClerkRoleSet.Migration(
                        id: $0.id, status: $0.status, triggerType: $0.triggerType, sourceRoleSetID: $0.sourceRoleSetID,
                        destinationRoleSetID: $0.destinationRoleSetID)
                }, createdAt: set.createdAt)
        }
    }

    static func expectedPendingInvitations(_ tenant: FakeTenant) -> [ClerkInvitation] {
        let roles = Dictionary(uniqueKeysWithValues: tenant.roles.map { ($0.key, $0) })
        return tenant.invitations.filter { $0.status == "pending" }.map {
            ClerkInvitation(
                id: $0.id, emailAddress: $0.emailAddress, roleKey: $0.roleKey, roleName: roles[$0.roleKey]?.name ?? $0.roleKey,
                organizationID: $0.organizationID, status: "pending", expiresAt: $0.expiresAt, createdAt: $0.createdAt)
        }
    }

    static func expectedDomains(_ tenant: FakeTenant) -> [ClerkOrganizationDomain] {
        tenant.domains.map {
            ClerkOrganizationDomain(
                id: $0.id, organizationID: $0.organizationID, name: $0.name, enrollmentMode: $0.enrollmentMode,
                verificationStatus: $0.verificationStatus, affiliationEmailAddress: $0.verificationStatus == nil ? nil : "admin@" + $0.name,
                totalPendingInvitations: Int64($0.totalPendingInvitations),
                totalPendingSuggestions: Int64($0.totalPendingSuggestions), createdAt: $0.createdAt)
        }
    }

    static func expectedConnections(_ tenant: FakeTenant) -> [ClerkEnterpriseConnection] {
        tenant.enterpriseConnections.map {
            ClerkEnterpriseConnection(
                id: $0.id, name: $0.name, provider: $0.provider, active: $0.active, domains: $0.domains,
                organizationID: $0.organizationID, allowOrganizationAccountLinking: $0.organizationID != nil,
                createdAt: $0.createdAt)
        }
    }

    static func expectedMachines(_ tenant: FakeTenant) -> [ClerkMachine] {
        tenant.machines.map {
            ClerkMachine(
                id: $0.id, name: $0.name, createdAt: $0.createdAt, defaultTokenTTL: Int64($0.defaultTokenTTL),
                scopedMachines: $0.scopes.map { ClerkMachine.Scoped(id: $0.id, name: $0.name) })
        }
    }

    // MARK: Tests

    @Test func everyNewCollectionIsReadExactlyInOneRequestApiece() async throws {
        let fake = FakeTenant.generate(Self.spec)
        try await LiveReaderTests.withServer(Self.spec) { server, url in
            let tenant = try await LiveReaderTests.reader(url).read(Self.newCollections)
            #expect(tenant.isComplete)
            #expect(tenant.refused.isEmpty)
            #expect(tenant.readDiagnostics.isEmpty)
            #expect(tenant.roleSets == Self.expectedRoleSets(fake))
            #expect(tenant.invitations == Self.expectedPendingInvitations(fake))
            #expect(tenant.domains == Self.expectedDomains(fake))
            #expect(tenant.enterpriseConnections == Self.expectedConnections(fake))
            #expect(tenant.machines == Self.expectedMachines(fake))
            #expect(
                tenant.organizationSettings
                    == ClerkOrganizationSettings(
                        domainsDefaultRole: "org:member", creatorRole: "org:admin", initialRoleSetKey: "role_set:default",
                        domainsEnabled: true))
            // The grant collections were not asked for, and nothing else was read.
            #expect(tenant.users.isEmpty && tenant.organizations.isEmpty && tenant.memberships.isEmpty)
            let stats = server.stats
            #expect(
                stats.requestsByPath == [
                    "/v1/role_sets": 1, "/v1/organization_invitations": 1, "/v1/organization_domains": 1,
                    "/v1/instance/organization_settings": 1, "/v1/enterprise_connections": 1, "/v1/machines": 1,
                ])
            let invitationQueries = server.requestLog.filter { $0.path == "/v1/organization_invitations" }.map(\.query)
            #expect(invitationQueries == ["limit=500&offset=0&status=pending"])
        }
    }

    @Test func pendingInvitationsOverFiveHundredPageInTheFewestRequests() async throws {
        // 5,000 organizations give 1,003 invitations, of which more than 500 are pending.
        let spec = FakeTenantSpec(users: 60, organizations: 5_000, memberships: 100, customRoles: 2, customPermissions: 2, seed: 3)
        let fake = FakeTenant.generate(spec)
        let pending = fake.invitations.filter { $0.status == "pending" }.count
        #expect(pending > 500 && pending < 1_000)
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveReaderTests.keyText)
        behavior.failureRate = 0.1
        behavior.rateLimit = FakeServerBehavior.RateLimit(requests: 40, windowSeconds: 1)
        try await LiveReaderTests.withServer(spec, behavior) { server, url in
            let tenant = try await LiveReaderTests.reader(url).read([.invitations, .domains, .machines])
            #expect(tenant.isComplete)
            #expect(tenant.invitations == Self.expectedPendingInvitations(fake))
            #expect(tenant.domains.count == 4 + 5_000 / 20)
            #expect(tenant.machines == Self.expectedMachines(fake))
            // Two pages of invitations and one each of domains (254) and machines (103) once faults are retried.
            let answered = server.requestLog.filter { $0.status == 200 }
            #expect(answered.filter { $0.path == "/v1/organization_invitations" }.count == 2)
            #expect(answered.filter { $0.path == "/v1/organization_domains" }.count == 1)
            #expect(answered.filter { $0.path == "/v1/machines" }.count == 1)
            #expect(answered.filter { $0.path == "/v1/instance/organization_settings" }.count == 1)
        }
    }

    @Test func aRefusedDefaultCollectionIsLeftOutWithADiagnostic() async throws {
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveReaderTests.keyText)
        behavior.refusedPaths = ["/v1/machines", "/v1/instance/organization_settings"]
        try await LiveReaderTests.withServer(Self.spec, behavior) { server, url in
            let tenant = try await LiveReaderTests.reader(url).read(LiveReaderTests.all)
            #expect(tenant.isComplete)
            #expect(tenant.refused == [.machines: "HTTP 403", .domains: "HTTP 403"])
            #expect(tenant.report.exported == LiveReaderTests.all.subtracting([.machines, .domains]))
            #expect(tenant.machines.isEmpty && tenant.domains.isEmpty)
            #expect(tenant.roleSets.count == 3)
            #expect(
                tenant.readDiagnostics == [
                    Diagnostic(
                        code: .collectionNotReadable, severity: .info,
                        message:
                            "domains could not be read (HTTP 403); the collection is left out of the snapshot (name it in --resources to make this an error)",
                        subject: "collection:domains"),
                    Diagnostic(
                        code: .collectionNotReadable, severity: .info,
                        message:
                            "machines could not be read (HTTP 403); the collection is left out of the snapshot (name it in --resources to make this an error)",
                        subject: "collection:machines"),
                ])
            // The refusal is final: no retry, and the domains list itself is never asked for.
            #expect(server.stats.requestsByPath["/v1/machines"] == 1)
            #expect(server.stats.requestsByPath["/v1/organization_domains"] == nil)
        }
    }

    @Test func aRefusedCollectionNamedExplicitlyFailsTheRead() async throws {
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveReaderTests.keyText)
        behavior.refusedPaths = ["/v1/machines"]
        try await LiveReaderTests.withServer(Self.spec, behavior) { _, url in
            let named: Set<ClerkCollection> = [.users, .machines]
            do {
                _ = try await LiveReaderTests.reader(url, refusal: CollectionRefusal(explicitlyRequested: named)).read(named)
                Issue.record("an explicitly requested refused collection was left out")
            } catch {
                #expect(error as? ClerkReadError == .keyRejected(status: 403, keySource: "CLERK_SECRET_KEY", clerkMessage: "You are not authorized to access /v1/machines."))
            }
        }
    }

    @Test func aRefusedGrantCollectionFailsEvenByDefault() async throws {
        var behavior = FakeServerBehavior(acceptedSecretKey: LiveReaderTests.keyText)
        behavior.refusedPaths = ["/v1/organization_roles"]
        try await LiveReaderTests.withServer(Self.spec, behavior) { _, url in
            do {
                _ = try await LiveReaderTests.reader(url).read(LiveReaderTests.all)
                Issue.record("a refused grant collection was left out")
            } catch {
                #expect((error as? ClerkReadError)?.status == 403)
            }
        }
    }

    @Test func refusalRulesByStatusAndCollection() {
        let byDefault = CollectionRefusal()
        let rejected = ClerkReadError.keyRejected(status: 403, keySource: "k", clerkMessage: nil)
        #expect(byDefault.refusalReason(.machines, after: rejected) == "HTTP 403")
        #expect(byDefault.refusalReason(.users, after: rejected) == nil)
        for status in [402, 404] {
            let error = ClerkReadError.requestRejected(status: status, endpoint: "/v1/role_sets", code: nil, message: nil)
            #expect(byDefault.refusalReason(.roleSets, after: error) == "HTTP \(status)")
        }
        let unauthorized = ClerkReadError.keyRejected(status: 401, keySource: "k", clerkMessage: nil)
        #expect(byDefault.refusalReason(.machines, after: unauthorized) == nil)
        let fault = ClerkReadError.retriesExhausted(endpoint: "/v1/machines", page: "offset 0", attempts: 6, lastFault: "HTTP 503")
        #expect(byDefault.refusalReason(.machines, after: fault) == nil)
        let explicit = CollectionRefusal(explicitlyRequested: [.machines, .domains])
        #expect(explicit.refusalReason(.machines, after: rejected) == nil)
        #expect(explicit.isRefusable(.invitations))
        #expect(!explicit.isRefusable(.domains))
        #expect(ClerkCollection.allCases.filter(byDefault.isRefusable) == [.roleSets, .invitations, .domains, .enterpriseConnections, .machines])
    }

    @Test func recordedNewCollectionsReplayToTheSameTenant() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-record13-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await LiveReaderTests.withServer(Self.spec) { _, url in
            let recorder = try PageRecorder(folder: folder, instance: LiveReaderTests.key.fingerprint)
            let live = try await LiveReaderTests.reader(url, recorder: recorder).read(LiveReaderTests.all)
            let replayed = try await FixtureReader(folder: folder).read(LiveReaderTests.all)
            #expect(replayed.roleSets == live.roleSets)
            #expect(replayed.invitations == live.invitations)
            #expect(replayed.domains == live.domains)
            #expect(replayed.organizationSettings == live.organizationSettings)
            #expect(replayed.organizationSettings != nil)
            #expect(replayed.enterpriseConnections == live.enterpriseConnections)
            #expect(replayed.machines == live.machines)
            #expect(replayed.refused.isEmpty && replayed.readDiagnostics.isEmpty)
            let domainFiles = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("organization_domains").path)
            #expect(domainFiles.sorted() == ["organization_settings.json", "page-0001.json"])
            for collection in Self.newCollections {
                let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(collection.fixtureFolder).path)
                #expect(files.contains("page-0001.json"), "\(collection.rawValue)")
            }
        }
    }

    @Test func aRecordingWithoutTheNewFoldersReplaysWithThemLeftOut() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-old-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/demo")
        try FileManager.default.copyItem(at: demo, to: folder)
        for collection in Self.newCollections {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(collection.fixtureFolder))
        }
        let tenant = try await FixtureReader(folder: folder).read(LiveReaderTests.all)
        #expect(Set(tenant.refused.keys) == Self.newCollections)
        #expect(tenant.refused.values.allSatisfy { $0 == "no recorded pages" })
        #expect(tenant.readDiagnostics.map(\.subject) == Self.newCollections.sorted().map(\.diagnosticSubject))
        #expect(tenant.readDiagnostics.allSatisfy { $0.code == .collectionNotReadable && $0.severity == .info })
        #expect(tenant.users.count == 13)
        do {
            _ = try await FixtureReader(folder: folder, refusal: CollectionRefusal(explicitlyRequested: [.machines])).read([.machines])
            Issue.record("a missing folder of an explicitly requested collection was left out")
        } catch {
            #expect(error == .fixtureUnreadable(path: folder.appendingPathComponent("machines").path, reason: "the machines folder is missing or unreadable"))
        }
    }

    @Test func theDemoFixtureHoldsEveryNewCollection() async throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/demo")
        let tenant = try await FixtureReader(folder: demo).read(LiveReaderTests.all)
        #expect(tenant.refused.isEmpty)
        #expect(tenant.readDiagnostics.isEmpty)
        #expect(tenant.roleSets.map(\.key) == ["role_set:restricted", "role_set:default"])
        #expect(tenant.invitations.map(\.roleKey) == ["org:admin", "org:member", "org:legacy_editor", "org:auditor"])
        #expect(tenant.domains.map(\.enrollmentMode) == [
            "enterprise_sso", "manual_invitation", "automatic_invitation", "automatic_suggestion", "automatic_invitation",
        ])
        #expect(tenant.domains.map(\.verificationStatus) == ["verified", "verified", "verified", "verified", "unverified"])
        #expect(tenant.enterpriseConnections.map(\.organizationID) == ["org_2QxUmbrellaResearch00000000"])
        #expect(tenant.machines.map { $0.scopedMachines.count } == [2, 2, 0])
        #expect(tenant.organizationSettings?.domainsDefaultRole == "org:member")
    }
}
