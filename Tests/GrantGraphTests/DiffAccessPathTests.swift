import CanonicalJSON
import ClerkModel
import GrantDiff
import SnapshotFormat
import Testing

/// Snapshot 1.1 content written out by hand: role sets, machines with scopes, access paths.
enum AccessPathSample {
    static let created = "2026-01-01T00:00:00.000Z"

    static func roleSet(_ id: String, key: String, roles: [Resource]) -> Resource {
        Resource(
            type: .roleSet, clerkID: id, displayName: key,
            attributes: JSONObject([
                (key: "created_at", value: .string(created)), (key: "creator_role_id", value: .null),
                (key: "default_role_id", value: .null), (key: "key", value: .string(key)), (key: "migration", value: .null),
                (key: "name", value: .string(key)), (key: "role_ids", value: .array(roles.map(\.clerkID).sorted().map(JSONValue.string))),
                (key: "role_keys", value: .array(roles.compactMap { $0.string("key") }.sorted().map(JSONValue.string))),
                (key: "type", value: .string("custom")),
            ]))
    }

    static func machine(_ id: String) -> Resource {
        Resource(
            type: .machine, clerkID: id, displayName: "Machine \(id)",
            attributes: JSONObject([
                (key: "created_at", value: .string(created)), (key: "default_token_ttl", value: .int(3600)),
                (key: "name", value: .string("Machine \(id)")),
            ]))
    }

    static func machineEntitlement(_ id: String) -> Entitlement {
        Entitlement(
            resource: "machine:\(id)", kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine],
            displayName: "Call Machine \(id)")
    }

    /// `from` may call `to`.
    static func scope(from: String, to: String) -> Grant {
        Grant(entitlement: Entitlement.accessID(machine: to), principal: "machine:\(from)", source: .init())
    }

    static func invitation(_ id: String, email: String, role: Resource?, createdAt: String = created, matchingUser: String? = nil) -> AccessPath {
        let roleKey = role?.string("key") ?? "org:gone"
        return AccessPath(
            id: "invitation:\(id)", kind: .invitation, organization: DiffSample.organization.id,
            entitlement: role.map { DiffSample.roleEntitlement($0).id } ?? DiffSample.memberEntitlement.id,
            principal: "email:\(email)", status: "pending", matchingUser: matchingUser,
            source: JSONObject([
                (key: "created_at", value: .string(createdAt)), (key: "email_address", value: .string(email)),
                (key: "expires_at", value: .null), (key: "inviter", value: .null), (key: "role_key", value: .string(roleKey)),
                (key: "role_name", value: .null),
            ]))
    }

    static func domain(_ id: String, name: String, role: Resource, verified: Bool, mode: String = "automatic_invitation") -> AccessPath {
        AccessPath(
            id: "organization_domain:\(id)", kind: .domainEnrollment, organization: DiffSample.organization.id,
            entitlement: DiffSample.roleEntitlement(role).id, principal: "email_domain:\(name)",
            status: verified ? "verified" : "unverified",
            source: JSONObject([
                (key: "created_at", value: .string(created)), (key: "default_role_key", value: .string(role.string("key")!)),
                (key: "enrollment_mode", value: .string(mode)), (key: "name", value: .string(name)),
                (key: "total_pending_invitations", value: .int(0)), (key: "total_pending_suggestions", value: .int(0)),
                (key: "verified", value: .bool(verified)),
            ]))
    }

    /// A 1.1 snapshot of `DiffSample`'s organization and roles plus the given 1.1 content.
    static func snapshot(
        extraResources: [Resource] = [], extraEntitlements: [Entitlement] = [], grants: [Grant] = [], paths: [AccessPath] = [],
        diagnostics: [Diagnostic] = [], schemaVersion: String = "1.1", generatedAt: String = "2026-11-20T00:00:00Z"
    ) -> Snapshot {
        let entitlements = [
            DiffSample.memberEntitlement, DiffSample.roleEntitlement(DiffSample.admin), DiffSample.roleEntitlement(DiffSample.member),
            DiffSample.roleEntitlement(DiffSample.viewer),
        ]
        var graph = AccessGraph(
            resources: DiffSample.base + extraResources, entitlements: entitlements + extraEntitlements,
            grants: DiffSample.membership("m_a", user: "user_a", role: DiffSample.admin) + grants, diagnostics: diagnostics,
            accessPaths: paths)
        graph.canonicalize()
        return Snapshot(
            generatedAt: generatedAt, tool: .init(version: "test"),
            source: .init(apiURL: "fixture:sample", instance: "fixture:sample", collections: Array(ClerkCollection.allCases)),
            complete: true, graph: graph, schemaVersion: schemaVersion)
    }
}

@Suite struct DiffAccessPathTests {
    typealias S = AccessPathSample

    @Test func aNewPendingAdminInvitationIsAPrivilegeIncreaseAndAMemberOneIsNot() {
        let old = S.snapshot(paths: [S.invitation("inv_old", email: "old@example.com", role: DiffSample.member)])
        let new = S.snapshot(paths: [
            S.invitation("inv_admin", email: "eve@example.com", role: DiffSample.admin),
            S.invitation("inv_member", email: "mallory@example.com", role: DiffSample.member, matchingUser: "user:user_b"),
        ])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.accessPathsAdded.map(\.id) == ["invitation:inv_admin", "invitation:inv_member"])
        #expect(diff.accessPathsAdded.map(\.privilegeIncrease) == [true, false])
        #expect(diff.accessPathsAdded[0].role?.key == "org:admin")
        #expect(diff.accessPathsAdded[1].matchingUser?.email == "user_b@example.com")
        #expect(diff.accessPathsRemoved.map(\.id) == ["invitation:inv_old"])
        #expect(diff.accessPathsRemoved[0].privilegeIncrease == false)
        #expect(diff.privilegeIncreases == 1)
        #expect(!diff.isEmpty)
        #expect(DiffSummary.headline(diff) == "access paths +2 -1, privilege increases 1")

        let text = DiffTextRenderer(color: false).render(diff)
        #expect(text.contains("""
            Access paths
              Org (organization:org_1)
                + invitation invitation:inv_admin: email:eve@example.com -> org:admin (role:role_admin), pending  !! privilege increase
                + invitation invitation:inv_member: email:mallory@example.com -> org:member (role:role_member), pending, matches user_b <user_b@example.com> (user:user_b)
                - invitation invitation:inv_old: email:old@example.com -> org:member (role:role_member), pending

            """))
        let markdown = DiffMarkdownRenderer.render(diff)
        #expect(markdown.contains("- added: invitation `invitation:inv_admin` `email:eve@example.com` → `org:admin` `role:role_admin`, pending — ⚠ **privilege increase**"))
    }

    @Test func aChangedPathListsItsFieldsAndAPathMovedToAnAdminRoleIsAnIncrease() {
        let old = S.snapshot(paths: [
            S.domain("dom_1", name: "example.com", role: DiffSample.member, verified: false),
            S.invitation("inv_1", email: "a@example.com", role: DiffSample.member),
        ])
        let new = S.snapshot(paths: [
            S.domain("dom_1", name: "example.com", role: DiffSample.admin, verified: false),
            S.invitation("inv_1", email: "a@example.com", role: DiffSample.member, createdAt: "2026-02-01T00:00:00.000Z"),
        ])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.accessPathsChanged.map(\.record.id) == ["invitation:inv_1", "organization_domain:dom_1"])
        #expect(diff.accessPathsChanged[0].changes.map(\.field) == ["source.created_at"])
        #expect(!diff.accessPathsChanged[0].record.privilegeIncrease)
        #expect(diff.accessPathsChanged[1].changes.map(\.field) == ["entitlement", "source.default_role_key"])
        #expect(diff.accessPathsChanged[1].record.privilegeIncrease)
        #expect(diff.privilegeIncreases == 1)
    }

    /// The digests of the two sides may be equal (a path is outside a 1.0 digest's framing); paths are still compared.
    @Test func accessPathsAreComparedWhateverTheDigests() {
        let old = S.snapshot()
        let new = S.snapshot(paths: [S.invitation("inv_1", email: "a@example.com", role: DiffSample.admin)])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.accessPathsAdded.map(\.id) == ["invitation:inv_1"])
        #expect(!diff.isEmpty)
    }

    @Test func roleSetChangesNameTheRolesAddedAndRemoved() {
        let old = S.snapshot(extraResources: [
            S.roleSet("rs_1", key: "restricted", roles: [DiffSample.member, DiffSample.viewer]),
            S.roleSet("rs_gone", key: "gone", roles: [DiffSample.viewer]),
        ])
        let new = S.snapshot(extraResources: [
            S.roleSet("rs_1", key: "restricted", roles: [DiffSample.admin, DiffSample.member]),
            S.roleSet("rs_new", key: "fresh", roles: [DiffSample.member]),
        ])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.roleSetChanges.map(\.roleSet.id) == ["role_set:rs_1", "role_set:rs_gone", "role_set:rs_new"])
        #expect(diff.roleSetChanges.map(\.mark) == [.changed, .removed, .added])
        #expect(diff.roleSetChanges[0].rolesAdded == ["org:admin"] && diff.roleSetChanges[0].rolesRemoved == ["org:viewer"])
        #expect(diff.roleSetChanges[0].otherChanges.isEmpty)
        #expect(diff.roleSetChanges[1].rolesRemoved == ["org:viewer"])
        #expect(diff.roleSetChanges[2].rolesAdded == ["org:member"])
        let row = DiffSummary.rows(diff).first { $0.counted == .resources(.roleSet) }
        #expect(row.map { [$0.added, $0.removed, $0.changed] } == [1, 1, 1])

        let text = DiffTextRenderer(color: false).render(diff)
        #expect(text.contains("""
            Role sets
              ~ role_set restricted (role_set:rs_1): roles +org:admin -org:viewer
              - role_set gone (role_set:rs_gone): roles -org:viewer
              + role_set fresh (role_set:rs_new): roles +org:member

            """))
        #expect(!text.contains("Resources\n"), "role sets are told once, under Role sets")
    }

    @Test func machineScopesHaveTheirOwnSection() {
        let machines = [S.machine("mch_a"), S.machine("mch_b"), S.machine("mch_c")]
        let entitlements = machines.map { S.machineEntitlement($0.clerkID) }
        let old = S.snapshot(extraResources: machines, extraEntitlements: entitlements, grants: [S.scope(from: "mch_a", to: "mch_b")])
        let new = S.snapshot(extraResources: machines, extraEntitlements: entitlements, grants: [S.scope(from: "mch_c", to: "mch_b")])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.grantsAdded.map(\.id) == ["machine:mch_b:access:machine:mch_c"])
        #expect(diff.grantsAdded[0].kind == .access && diff.grantsAdded[0].machine?.id == "machine:mch_b")
        #expect(diff.grantsAdded[0].organization == nil && !diff.grantsAdded[0].privilegeIncrease)
        let layout = DiffLayout(diff)
        #expect(layout.sections == [.machineAccess])
        #expect(layout.organizations.isEmpty)
        let text = DiffTextRenderer(color: false).render(diff)
        #expect(text.contains("""
            Machine access
              Machine mch_b (machine:mch_b) can be called by
                + Machine mch_c (machine:mch_c) now in scope
                - Machine mch_a (machine:mch_a) no longer in scope

            """))
        let json = DiffJSONRenderer.json(diff)
        let added = json.objectValue?["grants"]?.objectValue?["added"]?.arrayValue?.first?.objectValue
        #expect(added?["kind"] == .string("access"))
        #expect(added?["machine"]?.objectValue?["id"] == .string("machine:mch_b"))
    }

    @Test func aOneZeroSideAgainstAOneOneSideNamesBothVersionsAndCountsTheNewKinds() {
        let old = S.snapshot(schemaVersion: "1.0")
        let new = S.snapshot(paths: [S.invitation("inv_1", email: "a@example.com", role: DiffSample.viewer)])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.schemaVersionsDiffer && diff.comparesAccessPaths)
        #expect(DiffSummary.rows(diff).map(\.label) == [
            "users", "organizations", "roles", "permissions", "role sets", "machines", "entitlements", "grants", "access paths",
        ])
        let text = DiffTextRenderer(color: false).render(diff)
        #expect(text.contains("  schema 1.0 -> 1.1\n"))
        #expect(DiffMarkdownRenderer.render(diff).contains("Snapshot schema `1.0` → `1.1`."))
        let json = DiffJSONRenderer.json(diff).objectValue!
        #expect(json["schema_version"] == .string("1.1"))
        #expect(json["old"]?.objectValue?["schema_version"] == .string("1.0"))
        #expect(json["new"]?.objectValue?["schema_version"] == .string("1.1"))
        #expect(json["summary"]?.objectValue?["access_paths"] == ["added": 1, "removed": 0, "changed": 0])
        #expect(json["summary"]?.objectValue?["resources"]?.objectValue?["role_set"] == ["added": 0, "removed": 0, "changed": 0])
        #expect(json["role_sets"] == .array([]))
        #expect(json["access_paths"]?.objectValue?["added"]?.arrayValue?.count == 1)
    }

    @Test func theSameGraphInTwoVersionsIsADifference() {
        let diff = SnapshotDiffer.diff(old: S.snapshot(schemaVersion: "1.0"), new: S.snapshot())
        #expect(!diff.isEmpty)
        #expect(DiffSummary.headline(diff) == "schema version only")
    }

    @Test func twoOneZeroSidesKeepTheOneZeroShape() {
        let diff = SnapshotDiffer.diff(old: S.snapshot(schemaVersion: "1.0"), new: S.snapshot(schemaVersion: "1.0", generatedAt: "2026-11-21T00:00:00Z"))
        #expect(DiffSummary.rows(diff).map(\.label) == ["users", "organizations", "roles", "permissions", "entitlements", "grants"])
        let json = DiffJSONRenderer.json(diff).objectValue!
        #expect(json["schema_version"] == .string("1.0"))
        #expect(json["access_paths"] == nil && json["role_sets"] == nil)
        #expect(json["old"]?.objectValue?["schema_version"] == nil)
    }

    /// DiffLayout is the one list of sections: every renderer shows them in this order.
    @Test func sectionsComeInOneOrder() {
        let machines = [S.machine("mch_a"), S.machine("mch_b")]
        let entitlements = machines.map { S.machineEntitlement($0.clerkID) }
        let old = S.snapshot(extraResources: machines + [S.roleSet("rs_1", key: "r", roles: [DiffSample.member])], extraEntitlements: entitlements)
        var renamed = DiffSample.organization
        renamed.displayName = "Org 2"
        var new = S.snapshot(
            extraResources: machines + [S.roleSet("rs_1", key: "r", roles: [DiffSample.admin])], extraEntitlements: entitlements,
            grants: [S.scope(from: "mch_a", to: "mch_b")] + DiffSample.membership("m_b", user: "user_b", role: DiffSample.viewer),
            paths: [S.invitation("inv_1", email: "a@example.com", role: DiffSample.member)],
            diagnostics: [Diagnostic(code: .roleSetMigration, severity: .warning, message: "migrating", subject: "role_set:rs_1")])
        new.graph.resources = new.graph.resources.map { $0.id == renamed.id ? renamed : $0 }
        let diff = SnapshotDiffer.diff(old: old, new: new)
        let layout = DiffLayout(diff)
        #expect(layout.sections == [.grants, .machineAccess, .accessPaths, .roleSets, .resources, .diagnostics])
        let text = DiffTextRenderer(color: false).render(diff)
        let titles = DiffLayout.Section.allCases.map(\.title).filter { text.contains("\n\($0)\n") }
        #expect(titles == ["Grants", "Machine access", "Access paths", "Role sets", "Resources", "Diagnostics"])
        let markdown = DiffMarkdownRenderer.render(diff)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) }
        #expect(headings == titles)
    }
}
