import CanonicalJSON
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat
import Testing

/// The builder takes pages in any order (they are fetched in parallel) and must give the same graph.
@Suite struct StreamingBuildTests {
    /// Memberships spread over several pages, with a user and a membership returned twice with different
    /// content: the copy earlier in the list must win whatever order the pages arrive in.
    static func pages() -> [(ClerkPage, PagePosition)] {
        let early = ClerkUser(id: "user_carol", primaryEmail: "carol@example.com", firstName: "Carol", createdAt: 1_700_000_000_000)
        let late = ClerkUser(id: "user_carol", primaryEmail: "carol@new.example.com", firstName: "Caroline", createdAt: 1_700_000_000_000)
        let memberships = (0..<12).map { index in
            SampleTenant.membership(
                "mem_\(index)", index % 3 == 0 ? "user_alice" : "user_\(index)", index % 2 == 0 ? SampleTenant.acme : SampleTenant.globex,
                index % 4 == 0 ? "org:admin" : "org:member")
        }
        var repeated = memberships[5]
        repeated.createdAt += 60_000
        return [
            (ClerkPage(items: .users([SampleTenant.alice, early])), PagePosition(offset: 0)),
            (ClerkPage(items: .users([SampleTenant.bob, late])), PagePosition(offset: 2)),
            (ClerkPage(items: .organizations([SampleTenant.acme, SampleTenant.globex])), PagePosition(offset: 0)),
            (ClerkPage(items: .roles([SampleTenant.admin, SampleTenant.member])), PagePosition(offset: 0)),
            (ClerkPage(items: .permissions([SampleTenant.manage, SampleTenant.read])), PagePosition(offset: 0)),
            (ClerkPage(items: .memberships(Array(memberships[0..<6]))), PagePosition(offset: 0)),
            (ClerkPage(items: .memberships(Array(memberships[6..<12]))), PagePosition(offset: 6)),
            (ClerkPage(items: .memberships([repeated])), PagePosition(offset: 12)),
        ]
    }

    static func encoded(_ pages: [(ClerkPage, PagePosition)]) -> [UInt8] {
        var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
        for (page, position) in pages { builder.add(page, at: position) }
        let graph = builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases)))
        let header = SnapshotHeader(
            generatedAt: "2026-11-23T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "fixture:test", instance: "fixture:test", collections: ClerkCollection.allCases), complete: true)
        return SnapshotEncoder.encode(header, body: graph).bytes
    }

    @Test func arrivalOrderDoesNotChangeTheSnapshot() {
        let inOrder = Self.encoded(Self.pages())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10 {
            #expect(Self.encoded(Self.pages().shuffled(using: &generator)) == inOrder)
        }
        let graph = Self.encodedGraph(Self.pages().reversed())
        let carol = graph.resources.first { $0.id == "user:user_carol" }
        #expect(carol?.string("primary_email") == "carol@example.com")
        #expect(graph.diagnostics.contains { $0.code == .duplicateObject && $0.subject == "user:user_carol" })
        #expect(graph.diagnostics.contains { $0.code == .duplicateObject && $0.subject == "membership:mem_5" })
        let kept = graph.grants.first { $0.source.membershipID == "mem_5" }
        #expect(kept?.source.grantedAt == Timestamp.rfc3339(milliseconds: 1_700_000_000_000))
    }

    @Test func concurrentPagesThroughTheSinkGiveTheSameGraph() async {
        let sink = GraphBuildingSink(requested: Set(ClerkCollection.allCases))
        await withTaskGroup(of: Void.self) { group in
            for (page, position) in Self.pages() { group.addTask { sink.receive(page, at: position) } }
        }
        let graph = sink.finish(TenantReadReport(requested: Set(ClerkCollection.allCases))).accessGraph()
        #expect(graph == Self.encodedGraph(Self.pages()))
    }

    static func encodedGraph(_ pages: some Sequence<(ClerkPage, PagePosition)>) -> AccessGraph {
        var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
        for (page, position) in pages { builder.add(page, at: position) }
        return builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases))).accessGraph()
    }

    /// Organization and role ids that are prefixes of each other (and, in the second case, contain `:`,
    /// which the rank-based grant sort cannot order) must still give grants in code-point order of ids.
    @Test(arguments: [
        (["org_1", "org_12", "org_1b", "org_2", "org_1_"], ["role_a", "role_ab", "role_a_", "role_b"]),
        (["org_1", "org_1:x", "org:", "org_12", "org"], ["role_a", "role_a:b", "role_", "role_ab"]),
    ])
    func grantsAreInCodePointOrderOfTheirIDs(organizationIDs: [String], roleIDs: [String]) {
        var tenant = ClerkTenant(requested: Set(ClerkCollection.allCases))
        tenant.organizations = organizationIDs.map { ClerkOrganization(id: $0, name: $0, slug: $0) }
        tenant.roles = roleIDs.map { ClerkRole(id: $0, key: "key:\($0)", name: $0, permissions: [SampleTenant.read]) }
        tenant.permissions = [SampleTenant.read]
        let users = ["user_a", "user_ab", "user_a:", "user_b", "user_", "user_1", "user_12"]
        tenant.users = users.map { ClerkUser(id: $0) }
        var number = 0
        for organization in tenant.organizations {
            for (index, user) in users.enumerated() {
                number += 1
                tenant.memberships.append(
                    SampleTenant.membership("mem_\(number)", user, organization, "key:\(roleIDs[(index + number) % roleIDs.count])"))
            }
        }
        let ids = GraphBuilder.build(from: tenant).grants.map(\.id)
        #expect(ids.count == organizationIDs.count * users.count * 2 + roleIDs.count)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { codePointPrecedes($0, $1) })
    }

    /// Pages never carry such ids (`ClerkModel` refuses them), but a graph built from hand-made objects
    /// can: ids that need escaping take the general writer and read back exactly, and `validate` refuses
    /// the id, naming the field and showing it escaped.
    @Test func idsThatNeedEscapingAreWrittenCorrectlyAndRefusedByValidate() throws {
        let user = "user_\"quoted\\slash\u{1}"
        var pages = Self.pages()
        pages.append((ClerkPage(items: .memberships([SampleTenant.membership("mem_odd", user, SampleTenant.acme, "org:admin")])), PagePosition(offset: 13)))
        let bytes = Self.encoded(pages)
        let validation = SnapshotValidator.validate(Data(bytes))
        #expect(validation.problems.first?.description
            == #"resources[6].clerk_id: "user_\u{22}quoted\u{5C}slash\u{1}" is not a Clerk id: expected 1-128 characters of A-Z a-z 0-9 _ -"#)
        #expect(IndexedSnapshot(Data(bytes)) == nil)
        let graph = Self.encodedGraph(pages)
        #expect(graph.grants.filter { $0.principal == "user:\(user)" }.count == 2)
    }

    /// Membership grants are written from their parts' bytes; a role key that needs escaping (tenant text)
    /// is escaped there, and a membership id that would need it sends every grant through the general
    /// writer. Either way each grant reads back exactly as the values say.
    @Test(arguments: [("mem_plain", #"org:say "hi"\now"# + "\u{7}"), (#"mem_"odd\"#, "org:admin")])
    func grantPartsThatNeedEscapingReadBackExactly(membershipID: String, roleKey: String) throws {
        var tenant = ClerkTenant(requested: Set(ClerkCollection.allCases))
        tenant.organizations = [SampleTenant.acme]
        tenant.roles = [ClerkRole(id: "role_odd", key: roleKey, name: "Odd", permissions: [SampleTenant.read]), SampleTenant.member]
        tenant.permissions = [SampleTenant.read]
        tenant.users = [ClerkUser(id: "user_a"), ClerkUser(id: "user_b")]
        tenant.memberships = [
            SampleTenant.membership(membershipID, "user_a", SampleTenant.acme, roleKey),
            SampleTenant.membership("mem_b", "user_b", SampleTenant.acme, "org:member"),
        ]
        var builder = GraphBuilder(requested: tenant.requested)
        for page in tenant.pages { builder.add(page, at: PagePosition(offset: 0)) }
        let compact = builder.finish(tenant.report)
        // The encoder writes grants in gathered blocks, the digest record by record: the same bytes.
        let header = SnapshotHeader(
            generatedAt: "2026-11-23T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "fixture:test", instance: "fixture:test", collections: ClerkCollection.allCases), complete: true)
        #expect(SnapshotEncoder.encode(header, body: compact).digest == SnapshotDigest.compute(compact, version: header.layout))
        let graph = compact.accessGraph()
        let odd = graph.grants.filter { $0.principal == "user:user_a" }
        #expect(odd.map(\.entitlement) == ["organization:\(SampleTenant.acme.id):member", "organization:\(SampleTenant.acme.id):role:role_odd"])
        #expect(odd.allSatisfy { $0.source.membershipID == membershipID && $0.source.roleKey == roleKey })
        #expect(graph.grants.filter { $0.principal == "user:user_b" }.allSatisfy { $0.source.roleKey == "org:member" })
    }

    /// Large sections are encoded in parallel blocks and waves; the file must be what the one-record-at-a-
    /// time digest describes, one record per line, and validate.
    @Test func sectionsOfManyBlocksEncodeInOrder() throws {
        var tenant = ClerkTenant(requested: Set(ClerkCollection.allCases))
        tenant.organizations = [SampleTenant.acme, SampleTenant.globex]
        tenant.roles = [SampleTenant.admin, SampleTenant.member]
        tenant.permissions = [SampleTenant.manage, SampleTenant.read]
        tenant.users = (0..<12_000).map { ClerkUser(id: "user_\($0)", createdAt: 1_700_000_000_000) }
        tenant.memberships = (0..<24_000).map {
            SampleTenant.membership("mem_\($0)", "user_\($0 % 12_000)", $0 < 12_000 ? SampleTenant.acme : SampleTenant.globex, "org:member")
        }
        var builder = GraphBuilder(requested: tenant.requested)
        for page in tenant.pages { builder.add(page, at: PagePosition(offset: 0)) }
        let graph = builder.finish(tenant.report)
        #expect(graph.recordCount(.grants) == 48_003)
        let header = SnapshotHeader(
            generatedAt: "2026-11-23T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "fixture:test", instance: "fixture:test", collections: ClerkCollection.allCases), complete: true)
        let (bytes, digest) = SnapshotEncoder.encode(header, body: graph)
        #expect(digest == SnapshotDigest.compute(graph, version: header.layout))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let grantLines = lines.filter { $0.starts(with: Array(#"    {"entitlement""#.utf8)) }
        #expect(grantLines.count == 48_003)
        #expect(SnapshotValidator.validate(Data(bytes)).problems.isEmpty)
    }

    /// The sink sorts membership grants early once memberships and roles are complete; the graph must be
    /// the same, and a membership page arriving after that (which no reader sends, but nothing forbids) must
    /// not be lost to the early result.
    @Test(arguments: [false, true])
    func grantsPreparedEarlyGiveTheSameGraph(lateMembershipPage: Bool) {
        var pages = Self.pages()
        let late = pages.removeLast()
        let sink = GraphBuildingSink(requested: Set(ClerkCollection.allCases))
        for (page, position) in pages where !Self.isUsers(page) { sink.receive(page, at: position) }
        if !lateMembershipPage { sink.receive(late.0, at: late.1) }
        sink.finished(.roles)
        sink.finished(.memberships)
        if lateMembershipPage { sink.receive(late.0, at: late.1) }
        for (page, position) in pages where Self.isUsers(page) { sink.receive(page, at: position) }
        sink.finished(.users)
        let graph = sink.finish(TenantReadReport(requested: Set(ClerkCollection.allCases))).accessGraph()
        #expect(graph == Self.encodedGraph(Self.pages()))
    }

    static func isUsers(_ page: ClerkPage) -> Bool {
        if case .users = page.items { return true }
        return false
    }

    /// With `:` in ids, a member grant and a role grant of different organizations can spell the same id
    /// (`organization:a:role:b` + `:member`, and `organization:a` + role `b:member`): kept once, reported.
    @Test func grantsSpelledAlikeFromDifferentPartsAreKeptOnce() {
        var tenant = ClerkTenant(requested: Set(ClerkCollection.allCases))
        let odd = ClerkOrganization(id: "a:role:b", name: "Odd", slug: "odd")
        let plain = ClerkOrganization(id: "a", name: "Plain", slug: "plain")
        tenant.organizations = [odd, plain]
        tenant.roles = [ClerkRole(id: "b:member", key: "org:odd", name: "Odd role")]
        tenant.users = [ClerkUser(id: "u")]
        tenant.memberships = [
            SampleTenant.membership("mem_1", "u", odd, "org:odd"), SampleTenant.membership("mem_2", "u", plain, "org:odd"),
        ]
        let graph = GraphBuilder.build(from: tenant)
        let ids = graph.grants.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.filter { $0 == "organization:a:role:b:member:user:u" }.count == 1)
        #expect(graph.diagnostics.contains { $0.code == .duplicateGrant && $0.subject == "organization:a:role:b:member:user:u" })
    }
}
