import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// A small snapshot 1.1 written out by hand: one organization (Acme) with an admin and a member role, two
/// users, role sets, twelve machines (one can call eleven others), and one access path of each kind plus a
/// stale invitation, so every 1.1 rule and answer has something to find.
enum AccessPathSnapshot {
    static let generatedAt = "2026-11-20T00:00:00Z"
    static let organization = "organization:org_acme"

    static func object(_ members: [(String, JSONValue)]) -> JSONObject { JSONObject(members.map { (key: $0.0, value: $0.1) }) }

    static func permission(_ id: String, _ key: String) -> Resource {
        Resource(type: .permission, clerkID: id, displayName: key, attributes: object([
            ("description", .null), ("key", .string(key)), ("name", .string(key)), ("type", .string("system")),
        ]))
    }

    static func role(_ id: String, _ key: String, _ permissions: [Resource]) -> Resource {
        Resource(type: .role, clerkID: id, displayName: key, attributes: object([
            ("description", .null), ("key", .string(key)), ("name", .string(key)),
            ("permission_ids", .array(permissions.map { .string($0.clerkID) })),
            ("permission_keys", .array(permissions.map { .string($0.string("key")!) })),
        ]))
    }

    static func user(_ id: String, _ name: String, email: String) -> Resource {
        Resource(type: .user, clerkID: id, displayName: name, attributes: object([
            ("banned", .bool(false)), ("email_verified", .bool(true)), ("last_active_at", .string("2026-11-19T00:00:00.000Z")),
            ("locked", .bool(false)), ("primary_email", .string(email)), ("two_factor_enabled", .bool(true)),
        ]))
    }

    static func machine(_ index: Int) -> Resource {
        Resource(type: .machine, clerkID: "mch_\(index)", displayName: "Machine \(index)", attributes: object([
            ("created_at", .string("2026-01-01T00:00:00.000Z")), ("default_token_ttl", .int(3600)), ("name", .string("Machine \(index)")),
        ]))
    }

    static let manage = permission("perm_manage", "org:sys_memberships:manage")
    static let read = permission("perm_read", "org:sys_memberships:read")
    static let admin = role("role_admin", "org:admin", [manage, read])
    static let member = role("role_member", "org:member", [read])
    static let ann = user("user_ann", "Ann Admin", email: "ann@example.com")
    static let bea = user("user_bea", "Bea Member", email: "bea@example.com")
    static let machines = (0...11).map(machine)
    /// Banned, holding no membership, with an active session (`export --sessions`; 1.1 only).
    static let cal = Resource(type: .user, clerkID: "user_cal", displayName: "Cal Banned", attributes: object([
        ("active_sessions", .int(1)), ("active_sessions_last_active_at", .string("2026-11-19T08:00:00.000Z")),
        ("banned", .bool(true)), ("email_verified", .bool(true)), ("last_active_at", .string("2026-11-19T00:00:00.000Z")),
        ("locked", .bool(false)), ("primary_email", .string("cal@example.com")), ("two_factor_enabled", .bool(true)),
    ]))

    static func roleEntitlement(_ role: Resource) -> Entitlement {
        Entitlement(
            resource: organization, kind: .role, slug: "role:\(role.clerkID)", purpose: .assignment, grantableTo: [.user],
            displayName: "\(role.displayName) in Acme", role: role.id, roleKey: role.string("key"))
    }

    static let memberEntitlement = Entitlement(
        resource: organization, kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user], displayName: "Member of Acme")

    static func invitation(_ id: String, email: String, role: Resource, createdAt: String, matchingUser: String? = nil) -> AccessPath {
        AccessPath(
            id: "invitation:\(id)", kind: .invitation, organization: organization, entitlement: roleEntitlement(role).id,
            principal: "email:\(email)", status: "pending", matchingUser: matchingUser,
            source: object([
                ("created_at", .string(createdAt)), ("email_address", .string(email)), ("expires_at", .null),
                ("inviter", .string(ann.id)), ("role_key", .string(role.string("key")!)), ("role_name", .null),
            ]))
    }

    static let paths: [AccessPath] = [
        // Pending for 2 days, to the admin role.
        invitation("inv_admin", email: "eve@example.com", role: admin, createdAt: "2026-11-18T00:00:00.000Z"),
        // Pending for 40 days, to the member role; Bea already has an account with that address.
        invitation("inv_old", email: "bea@example.com", role: member, createdAt: "2026-10-11T00:00:00.000Z", matchingUser: bea.id),
        AccessPath(
            id: "organization_domain:dom_1", kind: .domainEnrollment, organization: organization,
            entitlement: roleEntitlement(admin).id, principal: "email_domain:acme.example", status: "unverified",
            source: object([
                ("created_at", .string("2026-01-01T00:00:00.000Z")), ("default_role_key", .string("org:admin")),
                ("enrollment_mode", .string("automatic_invitation")), ("name", .string("acme.example")),
                ("total_pending_invitations", .int(0)), ("total_pending_suggestions", .int(0)), ("verified", .bool(false)),
            ])),
        AccessPath(
            id: "enterprise_connection:ent_1", kind: .enterpriseSSO, organization: organization,
            entitlement: roleEntitlement(member).id, principal: "enterprise_connection:ent_1", status: "active",
            source: object([
                ("active", .bool(true)), ("allow_organization_account_linking", .bool(true)),
                ("created_at", .string("2026-01-01T00:00:00.000Z")), ("default_role_key", .string("org:member")),
                ("domains", .array([.string("acme.example")])), ("name", .string("Acme Okta")), ("provider", .string("saml_okta")),
            ])),
    ]

    static func snapshot(schemaVersion: String = "1.1") -> Snapshot {
        let organizationResource = Resource(
            type: .organization, clerkID: "org_acme", displayName: "Acme",
            attributes: object([("manual_invitation_domains", .array([])), ("slug", .string("acme"))]))
        let permissionEntitlements = [manage, read].map {
            Entitlement(
                resource: $0.id, kind: .permission, slug: "granted", purpose: .permission, grantableTo: [.role],
                displayName: "Permission \($0.displayName)")
        }
        let machineEntitlements = machines.map {
            Entitlement(
                resource: $0.id, kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine],
                displayName: "Call \($0.displayName)")
        }
        func membership(_ id: String, _ user: Resource, _ role: Resource) -> [Grant] {
            let source = Grant.Source(membershipID: id, roleKey: role.string("key"), grantedAt: "2026-01-01T00:00:00.000Z")
            return [
                Grant(entitlement: memberEntitlement.id, principal: user.id, source: source),
                Grant(entitlement: roleEntitlement(role).id, principal: user.id, source: source),
            ]
        }
        var grants = membership("orgmem_ann", ann, admin) + membership("orgmem_bea", bea, member)
        grants += [
            Grant(entitlement: "permission:perm_manage:granted", principal: admin.id, source: .init()),
            Grant(entitlement: "permission:perm_read:granted", principal: admin.id, source: .init()),
            Grant(entitlement: "permission:perm_read:granted", principal: member.id, source: .init()),
        ]
        // Machine 0 can call the eleven others; machine 1 can call machine 0.
        grants += (1...11).map { Grant(entitlement: Entitlement.accessID(machine: "mch_\($0)"), principal: "machine:mch_0", source: .init()) }
        grants.append(Grant(entitlement: Entitlement.accessID(machine: "mch_0"), principal: "machine:mch_1", source: .init()))
        let diagnostics = [
            Diagnostic(
                code: .roleOutsideRoleSet, severity: .warning,
                message: "role org:admin is not in role set 'restricted' of organization org_acme", subject: "membership:orgmem_ann"),
        ]
        var graph = AccessGraph(
            resources: [organizationResource, manage, read, admin, member, ann, bea] + (schemaVersion == "1.0" ? [] : [cal]) + machines,
            entitlements: [memberEntitlement, roleEntitlement(admin), roleEntitlement(member)] + permissionEntitlements + machineEntitlements,
            grants: grants, diagnostics: diagnostics, accessPaths: schemaVersion == "1.0" ? [] : paths)
        graph.canonicalize()
        return Snapshot(
            generatedAt: generatedAt, tool: .init(version: "test"),
            source: .init(apiURL: "fixture:acme", instance: "fixture:acme", collections: ClerkCollection.defaultSet.sorted()),
            complete: true, graph: graph, schemaVersion: schemaVersion)
    }
}
