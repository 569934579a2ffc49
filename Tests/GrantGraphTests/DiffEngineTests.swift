import CanonicalJSON
import ClerkModel
import GrantDiff
import SnapshotFormat
import Testing

/// Small graphs written out by hand, to pin the diff engine's rules one at a time.
enum DiffSample {
    static func role(_ id: String, _ key: String, permissions: [String]) -> Resource {
        Resource(
            type: .role, clerkID: id, displayName: key,
            attributes: JSONObject([
                (key: "key", value: .string(key)), (key: "name", value: .string(key)),
                (key: "permission_keys", value: .array(permissions.map(JSONValue.string))),
            ]))
    }

    static func user(_ id: String, banned: Bool = false) -> Resource {
        Resource(
            type: .user, clerkID: id, displayName: id,
            attributes: JSONObject([(key: "banned", value: .bool(banned)), (key: "primary_email", value: .string("\(id)@example.com"))]))
    }

    static let organization = Resource(type: .organization, clerkID: "org_1", displayName: "Org", attributes: JSONObject())
    static let admin = role("role_admin", "org:admin", permissions: ["org:sys_memberships:manage", "org:sys_memberships:read"])
    static let member = role("role_member", "org:member", permissions: ["org:sys_memberships:read"])
    static let viewer = role("role_viewer", "org:viewer", permissions: ["org:reports:read"])
    static let memberEntitlement = Entitlement(
        resource: organization.id, kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user], displayName: "Member of Org")

    static func roleEntitlement(_ role: Resource) -> Entitlement {
        Entitlement(
            resource: organization.id, kind: .role, slug: "role:\(role.clerkID)", purpose: .assignment, grantableTo: [.user],
            displayName: "\(role.displayName) in Org", role: role.id, roleKey: role.string("key"))
    }

    static func permissionEntitlement(_ permission: Resource) -> Entitlement {
        Entitlement(
            resource: permission.id, kind: .permission, slug: "granted", purpose: .permission, grantableTo: [.role],
            displayName: "Permission \(permission.displayName)")
    }

    /// A membership: the member grant and, when `role` is given, the role grant.
    static func membership(_ id: String, user: String, role: Resource?, roleKey: String? = nil) -> [Grant] {
        let key = roleKey ?? role?.string("key")
        var grants = [
            Grant(entitlement: memberEntitlement.id, principal: "user:\(user)", source: .init(membershipID: id, roleKey: key, grantedAt: "2026-01-01T00:00:00.000Z"))
        ]
        if let role {
            grants.append(
                Grant(entitlement: roleEntitlement(role).id, principal: "user:\(user)", source: .init(membershipID: id, roleKey: key, grantedAt: "2026-01-01T00:00:00.000Z")))
        }
        return grants
    }

    static func snapshot(
        resources: [Resource], entitlements: [Entitlement]? = nil, grants: [Grant], diagnostics: [Diagnostic] = [],
        instance: String = "fixture:sample"
    ) -> Snapshot {
        var graph = AccessGraph(
            resources: resources,
            entitlements: entitlements ?? [memberEntitlement, roleEntitlement(admin), roleEntitlement(member), roleEntitlement(viewer)],
            grants: grants, diagnostics: diagnostics)
        graph.canonicalize()
        return Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "fixture:sample", instance: instance, collections: Array(ClerkCollection.allCases)),
            complete: true, graph: graph)
    }

    static let base: [Resource] = [organization, admin, member, viewer, user("user_a"), user("user_b")]
}

@Suite struct DiffEngineTests {
    @Test(arguments: [
        ("org:sys_memberships:manage", true), ("org:sys_billing:manage", true), ("org:sys_memberships:read", false),
        ("org:sys_profile:delete", false), ("org:invoices:delete", true), ("org:reports:manage", true),
        ("org:reports:read", false), ("org:managers:read", false),
    ])
    func privilegedPermissionKeys(key: String, privileged: Bool) {
        #expect(PrivilegeRule.isPrivileged(key) == privileged)
    }

    @Test func aRoleChangeOfOneMembershipIsOneLineAndWideningIsFlagged() {
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_a", user: "user_a", role: DiffSample.member))
        let new = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_a", user: "user_a", role: DiffSample.admin))
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.grantsAdded.isEmpty && diff.grantsRemoved.isEmpty && diff.grantsChanged.isEmpty)
        #expect(diff.roleChanges.count == 1)
        let change = diff.roleChanges[0]
        #expect(change.oldRoleKey == "org:member" && change.newRoleKey == "org:admin")
        #expect(change.gainedPrivileges == ["org:sys_memberships:manage"])
        #expect(change.principal.email == "user_a@example.com" && change.organization.name == "Org")
        // And back down again: a role change, but no privilege increase.
        let back = SnapshotDiffer.diff(old: new, new: old)
        #expect(back.roleChanges.count == 1 && !back.roleChanges[0].privilegeIncrease && back.privilegeIncreases == 0)
    }

    @Test func leavingAndRejoiningIsNotARoleChange() {
        // Same user and organization, but a new membership id: a removal and an addition, not a role change.
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_old", user: "user_a", role: DiffSample.member))
        let new = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_new", user: "user_a", role: DiffSample.admin))
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.roleChanges.isEmpty)
        #expect(diff.grantsAdded.map(\.roleKey) == ["org:admin"])
        #expect(diff.grantsAdded[0].privilegeIncrease)
        #expect(diff.grantsRemoved.map(\.roleKey) == ["org:member"])
        #expect(diff.grantsChanged.map { $0.changes.map(\.field) } == [["source.membership_id", "source.role_key"]])
    }

    @Test func newRoleGrantsAreFlaggedOnlyForPrivilegedRoles() {
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: [])
        let new = DiffSample.snapshot(
            resources: DiffSample.base,
            grants: DiffSample.membership("mem_a", user: "user_a", role: DiffSample.admin)
                + DiffSample.membership("mem_b", user: "user_b", role: DiffSample.viewer))
        let diff = SnapshotDiffer.diff(old: old, new: new)
        let flagged = diff.grantsAdded.filter(\.privilegeIncrease).map(\.id)
        #expect(flagged == [DiffSample.roleEntitlement(DiffSample.admin).id + ":user:user_a"])
        #expect(diff.privilegeIncreases == 1)
        #expect(diff.grantsAdded.count == 4)
    }

    @Test func aPermissionGrantedToARoleIsFlaggedWhenTheRoleBecomesPrivileged() {
        let permission = Resource(
            type: .permission, clerkID: "perm_reports_manage", displayName: "Manage reports",
            attributes: JSONObject([(key: "key", value: .string("org:reports:manage"))]))
        let widenedViewer = DiffSample.role("role_viewer", "org:viewer", permissions: ["org:reports:manage", "org:reports:read"])
        let entitlements = [DiffSample.memberEntitlement, DiffSample.roleEntitlement(DiffSample.viewer), DiffSample.permissionEntitlement(permission)]
        let old = DiffSample.snapshot(resources: DiffSample.base + [permission], entitlements: entitlements, grants: [])
        let grant = Grant(entitlement: DiffSample.permissionEntitlement(permission).id, principal: widenedViewer.id, source: .init())
        let new = DiffSample.snapshot(
            resources: [DiffSample.organization, DiffSample.admin, DiffSample.member, widenedViewer, DiffSample.user("user_a"), DiffSample.user("user_b"), permission],
            entitlements: entitlements, grants: [grant])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.grantsAdded.count == 1)
        #expect(diff.grantsAdded[0].privilegeIncrease)
        #expect(diff.grantsAdded[0].permission?.key == "org:reports:manage" && diff.grantsAdded[0].roleKey == "org:viewer")
        let roleChange = diff.resourcesChanged.first { $0.record.id == widenedViewer.id }
        #expect(roleChange?.changes.map(DiffFieldFormatter.describe) == ["+org:reports:manage"])
    }

    @Test func attributeChangesListOldAndNewIncludingAbsentOnes() {
        var renamed = DiffSample.user("user_b", banned: true)
        renamed.attributes["primary_email"] = nil
        renamed.attributes["two_factor_enabled"] = .bool(false)
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: [])
        let new = DiffSample.snapshot(resources: Array(DiffSample.base.dropLast()) + [renamed], grants: [])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.resourcesChanged.count == 1)
        #expect(diff.resourcesChanged[0].changes == [
            .init(field: "banned", old: .bool(false), new: .bool(true)),
            .init(field: "primary_email", old: .string("user_b@example.com"), new: nil),
            .init(field: "two_factor_enabled", old: nil, new: .bool(false)),
        ])
        #expect(diff.resourcesChanged[0].changes.map(DiffFieldFormatter.describe) == ["false -> true", "\"user_b@example.com\" -> (absent)", "(absent) -> false"])
    }

    @Test func diagnosticsAreMatchedOnCodeSubjectAndMessage() {
        let kept = Diagnostic(code: .danglingUser, severity: .warning, message: "m", subject: "user:user_a")
        let reworded = Diagnostic(code: .countMismatch, severity: .warning, message: "expected 3", subject: "collection:users")
        var reworded2 = reworded
        reworded2.message = "expected 4"
        var resevered = kept
        resevered.severity = .info
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: [], diagnostics: [kept, reworded])
        let new = DiffSample.snapshot(resources: DiffSample.base, grants: [], diagnostics: [resevered, reworded2])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(diff.digestsEqual)
        #expect(diff.diagnosticsAppeared == [reworded2])
        #expect(diff.diagnosticsDisappeared == [reworded])
        #expect(!diff.isEmpty)
    }

    @Test func groupingPutsGrantsUnderTheirOrganizationAndRole() {
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_b", user: "user_b", role: DiffSample.viewer))
        let new = DiffSample.snapshot(resources: DiffSample.base, grants: DiffSample.membership("mem_a", user: "user_a", role: DiffSample.admin))
        let layout = DiffLayout(SnapshotDiffer.diff(old: old, new: new))
        #expect(layout.organizations.map(\.organization.name) == ["Org"])
        #expect(layout.organizations[0].roles.map(\.roleKey) == ["org:admin", "org:viewer"])
        let added = layout.organizations[0].roles[0].entries
        #expect(added.count == 1 && added[0].mark == .added && added[0].kinds == [.member, .role] && added[0].privilegeIncrease)
        let removed = layout.organizations[0].roles[1].entries
        #expect(removed.count == 1 && removed[0].mark == .removed && removed[0].subject.id == "user:user_b")
    }

    @Test func anIncompleteSideIsCalledOutAndUserTextIsEscapedInMarkdown() {
        var sneaky = DiffSample.user("user_c")
        sneaky.displayName = "*Eve* | [admin](http://x) `x`"
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: [])
        var new = DiffSample.snapshot(resources: DiffSample.base + [sneaky], grants: [])
        new.complete = false
        let diff = SnapshotDiffer.diff(old: old, new: new)
        #expect(DiffTextRenderer(color: false).render(diff).contains("  new  2026-11-20T00:00:00Z  \(new.digest)  INCOMPLETE\n"))
        let markdown = DiffMarkdownRenderer.render(diff)
        #expect(markdown.contains("| new | 2026-11-20T00:00:00Z | `\(new.digest)` | **no** |"))
        #expect(markdown.contains("- added user **\\*Eve\\* \\| \\[admin\\](http://x) \\`x\\`** \\<user\\_c@example.com\\> `user:user_c`"))
    }

    @Test func controlCharactersInNamesAreShownEscapedInTextAndMarkdown() {
        var sneaky = DiffSample.user("user_c")
        sneaky.displayName = "Eve\u{1B}[2J\r\nroot\u{202E}"
        let old = DiffSample.snapshot(resources: DiffSample.base, grants: [])
        let new = DiffSample.snapshot(resources: DiffSample.base + [sneaky], grants: [])
        let diff = SnapshotDiffer.diff(old: old, new: new)
        let plain = DiffTextRenderer(color: false).render(diff)
        #expect(plain.contains("\n  + user Eve\\u{1B}[2J\\u{D}\\u{A}root\\u{202E} <user_c@example.com> (user:user_c)\n"))
        let colored = DiffTextRenderer(color: true).render(diff)
        #expect(colored.contains("\n  \u{1B}[32m+\u{1B}[0m user Eve\\u{1B}[2J\\u{D}\\u{A}root\\u{202E} <user_c@example.com> (user:user_c)\n"))
        let markdown = DiffMarkdownRenderer.render(diff)
        #expect(markdown.contains("\n- added user **Eve\\u{1B}\\[2J\\u{D}\\u{A}root\\u{202E}** \\<user\\_c@example.com\\> `user:user_c`\n"))
    }
}
