import CanonicalJSON
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat
import Testing

/// The demo tenant's recorded pages built into a graph with a session scope, as `export --sessions` does:
/// the other collections first, then the scope, then the session pages.
enum SessionSnapshot {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures/demo").standardized
    static let requested = ClerkCollection.defaultSet.union([.sessions])

    static func builder() throws -> GraphBuilder {
        var builder = GraphBuilder(requested: requested)
        for collection in ClerkCollection.allCases where !collection.isOptIn {
            let folder = fixtures.appendingPathComponent(collection.fixtureFolder)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page-") }.sorted()
            var offset = 0
            for name in names {
                let page = try ClerkPage.decode(Data(contentsOf: folder.appendingPathComponent(name)), as: collection)
                builder.add(page, at: PagePosition(offset: offset))
                offset += page.count
            }
            if collection == .domains {
                let settings = try Data(contentsOf: folder.appendingPathComponent("organization_settings.json"))
                builder.add(try ClerkPage.decodeOrganizationSettings(settings), at: PagePosition(list: 1, offset: 0))
            }
        }
        return builder
    }

    /// Two active sessions of the first user in scope (one repeated on a second page), an ended one that
    /// does not count, and none for every other user in scope.
    static func graph(_ scope: SessionScope) throws -> (graph: CompactGraph, scope: [String]) {
        var builder = try builder()
        let users = builder.sessionScope(scope)
        if let first = users.first {
            let sessions = [
                ClerkSession(id: "sess_a", userID: first, lastActiveAt: 1_763_000_000_123),
                ClerkSession(id: "sess_b", userID: first, lastActiveAt: 1_763_500_000_456),
                ClerkSession(id: "sess_c", userID: first, status: "ended", lastActiveAt: 1_764_000_000_000),
            ]
            builder.add(ClerkPage(items: .sessions(sessions)), at: PagePosition(list: 1, offset: 0))
            builder.add(ClerkPage(items: .sessions([sessions[1]])), at: PagePosition(list: 1, offset: 500))
        }
        return (builder.finish(TenantReadReport(requested: requested)), users)
    }

    static func demoWithSessions(_ scope: SessionScope = .all) throws -> Data {
        let (graph, _) = try graph(scope)
        let header = SnapshotHeader(
            generatedAt: "2026-11-20T00:00:00Z", tool: Snapshot.Tool(version: "test"),
            source: Snapshot.Source(apiURL: "fixture:demo", instance: "fixture:demo", collections: requested.sorted()), complete: true)
        return Data(SnapshotEncoder.encode(SnapshotDraft(header: header, graph: graph).snapshot()))
    }
}

@Suite struct SessionAttributeTests {
    @Test func usersInScopeCarryTheirActiveSessionsFirstAndNoOtherUserDoes() throws {
        for scope in SessionScope.allCases {
            let (compact, inScope) = try SessionSnapshot.graph(scope)
            let users = compact.accessGraph().resources.filter { $0.type == .user }
            #expect(!inScope.isEmpty, "\(scope)")
            for user in users {
                let carries = inScope.contains(user.clerkID)
                #expect((user.attributes["active_sessions"] != nil) == carries, "\(scope) \(user.id)")
                guard carries else {
                    #expect(user.attributes["active_sessions_last_active_at"] == nil)
                    continue
                }
                #expect(Array(user.attributes.keys.prefix(3)) == ["active_sessions", "active_sessions_last_active_at", "banned"])
                if user.clerkID == inScope.first {
                    #expect(user.attributes["active_sessions"] == .int(2))
                    #expect(user.string("active_sessions_last_active_at") == "2025-11-18T21:06:40.456Z")
                } else {
                    #expect(user.attributes["active_sessions"] == .int(0))
                    #expect(user.attributes["active_sessions_last_active_at"] == .null)
                }
            }
        }
    }

    @Test func scopesFollowTheirDefinitions() throws {
        let builder = try SessionSnapshot.builder()
        var all = builder, admins = builder, flagged = builder
        let everyone = Set(all.sessionScope(.all))
        let adminIDs = Set(admins.sessionScope(.admins))
        let flaggedIDs = Set(flagged.sessionScope(.flagged))
        #expect(adminIDs.isSubset(of: everyone) && flaggedIDs.isSubset(of: everyone))
        let graph = builder.finish(TenantReadReport(requested: SessionSnapshot.requested)).accessGraph()
        let users = Dictionary(uniqueKeysWithValues: graph.resources.filter { $0.type == .user && $0.bool("in_user_list") == true }.map { ($0.clerkID, $0) })
        #expect(Set(users.keys) == everyone)
        for (id, user) in users where user.bool("banned") == true || user.bool("locked") == true {
            #expect(flaggedIDs.contains(id), "\(id)")
        }
        for id in adminIDs where users[id]?.bool("two_factor_enabled") == false { #expect(flaggedIDs.contains(id), "\(id)") }
        #expect(!adminIDs.isEmpty && adminIDs != everyone && !flaggedIDs.isEmpty)
    }

    @Test func aOneOneFileWithSessionsValidatesAndOneZeroForbidsThem() throws {
        let data = try SessionSnapshot.demoWithSessions()
        let report = SnapshotValidator.validate(data)
        #expect(report.problems == [])
        #expect(report.snapshot?.source.collections.contains(.sessions) == true)
        #expect(SnapshotLayout.Version.v1_0.forbiddenAttributes(of: .user) == ["active_sessions", "active_sessions_last_active_at"])
        #expect(SnapshotLayout.Version.v1_1.forbiddenAttributes(of: .user) == [])
    }

    @Test(arguments: ["active_sessions", "active_sessions_last_active_at"])
    func aMistypedSessionAttributeIsRefused(field: String) throws {
        var root = try #require(try JSONParser.parse(SessionSnapshot.demoWithSessions()).objectValue)
        var resources = try #require(root["resources"]?.arrayValue)
        let index = try #require(resources.firstIndex { $0.objectValue?["attributes"]?.objectValue?[field] != nil })
        var record = try #require(resources[index].objectValue)
        var attributes = try #require(record["attributes"]?.objectValue)
        attributes[field] = .bool(true)
        record["attributes"] = .object(attributes)
        resources[index] = .object(record)
        root["resources"] = .array(resources)
        let problems = SnapshotValidator.validate(RecordKindTests.resealed(root)).problems
        #expect(problems.contains { $0.description.contains("resources[\(index)].attributes.\(field)") }, "\(problems)")
    }
}
