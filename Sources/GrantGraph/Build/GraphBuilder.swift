import CanonicalJSON
import ClerkModel

/// Turns what was read from Clerk into the access graph. Every rule that could silently lose or invent
/// access is explicit here and leaves a diagnostic: repeats kept once, role keys resolved to role ids
/// (or reported), users and organizations known only through a membership still exported.
public struct GraphBuilder {
    /// What was read; its object lists are emptied once copied out, so the memory they hold can go early.
    private var tenant: ClerkTenant
    private var hasMemberships = false
    private var diagnostics: [Diagnostic] = []
    private var resources: [String: Resource] = [:]
    private var entitlements: [Entitlement] = []
    private var grants: [Grant] = []

    /// Takes the tenant by value and lets go of its pages' objects while building: for a large instance
    /// they are hundreds of megabytes that the graph no longer needs.
    public static func build(from tenant: consuming ClerkTenant) -> AccessGraph {
        var builder = GraphBuilder(tenant: tenant)
        return builder.run()
    }

    private init(tenant: ClerkTenant) {
        self.tenant = tenant
        diagnostics = tenant.readDiagnostics
    }

    private mutating func run() -> AccessGraph {
        let users = unique(tenant.users, type: .user, id: \.id)
        let organizations = unique(tenant.organizations, type: .organization, id: \.id)
        let roles = unique(tenant.roles, type: .role, id: \.id)
        let permissions = unique(tenant.permissions, type: .permission, id: \.id)
        let memberships = uniqueMemberships(tenant.memberships)
        hasMemberships = !tenant.memberships.isEmpty
        tenant.users = []
        tenant.organizations = []
        tenant.roles = []
        tenant.permissions = []
        tenant.memberships = []

        for user in users { add(UserResource.make(user, inUserList: true)) }
        for organization in organizations { add(OrganizationResource.make(organization, inList: true)) }
        addPermissions(permissions, roles: roles)
        for role in roles { add(RoleResource.make(role)) }
        let organizationIDs = addMembershipSubjects(
            memberships, listedUsers: Set(users.map(\.id)), listedOrganizations: Set(organizations.map(\.id)))

        addEntitlements(organizationIDs: organizationIDs.sorted(), roles: roles, permissionIDs: permissionIDs())
        let roleByKey = roleIndex(roles)
        for membership in memberships { addMembershipGrants(membership, roleByKey: roleByKey) }
        for role in roles { addRolePermissionGrants(role) }

        var graph = AccessGraph(
            resources: Array(resources.values), entitlements: entitlements, grants: grants, diagnostics: diagnostics)
        graph.canonicalize()
        graph.grants = removeRepeatedGrants(graph.grants)
        graph.diagnostics = diagnostics.sorted(by: Diagnostic.canonicalOrder)
        return graph
    }

    // MARK: - Repeats

    /// Keeps the first of each id. Offset paging over a list that changes underneath can return an object
    /// twice; the snapshot must hold it once, and say it happened.
    private mutating func unique<T>(_ items: [T], type: Resource.Kind, id: (T) -> String) -> [T] {
        unique(items, name: type.rawValue, subject: { Resource.id(type, $0) }, id: id)
    }

    private mutating func uniqueMemberships(_ memberships: [ClerkMembership]) -> [ClerkMembership] {
        unique(memberships, name: "membership", subject: { "membership:\($0)" }, id: \.id)
    }

    private mutating func unique<T>(
        _ items: [T], name: String, subject: (String) -> String, id: (T) -> String
    ) -> [T] {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(items.count)
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            let key = id(item)
            if let count = seen[key] {
                seen[key] = count + 1
            } else {
                seen[key] = 1
                result.append(item)
            }
        }
        for (key, count) in seen where count > 1 {
            diagnostics.append(
                Diagnostic(
                    code: "duplicate_object", severity: .info,
                    message: "\(name) \(key) was returned \(count) times while paging; it is kept once",
                    subject: subject(key)))
        }
        return result
    }

    // MARK: - Resources

    private mutating func add(_ resource: Resource) {
        resources[resource.id] = resource
    }

    /// Permissions come from the permission list and from the roles that embed them; one the list lacks
    /// is still a permission some role grants, so it is exported and reported.
    private mutating func addPermissions(_ permissions: [ClerkPermission], roles: [ClerkRole]) {
        for permission in permissions { add(PermissionResource.make(permission)) }
        let listed = tenant.requested.contains(.permissions)
        for role in roles {
            for permission in role.permissions where resources[Resource.id(.permission, permission.id)] == nil {
                add(PermissionResource.make(permission))
                if listed {
                    diagnostics.append(
                        Diagnostic(
                            code: "dangling_permission", severity: .warning,
                            message:
                                "permission \(permission.id) (\(permission.key)) is granted by role \(role.key) but was not in the permission list",
                            subject: Resource.id(.permission, permission.id)))
                }
            }
        }
    }

    /// Adds users and organizations that only memberships mention; returns every organization id. Whether
    /// a membership's user or organization was listed is answered from the lists' ids, not by reading the
    /// resources' attributes back, because this runs once per membership.
    private mutating func addMembershipSubjects(
        _ memberships: [ClerkMembership], listedUsers: Set<String>, listedOrganizations: Set<String>
    ) -> Set<String> {
        var organizationIDs = listedOrganizations
        var danglingUsers: [String: [String]] = [:]
        var danglingOrganizations: [String: Int] = [:]
        for membership in memberships {
            let userID = membership.user.userID
            if !listedUsers.contains(userID) {
                if danglingUsers[userID] == nil { add(UserResource.make(membership.user)) }
                danglingUsers[userID, default: []].append(membership.id)
            }
            let organization = membership.organization
            if !listedOrganizations.contains(organization.id) {
                if organizationIDs.insert(organization.id).inserted {
                    add(OrganizationResource.make(organization, inList: false))
                }
                danglingOrganizations[organization.id, default: 0] += 1
            }
        }
        if tenant.requested.contains(.users) {
            for (userID, membershipIDs) in danglingUsers {
                diagnostics.append(
                    Diagnostic(
                        code: "dangling_user", severity: .warning,
                        message:
                            "user \(userID) holds \(membershipIDs.count) membership(s) (\(membershipIDs.sorted().joined(separator: ", "))) but is not in the user list; exported from the membership's public user data",
                        subject: Resource.id(.user, userID)))
            }
        }
        if tenant.requested.contains(.organizations) {
            for (organizationID, count) in danglingOrganizations {
                diagnostics.append(
                    Diagnostic(
                        code: "dangling_organization", severity: .warning,
                        message:
                            "organization \(organizationID) has \(count) membership(s) but is not in the organization list; exported from the membership's embedded organization",
                        subject: Resource.id(.organization, organizationID)))
            }
        }
        return organizationIDs
    }

    private func permissionIDs() -> [String] {
        resources.values.lazy.filter { $0.type == .permission }.map(\.clerkID).sorted()
    }

    // MARK: - Entitlements

    /// Every organization offers membership and every role; every permission can be granted to roles.
    /// (Role sets may narrow which roles an organization really offers; Clerk's list API does not say.)
    private mutating func addEntitlements(organizationIDs: [String], roles: [ClerkRole], permissionIDs: [String]) {
        entitlements.reserveCapacity(organizationIDs.count * (roles.count + 1) + permissionIDs.count)
        for organizationID in organizationIDs {
            let resourceID = Resource.id(.organization, organizationID)
            let name = resources[resourceID]?.displayName ?? organizationID
            entitlements.append(
                Entitlement(
                    resource: resourceID, kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user],
                    displayName: "Member of \(name)"))
            for role in roles {
                entitlements.append(
                    Entitlement(
                        resource: resourceID, kind: .role, slug: "role:\(role.id)", purpose: .assignment,
                        grantableTo: [.user], displayName: "\(role.name) in \(name)",
                        role: Resource.id(.role, role.id), roleKey: role.key))
            }
        }
        for permissionID in permissionIDs {
            let resourceID = Resource.id(.permission, permissionID)
            let key = resources[resourceID]?.string("key") ?? permissionID
            entitlements.append(
                Entitlement(
                    resource: resourceID, kind: .permission, slug: "granted", purpose: .permission,
                    grantableTo: [.role], displayName: "Permission \(key)"))
        }
    }

    // MARK: - Grants

    private mutating func roleIndex(_ roles: [ClerkRole]) -> [String: ClerkRole] {
        var index: [String: ClerkRole] = [:]
        for role in roles {
            if let existing = index[role.key] {
                diagnostics.append(
                    Diagnostic(
                        code: "ambiguous_role_key", severity: .warning,
                        message: "roles \(existing.id) and \(role.id) share the key \(role.key); memberships resolve to \(existing.id)",
                        subject: Resource.id(.role, role.id)))
            } else {
                index[role.key] = role
            }
        }
        if !tenant.requested.contains(.roles), hasMemberships {
            diagnostics.append(
                Diagnostic(
                    code: "roles_not_exported", severity: .info,
                    message: "roles were not exported (--resources), so membership role keys are not resolved and no role grants are emitted",
                    subject: "collection:roles"))
        }
        return index
    }

    private mutating func addMembershipGrants(_ membership: ClerkMembership, roleByKey: [String: ClerkRole]) {
        let organizationID = membership.organization.id
        let principal = Resource.id(.user, membership.user.userID)
        let source = Grant.Source(
            membershipID: membership.id, roleKey: membership.roleKey,
            grantedAt: Timestamp.rfc3339(milliseconds: membership.createdAt))
        insert(Grant(entitlement: Entitlement.memberID(organization: organizationID), principal: principal, source: source))
        guard tenant.requested.contains(.roles) else { return }
        guard let role = roleByKey[membership.roleKey] else {
            diagnostics.append(
                Diagnostic(
                    code: "unresolved_role_key", severity: .warning,
                    message:
                        "membership \(membership.id) (user \(membership.user.userID) in organization \(organizationID)) has role key '\(membership.roleKey)', which matches no role; the member grant is kept and no role grant is emitted",
                    subject: "membership:\(membership.id)"))
            return
        }
        insert(
            Grant(
                entitlement: Entitlement.roleID(organization: organizationID, role: role.id), principal: principal,
                source: source))
    }

    private mutating func addRolePermissionGrants(_ role: ClerkRole) {
        let principal = Resource.id(.role, role.id)
        for permission in role.permissions {
            insert(
                Grant(
                    entitlement: Entitlement.permissionID(permission: permission.id), principal: principal,
                    source: Grant.Source(roleKey: role.key)))
        }
    }

    private mutating func insert(_ grant: Grant) {
        grants.append(grant)
    }

    /// Two memberships of one user in one organization would produce the same grant id; the first is kept.
    /// Found after sorting, where repeats are neighbours, rather than through a dictionary of every grant.
    private mutating func removeRepeatedGrants(_ sorted: [Grant]) -> [Grant] {
        var kept: [Grant] = []
        kept.reserveCapacity(sorted.count)
        for grant in sorted {
            if let previous = kept.last, previous.id == grant.id {
                if previous != grant {
                    diagnostics.append(
                        Diagnostic(
                            code: "duplicate_grant", severity: .warning,
                            message:
                                "grant \(grant.id) arises from both \(previous.source.membershipID ?? "?") and \(grant.source.membershipID ?? "?"); the first is kept",
                            subject: grant.id))
                }
                continue
            }
            kept.append(grant)
        }
        return kept
    }
}
