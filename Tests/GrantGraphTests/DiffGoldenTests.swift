import CanonicalJSON
import Foundation
import GoldenFiles
import GrantDiff
import SnapshotFormat
import Testing

/// Golden files of the diff between the `demo` tenant and `demo-next` (the same tenant a week later, with
/// the known changes listed in fixtures/demo-next/README.md). The two input snapshots are themselves golden
/// files, kept equal to fresh exports by `DiffCommandTests.demoExportsMatchTheDiffInputs`.
enum DiffGolden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// One of the shared demo snapshots (`DemoSnapshotFiles`).
    static func load(_ name: String) throws -> Snapshot {
        try SnapshotDecoder.decode(Data(contentsOf: DemoSnapshotFiles.folder.file(name)))
    }

    /// Byte-for-byte comparison, failing at the caller's line; `CLERK_GRANTS_RECORD_GOLDEN=1` rewrites the file and fails.
    static func assertMatches(_ actual: [UInt8], file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFolder(folder).assertMatches(actual, file: name, sourceLocation: sourceLocation)
    }
}

@Suite struct DiffGoldenTests {
    let diff: SnapshotDiff

    init() throws {
        diff = SnapshotDiffer.diff(old: try DiffGolden.load("demo.snapshot.json"), new: try DiffGolden.load("demo-next.snapshot.json"))
    }

    @Test func textDiffMatchesGolden() throws {
        try DiffGolden.assertMatches(Array(DiffTextRenderer(color: false).render(diff).utf8), file: "diff-demo.txt")
    }

    @Test func markdownDiffMatchesGolden() throws {
        try DiffGolden.assertMatches(Array(DiffMarkdownRenderer.render(diff).utf8), file: "diff-demo.md")
    }

    @Test func jsonDiffMatchesGolden() throws {
        try DiffGolden.assertMatches(DiffJSONRenderer.render(diff), file: "diff-demo.json")
    }

    /// The known list of changes of fixtures/demo-next/README.md, item by item, independent of rendering.
    @Test func everyKnownChangeIsReported() throws {
        // a, b: Peggy added with an org:member membership, Oscar removed with his org:auditor membership.
        #expect(diff.resourcesAdded.map(\.id) == ["user:user_2NxPeggyPark000000000000000"])
        #expect(diff.resourcesRemoved.map(\.id) == ["user:user_2NxOscarOrtiz00000000000000"])
        let added = diff.grantsAdded.filter { $0.kind == .member || $0.kind == .role }
        #expect(Set(added.map(\.membershipID)) == ["orgmem_2MxUmbrellaPeggy00000000000"])
        #expect(added.map(\.kind) == [.member, .role] || added.map(\.kind) == [.role, .member])
        #expect(added.allSatisfy { $0.roleKey == "org:member" && $0.principal.email == "peggy.park@example.com" })
        #expect(Set(diff.grantsRemoved.map(\.membershipID)) == ["orgmem_2MxUmbrellaOscar00000000000"])
        #expect(diff.grantsRemoved.count == 2)
        // c: Heidi banned.
        let heidi = try #require(diff.resourcesChanged.first { $0.record.id == "user:user_2NxHeidiHughes0000000000000" })
        #expect(heidi.changes == [.init(field: "banned", old: .bool(false), new: .bool(true))])
        // d, g: Bob org:member -> org:admin (a privilege increase), Niaj's unresolved key fixed; one line each.
        #expect(diff.roleChanges.map(\.membershipID) == ["orgmem_2MxGlobexBob000000000000000", "orgmem_2MxGlobexNiaj00000000000000"])
        let bob = diff.roleChanges[0]
        #expect(bob.oldRoleKey == "org:member" && bob.newRoleKey == "org:admin" && bob.privilegeIncrease)
        #expect(bob.removedGrant != nil && bob.addedGrant != nil)
        let niaj = diff.roleChanges[1]
        #expect(niaj.oldRoleKey == "org:legacy_editor" && niaj.newRoleKey == "org:member" && !niaj.privilegeIncrease)
        #expect(niaj.removedGrant == nil && niaj.addedGrant != nil)
        #expect(diff.grantsChanged.isEmpty, "the member grants' role keys are told by the role changes")
        // e: org:auditor gains org:reports:manage, marked as a privilege increase.
        let permission = try #require(diff.grantsAdded.first { $0.kind == .permission })
        #expect(permission.permission?.key == "org:reports:manage" && permission.roleKey == "org:auditor" && permission.privilegeIncrease)
        let auditor = try #require(diff.resourcesChanged.first { $0.record.id == "role:role_2RxAuditor00000000000000000" })
        #expect(auditor.changes.map(\.field) == ["permission_ids", "permission_keys"])
        // f: Globex renamed (the organization, and the display names of its entitlements).
        let globex = try #require(diff.resourcesChanged.first { $0.record.id == "organization:org_2QxGlobex000000000000000000" })
        #expect(globex.changes.contains(.init(field: "name", old: .string("Globex"), new: .string("Globex Corporation"))))
        #expect(diff.entitlementsChanged.count == 5)
        #expect(diff.entitlementsChanged.allSatisfy { $0.record.resource == "organization:org_2QxGlobex000000000000000000" })
        // g, l: the unresolved-role diagnostic disappeared, and so did the membership outside its role set; nothing appeared.
        #expect(Set(diff.diagnosticsDisappeared.map(\.code)) == [.unresolvedRoleKey, .roleOutsideRoleSet])
        #expect(diff.diagnosticsAppeared.isEmpty)
        #expect(diff.resourcesChanged.count == 4)
        // h: a new pending invitation to Acme's admin role is a privilege increase.
        #expect(diff.accessPathsAdded.map(\.id) == ["invitation:orginv_2IxAcmeNewAdmin000000000000"])
        #expect(diff.accessPathsAdded.first?.principal == "email:new.admin@example.com")
        #expect(diff.accessPathsAdded.first?.privilegeIncrease == true)
        // i: the stale Initech invitation is gone.
        #expect(diff.accessPathsRemoved.map(\.id) == ["invitation:orginv_2IxInitechContractor0000000"])
        // j, m: Globex's domain now invites automatically; Umbrella's enterprise connection is inactive.
        #expect(diff.accessPathsChanged.map(\.record.id)
            == ["enterprise_connection:ent_2ExUmbrellaOkta000000000000", "organization_domain:orgdmn_2DxGlobexSuggest00000000000"])
        #expect(diff.accessPathsChanged.first?.changes.contains(.init(field: "status", old: .string("active"), new: .string("inactive"))) == true)
        #expect(diff.accessPathsChanged.last?.changes.first
            == .init(field: "source.enrollment_mode", old: .string("automatic_suggestion"), new: .string("automatic_invitation")))
        // k: billing-sync may now call report-builder.
        #expect(diff.grantsAdded.filter { $0.kind == .access }.map(\.id)
            == ["machine:mch_2MxReportBuilder00000000000:access:machine:mch_2MxBillingSync0000000000000"])
        // l: the restricted role set gains org:billing_manager.
        #expect(diff.roleSetChanges.map(\.roleSet.id) == ["role_set:rs_2SxRestricted00000000000000"])
        #expect(diff.roleSetChanges.first?.rolesAdded == ["org:billing_manager"] && diff.roleSetChanges.first?.rolesRemoved == [])
        #expect(diff.privilegeIncreases == 3)
        #expect(DiffSummary.headline(diff)
            == "users +1 -1 ~1, organizations ~1, roles ~1, role sets ~1, entitlements ~5, grants +4 -2, access paths +1 -1 ~2, role changes 2, diagnostics -2, privilege increases 3")
    }

    @Test func aSnapshotComparedWithItselfHasNoChanges() throws {
        let demo = try DiffGolden.load("demo.snapshot.json")
        let same = SnapshotDiffer.diff(old: demo, new: demo)
        #expect(same.isEmpty && same.digestsEqual)
        #expect(DiffSummary.headline(same) == "no changes")
        #expect(DiffTextRenderer(color: false).render(same).hasSuffix("\nNo changes (equal digests).\n"))
    }

    @Test func colorIsOnlyWrittenWhenAsked() {
        let plain = DiffTextRenderer(color: false).render(diff)
        let colored = DiffTextRenderer(color: true).render(diff)
        #expect(!plain.contains("\u{1B}["))
        #expect(colored.contains("\u{1B}[1;31m!! privilege increase"))
        // Stripping the escapes gives back the plain text.
        #expect(colored.replacing(/\x{1B}\[[0-9;]*m/, with: "") == plain)
    }
}
