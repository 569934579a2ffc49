import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// Look-ups over one snapshot that every report needs: resources by id, memberships per organization and
/// per user, each role's permissions, and (snapshot 1.1) machine scopes and access paths. Built once in a few passes over the graph, so its size is
/// proportional to the snapshot and every report after it is a walk, not a search.
public struct AccessIndex: Sendable {

    public let snapshot: Snapshot
    public private(set) var resources: [String: Resource] = [:]
    /// Organizations sorted by display name, then id: the order reports list them in.
    public private(set) var organizations: [Resource] = []
    public private(set) var users: [Resource] = []
    /// Every membership, sorted by organization id, then admins first, then role key, user name, user id.
    public private(set) var memberships: [Membership] = []
    public private(set) var membershipsByOrganization: [String: [Membership]] = [:]
    public private(set) var membershipsByUser: [String: [Membership]] = [:]
    public private(set) var membershipsByID: [String: Membership] = [:]
    /// `role:<id>` -> its permissions as (resource id, key), sorted by key.
    public private(set) var permissionsByRole: [String: [(id: String, key: String)]] = [:]
    /// Every entitlement by id: what an access path or a grant leads to.
    public private(set) var entitlements: [String: Entitlement] = [:]
    /// Machines sorted by display name, then id.
    public private(set) var machines: [Resource] = []
    /// `machine:<id>` -> the machines that can call it (its access grants' principals), sorted by id.
    public private(set) var callersByMachine: [String: [String]] = [:]
    /// `machine:<id>` -> the machines it can call, sorted by id.
    public private(set) var scopesByMachine: [String: [String]] = [:]
    /// Snapshot 1.1's access paths in id order (none in a 1.0 snapshot).
    public private(set) var accessPaths: [AccessPath] = []
    /// `organization:<id>` -> the paths into it, in id order.
    public private(set) var accessPathsByOrganization: [String: [AccessPath]] = [:]
    /// `user:<id>` -> the invitations whose address is that user's primary email (`matching_user`).
    public private(set) var accessPathsByUser: [String: [AccessPath]] = [:]

    public init(_ snapshot: Snapshot) {
        self.snapshot = snapshot
        let graph = snapshot.graph
        resources.reserveCapacity(graph.resources.count)
        for resource in graph.resources {
            resources[resource.id] = resource
            if resource.type == .organization { organizations.append(resource) }
            if resource.type == .user { users.append(resource) }
            if resource.type == .machine { machines.append(resource) }
        }
        organizations.sort { Self.nameOrder($0, $1) }
        machines.sort { Self.nameOrder($0, $1) }

        var entitlements: [String: Entitlement] = [:]
        entitlements.reserveCapacity(graph.entitlements.count)
        for entitlement in graph.entitlements { entitlements[entitlement.id] = entitlement }
        self.entitlements = entitlements

        // Role grants, keyed by membership so each joins its member grant; role -> permission grants.
        var roleGrantByMembership: [String: (grant: Grant, role: String)] = [:]
        var memberGrants: [(grant: Grant, organization: String)] = []
        for grant in graph.grants {
            guard let entitlement = entitlements[grant.entitlement] else { continue }
            switch entitlement.kind {
            case .member:
                memberGrants.append((grant, entitlement.resource))
            case .role:
                guard let role = entitlement.role else { continue }
                let key = grant.source.membershipID ?? "\(entitlement.resource)|\(grant.principal)"
                roleGrantByMembership[key] = (grant, role)
            case .permission:
                guard grant.principal.hasPrefix("role:") else { continue }
                let key = resources[entitlement.resource]?.string("key") ?? entitlement.resource
                permissionsByRole[grant.principal, default: []].append((entitlement.resource, key))
            case .access:
                // A machine scope: the principal machine can call the entitlement's machine.
                callersByMachine[entitlement.resource, default: []].append(grant.principal)
                scopesByMachine[grant.principal, default: []].append(entitlement.resource)
            }
        }
        for machine in callersByMachine.keys { callersByMachine[machine]?.sort(by: codePointPrecedes) }
        for machine in scopesByMachine.keys { scopesByMachine[machine]?.sort(by: codePointPrecedes) }
        accessPaths = graph.accessPaths.sorted { codePointPrecedes($0.id, $1.id) }
        for path in accessPaths {
            accessPathsByOrganization[path.organization, default: []].append(path)
            if let user = path.matchingUser { accessPathsByUser[user, default: []].append(path) }
        }
        for role in permissionsByRole.keys { permissionsByRole[role]?.sort { codePointPrecedes($0.key, $1.key) } }

        var list: [Membership] = []
        list.reserveCapacity(memberGrants.count)
        for (grant, organization) in memberGrants {
            let joinKey = grant.source.membershipID ?? "\(organization)|\(grant.principal)"
            let roleGrant = roleGrantByMembership[joinKey]
            let keys = roleGrant.map { permissionsByRole[$0.role]?.map(\.key) ?? [] } ?? []
            list.append(
                Membership(
                    id: grant.source.membershipID ?? grant.id, user: grant.principal, organization: organization,
                    roleKey: grant.source.roleKey, role: roleGrant?.role, grantedAt: grant.source.grantedAt,
                    memberGrant: grant.id, roleGrant: roleGrant?.grant.id, permissionKeys: keys,
                    isAdmin: keys.contains { ClerkPermission.adminKeys.contains($0) }))
        }
        let resourcesByID = resources
        list.sort { lhs, rhs in
            if lhs.organization != rhs.organization { return codePointPrecedes(lhs.organization, rhs.organization) }
            return Self.memberOrder(lhs, rhs, resources: resourcesByID)
        }
        memberships = list
        for membership in memberships {
            membershipsByOrganization[membership.organization, default: []].append(membership)
            membershipsByUser[membership.user, default: []].append(membership)
            membershipsByID[membership.id] = membership
        }
    }

    /// Admins first (a reviewer checks them first), then by role key, user name, user id.
    static func memberOrder(_ lhs: Membership, _ rhs: Membership, resources: [String: Resource]) -> Bool {
        if lhs.isAdmin != rhs.isAdmin { return lhs.isAdmin }
        let leftKey = lhs.roleKey ?? ""
        let rightKey = rhs.roleKey ?? ""
        if leftKey != rightKey { return codePointPrecedes(leftKey, rightKey) }
        let leftName = resources[lhs.user]?.displayName ?? lhs.user
        let rightName = resources[rhs.user]?.displayName ?? rhs.user
        if leftName != rightName { return codePointPrecedes(leftName, rightName) }
        return codePointPrecedes(lhs.user, rhs.user)
    }

    static func nameOrder(_ lhs: Resource, _ rhs: Resource) -> Bool {
        if lhs.displayName != rhs.displayName { return codePointPrecedes(lhs.displayName, rhs.displayName) }
        return codePointPrecedes(lhs.id, rhs.id)
    }

    /// A resource's display name, or its id when the snapshot does not hold it.
    public func displayName(_ id: String) -> String { resources[id]?.displayName ?? id }

    /// The Clerk id of a `<type>:<clerk id>` resource id.
    public static func clerkID(_ id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    public func admins(of organization: String) -> [Membership] {
        (membershipsByOrganization[organization] ?? []).filter(\.isAdmin)
    }

    /// Every derived (user, organization, permission) grant with its path, in membership order then key order.
    public func effectivePermissions(of membership: Membership) -> [EffectivePermission] {
        guard let role = membership.role else { return [] }
        return (permissionsByRole[role] ?? []).map { permission in
            EffectivePermission(
                user: membership.user, organization: membership.organization, permission: permission.id,
                permissionKey: permission.key, membershipID: membership.id, role: role, roleKey: membership.roleKey)
        }
    }

    /// The organization a user typed, by Clerk id, resource id or slug.
    public func organization(matching text: String) -> Resource? {
        if let byID = resources[text] ?? resources["organization:\(text)"], byID.type == .organization { return byID }
        return organizations.first { $0.string("slug") == text }
    }

    /// The user a person typed, by Clerk id, resource id, or primary email (case-insensitive).
    public func user(matching text: String) -> Resource? {
        if let byID = resources[text] ?? resources["user:\(text)"], byID.type == .user { return byID }
        let lowered = text.lowercased()
        return users.first { $0.string("primary_email")?.lowercased() == lowered }
    }

    /// A 1.1 (or later) snapshot: answers gain the paths and machine access a 1.0 snapshot cannot hold.
    public var hasAccessPaths: Bool { snapshot.layout.hasAccessPaths }

    /// The role an access path leads to (`role:<id>`); nil when it leads to the member entitlement.
    public func role(of path: AccessPath) -> String? { entitlements[path.entitlement]?.role }

    /// The role key an access path leads to, from its entitlement or, failing that, its Clerk source.
    public func roleKey(of path: AccessPath) -> String? {
        entitlements[path.entitlement]?.roleKey ?? role(of: path).flatMap { resources[$0]?.string("key") }
    }

    /// Permission keys the role a path leads to holds; empty for a path to the member entitlement.
    public func permissionKeys(of path: AccessPath) -> [String] {
        role(of: path).map { permissionsByRole[$0]?.map(\.key) ?? [] } ?? []
    }

    /// Taking the path would make its principal an organization admin (see `ClerkPermission.adminKeys`).
    public func leadsToAdmin(_ path: AccessPath) -> Bool {
        permissionKeys(of: path).contains { ClerkPermission.adminKeys.contains($0) }
    }

    /// Every permission resource with this key (keys are unique in Clerk, but a snapshot is not trusted to be).
    public func permissions(withKey key: String) -> [Resource] {
        snapshot.graph.resources.filter { $0.type == .permission && $0.string("key") == key }
    }
}
