import CanonicalJSON
import ClerkModel
import Foundation
import GoldenFiles
@testable import GrantDiff
import GrantGraph
@testable import SnapshotFormat
import Testing

/// The lean reader (`IndexedSnapshot`) held against the full one (`SnapshotValidator`, `SnapshotDecoder`):
/// it may leave a valid file to the full reader, but must never accept a file the validator rejects, must
/// read the same values from the files it accepts, and must lead to the same diff.
@Suite struct IndexedSnapshotTests {
    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: DemoSnapshotFiles.folder.file(name))
    }

    static func snapshotData(_ graph: AccessGraph, instance: String = "sha256:0123456789abcdef") -> Data {
        let snapshot = Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "https://api.clerk.com", instance: instance, collections: ClerkCollection.allCases),
            complete: true, graph: graph)
        return Data(SnapshotEncoder.encode(snapshot))
    }

    static func pretty(_ data: Data) throws -> Data {
        Data(CanonicalJSONWriter.encodePretty(try JSONParser.parse(data)))
    }

    static func renderings(_ diff: SnapshotDiff) -> [[UInt8]] {
        [Array(DiffTextRenderer(color: false).render(diff).utf8), Array(DiffMarkdownRenderer.render(diff).utf8), DiffJSONRenderer.render(diff)]
    }

    /// Reads `data` both ways and checks that every value agrees, record by record.
    static func expectSameReading(_ data: Data) throws {
        let indexed = try #require(IndexedSnapshot(data))
        let decoded = try SnapshotDecoder.decode(data)
        #expect(indexed.schemaVersion == decoded.schemaVersion && indexed.generatedAt == decoded.generatedAt)
        #expect(indexed.tool == decoded.tool && indexed.source == decoded.source && indexed.complete == decoded.complete)
        #expect(indexed.digest == decoded.digest && indexed.diagnostics == decoded.graph.diagnostics)
        #expect(indexed.counts.map(\.key) == decoded.counts.map(\.key) && indexed.counts.map(\.value) == decoded.counts.map(\.value))
        #expect(indexed.decoded() == decoded)
        let graph = decoded.graph
        #expect(graph.resources.indices.map(indexed.resource(at:)) == graph.resources)
        #expect(graph.entitlements.indices.map(indexed.entitlement(at:)) == graph.entitlements)
        #expect(graph.grants.indices.map(indexed.grant(at:)) == graph.grants)
        for (position, grant) in graph.grants.enumerated() {
            #expect(indexed.membershipID(ofGrant: position) == grant.source.membershipID)
            #expect(indexed.entitlementKind(ofGrant: position) == graph.entitlements.first { $0.id == grant.entitlement }?.kind)
        }
        for (position, resource) in graph.resources.enumerated() { #expect(indexed.resourcePosition(id: resource.id) == position) }
        for (position, entitlement) in graph.entitlements.enumerated() { #expect(indexed.entitlementPosition(id: entitlement.id) == position) }
        #expect(indexed.resourcePosition(id: "user:nobody") == nil && indexed.entitlementPosition(id: "") == nil)
    }

    @Test(arguments: ["demo.snapshot.json", "demo-next.snapshot.json"])
    func goldenSnapshotsReadTheSameBothWays(name: String) throws {
        try Self.expectSameReading(try Self.golden(name))
    }

    @Test func leanDiffIsTheDecodedDiffAndMatchesTheGoldenFiles() throws {
        let (oldData, newData) = (try Self.golden("demo.snapshot.json"), try Self.golden("demo-next.snapshot.json"))
        let (old, new) = (try #require(IndexedSnapshot(oldData)), try #require(IndexedSnapshot(newData)))
        let lean = SnapshotDiffer.diff(old: old, new: new)
        try DiffGolden.assertMatches(Array(DiffTextRenderer(color: false).render(lean).utf8), file: "diff-demo.txt")
        try DiffGolden.assertMatches(Array(DiffMarkdownRenderer.render(lean).utf8), file: "diff-demo.md")
        try DiffGolden.assertMatches(DiffJSONRenderer.render(lean), file: "diff-demo.json")
        // And backwards, where there is no golden file: the decoded diff is the reference.
        let back = SnapshotDiffer.diff(old: new, new: old)
        let decodedBack = SnapshotDiffer.diff(old: try SnapshotDecoder.decode(newData), new: try SnapshotDecoder.decode(oldData))
        #expect(Self.renderings(back) == Self.renderings(decodedBack))
        #expect(!back.isEmpty && !back.roleChanges.isEmpty)
        #expect(SnapshotDiffer.diff(old: old, new: old).isEmpty)
    }

    @Test func reformattedSnapshotsAreReadLeanAndDiffTheSame() throws {
        let old = try Self.golden("demo.snapshot.json")
        let new = try Self.golden("demo-next.snapshot.json")
        let prettyNew = try Self.pretty(new)
        #expect(prettyNew != new)
        try Self.expectSameReading(prettyNew)
        // Only the layout differs: the same digest, so no changes.
        let same = SnapshotDiffer.diff(old: try #require(IndexedSnapshot(new)), new: try #require(IndexedSnapshot(prettyNew)))
        #expect(same.isEmpty && same.digestsEqual)
        // A real change against a reformatted file: no record's bytes are equal, so every one is compared by value.
        let changed = SnapshotDiffer.diff(old: try #require(IndexedSnapshot(old)), new: try #require(IndexedSnapshot(prettyNew)))
        try DiffGolden.assertMatches(DiffJSONRenderer.render(changed), file: "diff-demo.json")
        let prettyOld = try #require(IndexedSnapshot(try Self.pretty(old)))
        #expect(Self.renderings(SnapshotDiffer.diff(old: prettyOld, new: try #require(IndexedSnapshot(new)))) == Self.renderings(changed))
    }

    /// Quotes, backslashes, control characters, `\u` escapes and multi-byte UTF-8 in names and attributes.
    @Test func escapedAndNonASCIITextIsReadAndCompared() throws {
        func graph(_ name: String) -> AccessGraph {
            let user = ClerkUser(id: "user_zoe", primaryEmail: "zoë@example.com", firstName: name, lastName: "Ünal \"Z\" \\ \u{7}\u{1F600}", createdAt: 1_700_000_000_000)
            return GraphBuilder.build(from: SampleTenant.tenant(
                memberships: [SampleTenant.membership("mem_1", "user_zoe", SampleTenant.acme, "org:admin")],
                users: [SampleTenant.alice, user]))
        }
        let old = Self.snapshotData(graph("Zoë\t"))
        let new = Self.snapshotData(graph("Zoé\n"))
        #expect(String(decoding: old, as: UTF8.self).contains(#"\u0007"#))
        try Self.expectSameReading(old)
        try Self.expectSameReading(new)
        let lean = SnapshotDiffer.diff(old: try #require(IndexedSnapshot(old)), new: try #require(IndexedSnapshot(new)))
        #expect(lean.resourcesChanged.map(\.record.id) == ["user:user_zoe"])
        #expect(Self.renderings(lean) == Self.renderings(SnapshotDiffer.diff(old: try SnapshotDecoder.decode(old), new: try SnapshotDecoder.decode(new))))
    }

    /// A valid file outside what the lean reader handles (here an escaped field name) is decoded whole, and
    /// a diff against it is made from decoded snapshots on both sides.
    @Test func validFilesTheLeanReaderLeavesAloneStillDiff() throws {
        let old = try Self.golden("demo.snapshot.json")
        let text = String(decoding: try Self.golden("demo-next.snapshot.json"), as: UTF8.self)
        let new = Data(text.replacingOccurrences(of: #""complete": true"#, with: #""compl\u0065te": true"#).utf8)
        #expect(IndexedSnapshot(new) == nil)
        #expect(SnapshotValidator.validate(new).isValid)
        let input = try DiffInput(new)
        guard case .decoded = input else {
            Issue.record("expected the full reader's snapshot")
            return
        }
        let diff = SnapshotDiffer.diff(old: try DiffInput(old), new: input)
        try DiffGolden.assertMatches(DiffJSONRenderer.render(diff), file: "diff-demo.json")
    }

    /// Graphs whose digest is right but whose records contradict each other: only the reference, identity
    /// and order checks catch them.
    @Test func sealedButInconsistentSnapshotsAreRejected() throws {
        let base = GraphBuilder.build(from: SampleTenant.tenant(memberships: [
            SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin"),
            SampleTenant.membership("mem_2", "user_bob", SampleTenant.globex, "org:member"),
        ]))
        let member = try #require(base.grants.first { $0.entitlement.hasSuffix(":member") })
        let roleEntitlement = try #require(base.entitlements.first { $0.kind == .role })
        var cases: [(String, AccessGraph)] = []
        func add(_ name: String, canonicalize: Bool = true, _ change: (inout AccessGraph) -> Void) {
            var graph = base
            change(&graph)
            if canonicalize { graph.canonicalize() }
            cases.append((name, graph))
        }
        add("grant of a missing entitlement") { $0.grants.append(Grant(entitlement: "organization:org_nowhere:member", principal: "user:user_alice", source: .init())) }
        add("grant to a missing principal") { $0.grants.append(Grant(entitlement: member.entitlement, principal: "user:user_ghost", source: .init())) }
        add("grant to a principal of the wrong type") { $0.grants.append(Grant(entitlement: member.entitlement, principal: "role:role_admin", source: .init())) }
        add("grant id not entitlement:principal") { $0.grants[0].id += "x" }
        add("grant id of another grant") { $0.grants[1].id = $0.grants[0].id }
        add("repeated grant") { $0.grants.append($0.grants[0]) }
        add("grants out of order", canonicalize: false) { $0.grants.swapAt(0, 1) }
        add("resources out of order", canonicalize: false) { $0.resources.swapAt(0, 1) }
        add("entitlements out of order", canonicalize: false) { $0.entitlements.swapAt(0, 1) }
        add("repeated resource") { $0.resources.append($0.resources[0]) }
        add("resource id not type:clerk_id") { $0.resources[0].id = "user:someone_else" }
        add("resource id of another type") { $0.resources[0].id = "role:" + $0.resources[0].clerkID }
        add("entitlement of a missing resource") {
            $0.entitlements.append(Entitlement(resource: "organization:org_nowhere", kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user], displayName: "x"))
        }
        add("entitlement naming a user as its role") {
            $0.entitlements.append(Entitlement(resource: "organization:org_acme", kind: .role, slug: "role:x", purpose: .assignment, grantableTo: [.user], displayName: "x", role: "user:user_alice"))
        }
        add("entitlement id not resource:slug") { $0.entitlements[0].id += "x" }
        add("repeated entitlement") { $0.entitlements.append($0.entitlements[0]) }
        add("entitlement grantable to nobody") {
            let index = $0.entitlements.firstIndex { $0.id == roleEntitlement.id }!
            $0.entitlements[index].grantableTo = []
        }
        for (name, graph) in cases {
            let data = Self.snapshotData(graph)
            #expect(!SnapshotValidator.validate(data).isValid, "\(name)")
            #expect(IndexedSnapshot(data) == nil, "\(name)")
        }
        try Self.expectSameReading(Self.snapshotData(base))
    }

    /// The text with its digest replaced by that of its records as they now stand, so that an edit of a
    /// record is judged by the record rules, not merely caught by the digest.
    static func resealed(_ text: String) -> String {
        guard let range = text.range(of: #"sha256:[0-9a-f]{64}"#, options: .regularExpression),
            case .object(let root)? = try? JSONParser.parse(text)
        else { return text }
        let version = root["schema_version"]?.stringValue.flatMap(SnapshotLayout.Version.init(reading:)) ?? .latest
        var sections: [SnapshotSection: [JSONValue]] = [:]
        for section in version.digestSections { sections[section] = root[section.rawValue]?.arrayValue ?? [] }
        let digest = SnapshotDigest.compute(sections, version: version)
        return text.replacingCharacters(in: range, with: digest)
    }

    /// Edits of the text, each with how the two readers judge it, as edited and resealed; whatever the
    /// index accepts, it reads as the validator's decoder does.
    @Test(arguments: [
        (#""display_name":"Acme""#, #""display_name":"Acme Corp""#, .validOnceResealed),
        (#""schema_version": "1.2""#, #""schema_version": "2.0""#, .rejected),
        // "1" reads as 1.0, which holds no access paths, role sets or machines.
        (#""schema_version": "1.2""#, #""schema_version": "1""#, .rejected),
        // A later minor reads as the latest this tool knows.
        (#""schema_version": "1.2""#, #""schema_version": "1.3""#, .valid),
        (#""schema_version": "1.2""#, #""schema_version": "1.0""#, .rejected),
        (#""schema": "clerk-grants.snapshot""#, #""schema": "something.else""#, .rejected),
        (#""users":2"#, #""users":3"#, .rejected),
        (#""users":2"#, #""users":2.0"#, .validForTheFullReaderOnly),
        (#""complete": true,"#, "", .rejected),
        (#""complete": true,"#, #""complete": true, "extra": 1,"#, .rejected),
        (#""generated_at": "2026-11-20T00:00:00Z""#, #""generated_at": "yesterday""#, .rejected),
        (#""severity":"warning""#, #""severity":"loud""#, .rejected),
        (#""collections":["#, #""collections":["groups","#, .rejected),
        (#""type":"user""#, #""type":"group""#, .rejected),
        (#""type":"user""#, #""type":"user","type":"user""#, .rejected),
        (#""kind":"member""#, #""kind":"owner""#, .rejected),
        (#""purpose":"assignment""#, #""purpose":"other""#, .rejected),
        (#""grantable_to":["user"]"#, #""grantable_to":["users"]"#, .rejected),
        (#""grantable_to":["user"]"#, #""grantable_to":"user""#, .rejected),
        (#""source":{"#, #""source":{"extra":[1,{"a":null}],"#, .validOnceResealed),
        (#""source":{"#, #""source":7,"ignored":{"#, .rejected),
        (#""role_key":"org:admin"}"#, #""role_key":null}"#, .validOnceResealed),
        (#""role_key":"org:admin"}"#, #""role_key":7}"#, .rejected),
        (#""attributes":{"#, #""attributes":null,"x":{"#, .rejected),
        (#""display_name":"Acme""#, #""display_name":null"#, .rejected),
        (#""display_name":"Acme""#, "\"display_name\":\"Ac\u{1}me\"", .rejected),
        (#""id":"user:user_alice""#, #""id":"user:user_\u0061lice""#, .validForTheFullReaderOnly),
        (#""resources": ["#, #""resources": [],"resources2": ["#, .rejected),
        (#""grants": ["#, #""grants": [], "grants": ["#, .rejected),
        (#""display_name":"Acme""#, #""display_name":"Acme","display_name":"Acme""#, .rejected),
        (#""source":{"#, #""source":{"x":{"a":1,"a":1},"#, .rejected),
        ("user_alice", "user:alice", .rejected),
        ("user_alice", #"user_\u0061lice"#, .validForTheFullReaderOnly),
        (#""granted_at":"2023-11-14T22:13:20.000Z""#, #""granted_at":"2023-11-14T22:13:20Z""#, .validOnceResealed),
        (#""granted_at":"2023-11-14T22:13:20.000Z""#, #""granted_at":"0999-11-14T22:13:20.000Z""#, .rejected),
        (#""role_key":"org:admin"}"#, #""role_key":"org:\u0085"}"#, .rejected),
        (#""membership_id":"mem_1""#, #""membership_id":"mem 1""#, .rejected),
        (#""membership_id":"mem_1""#, #""membership_id":null"#, .validOnceResealed),
        (#""members_count":2"#, #""members_count":-2"#, .rejected),
        (#""members_count":2"#, #""members_count":2.0"#, .rejected),
        (#""members_count":2"#, #""members_count":null"#, .validOnceResealed),
        (#""created_at":"2023-11-14T22:13:20.000Z","email_verified""#, #""created_at":null,"email_verified""#, .validOnceResealed),
        (#""created_at":"2023-11-14T22:13:20.000Z","email_verified""#, #""created_at":"2023-11-14T22:13:20.000+00:00","email_verified""#, .rejected),
        ("}\n", "}\n}", .rejected),
        ("}\n", "} \n\t ", .valid),
    ] as [(String, String, TextEditVerdict)])
    func textEditsAreJudgedAsTheValidatorJudgesThem(from: String, to: String, expected: TextEditVerdict) throws {
        let text = SnapshotValidatorTests.validSnapshotText()
        try #require(text.contains(from))
        let edited = text.replacingOccurrences(of: from, with: to)
        let asEdited = Data(edited.utf8)
        let resealed = Data(Self.resealed(edited).utf8)
        let judged = TextEditVerdict(
            valid: SnapshotValidator.validate(asEdited).isValid, indexed: IndexedSnapshot(asEdited) != nil,
            validResealed: SnapshotValidator.validate(resealed).isValid, indexedResealed: IndexedSnapshot(resealed) != nil)
        #expect(judged == expected)
        for data in [asEdited, resealed] where IndexedSnapshot(data) != nil {
            #expect(SnapshotValidator.validate(data).isValid)
            try Self.expectSameReading(data)
        }
    }

    /// Random damage to a small snapshot, from a fixed seed: whatever the lean reader accepts, the validator
    /// accepts too, and both read it the same. White space inserted between tokens keeps a file valid, so
    /// some of these also exercise the reader's canonical-digest fallback.
    @Test func randomlyDamagedSnapshotsAreNeverAcceptedWhenTheValidatorRejectsThem() throws {
        let original = Array(SnapshotValidatorTests.validSnapshotText().utf8)
        // Ids, keys and timestamps meet their rules through `:`, `/`, space, digits and C1 controls (C2 85).
        let interesting = Array(#" {}[],:"\0u-.eE9tfn/_13"#.utf8) + [0x00, 0x09, 0x0A, 0x7F, 0xC2, 0x85, 0xC3, 0xA9, 0xED, 0xFF]
        var random = SplitMix64(seed: 0x5EED)
        var accepted = 0
        for iteration in 0..<600 {
            var bytes = original
            for _ in 0...random.next(below: 2) {
                let position = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes[position] = interesting[random.next(below: interesting.count)]
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.next(below: 3)))
                case 2: bytes.insert(interesting[random.next(below: interesting.count)], at: position)
                default: bytes.insert([0x20, 0x0A, 0x09][random.next(below: 3)], at: position)
                }
            }
            // Every other file gets a matching digest, so damage inside a record meets the record rules.
            let data = iteration.isMultiple(of: 2) ? Data(bytes) : Data(Self.resealed(String(decoding: bytes, as: UTF8.self)).utf8)
            guard IndexedSnapshot(data) != nil else { continue }
            accepted += 1
            #expect(SnapshotValidator.validate(data).isValid, "\(String(decoding: bytes, as: UTF8.self))")
            try Self.expectSameReading(data)
        }
        #expect(accepted > 20, "the damage should leave some files valid, or this test checks little")
    }
}
