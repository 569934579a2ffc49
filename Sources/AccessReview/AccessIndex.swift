import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// Look-ups over one snapshot that every report needs: resources by id, memberships per organization and
/// per user, each role's permissions, and (snapshot 1.1) machine scopes and access paths.
///
/// Built over the snapshot's byte index (`IndexedSnapshot`), as `validate` and `diff` read it: the few
/// thousand organizations, roles, permissions, role sets and machines are decoded, each user is kept as the
/// facts reports read (`UserFacts`), and each membership as a handful of integers pointing into the file,
/// made into a `Membership` only when read. Grants are never decoded. Memory is then the file plus a few
/// dozen bytes per record, and a question about one permission costs the index, not the whole tenant.
public struct AccessIndex: Sendable {
    /// One membership: its member grant and (when the role key resolved) its role grant, as positions in
    /// the snapshot's grant list, and the positions of what it joins.
    struct MembershipRow: Sendable {
        var memberGrant: Int32
        var roleGrant: Int32
        /// Resource positions; -1 when the principal is not a resource of the snapshot.
        var user: Int32
        var organization: Int32
        /// The role grant's entitlement position; -1 without a role grant.
        var role: Int32
        /// Position in `roleKeys`; -1 when the grant states none.
        var roleKey: Int32
        var isAdmin: Bool
    }

    public let snapshot: IndexedSnapshot
    /// Every resource but the users, decoded, in id order, and by id.
    private let otherResources: [Resource]
    private let otherResourcesByID: [String: Int]
    /// Each resource's id, by resource position (shared with the values made from it).
    private let resourceIDs: [String]
    /// Resource position -> position in `users`, -1 for resources that are not users.
    private let userPositions: [Int32]
    /// Organizations sorted by display name, then id: the order reports list them in.
    public let organizations: [Resource]
    /// Every user in id order.
    public let users: [UserFacts]
    /// Machines sorted by display name, then id.
    public let machines: [Resource]
    private let rows: [MembershipRow]
    /// Organization id -> its rows (contiguous: rows are sorted by organization first).
    private let rowsByOrganization: [String: Range<Int>]
    /// User position -> its rows, as `userRowStarts[user]..<userRowStarts[user + 1]` in `userRows`.
    private let userRowStarts: [Int32]
    private let userRows: [Int32]
    /// Rows by membership id (the member grant's id when it carries none); the last row in report order wins.
    private let membershipTable: SpanTable
    /// Distinct role keys the grants state, by position.
    private let roleKeys: [String]
    /// `role:<id>` -> its permissions as (resource id, key), sorted by key.
    public let permissionsByRole: [String: [(id: String, key: String)]]
    private let permissionKeysByRole: [String: [String]]
    /// Entitlement position -> the role it names (`role:<id>`), for role entitlements.
    private let roleIDs: [String?]
    /// `machine:<id>` -> the machines that can call it (its access grants' principals), sorted by id.
    public let callersByMachine: [String: [String]]
    /// `machine:<id>` -> the machines it can call, sorted by id.
    public let scopesByMachine: [String: [String]]
    /// Snapshot 1.1's access paths in id order (none in a 1.0 snapshot).
    public let accessPaths: [AccessPath]
    /// `organization:<id>` -> the paths into it, in id order.
    public let accessPathsByOrganization: [String: [AccessPath]]
    /// `user:<id>` -> the invitations whose address is that user's primary email (`matching_user`).
    public let accessPathsByUser: [String: [AccessPath]]

    /// A snapshot held whole in memory (a test's, or a valid file the indexer does not read as it stands),
    /// indexed after encoding it canonically.
    public init(_ snapshot: Snapshot) {
        guard let indexed = IndexedSnapshot(encoding: snapshot) else {
            preconditionFailure("a snapshot's graph does not encode into a file the indexer reads")
        }
        self.init(indexed)
    }

    public init(_ snapshot: IndexedSnapshot) {
        self.snapshot = snapshot
        let resourceCount = snapshot.resourceCount

        // Resources: users as facts, the rest decoded.
        var resourceIDs: [String] = []
        resourceIDs.reserveCapacity(resourceCount)
        var userPositions = [Int32](repeating: -1, count: resourceCount)
        var users: [UserFacts] = []
        var otherResources: [Resource] = []
        var otherResourcesByID: [String: Int] = [:]
        for position in 0..<resourceCount {
            let resource = snapshot.resource(at: position)
            resourceIDs.append(resource.id)
            if resource.type == .user {
                userPositions[position] = Int32(users.count)
                users.append(UserFacts(resource))
            } else {
                otherResourcesByID[resource.id] = otherResources.count
                otherResources.append(resource)
            }
        }
        self.resourceIDs = resourceIDs
        self.userPositions = userPositions
        self.users = users
        self.otherResources = otherResources
        self.otherResourcesByID = otherResourcesByID
        organizations = otherResources.filter { $0.type == .organization }.sorted(by: Self.nameOrder)
        machines = otherResources.filter { $0.type == .machine }.sorted(by: Self.nameOrder)

        // Per entitlement: its resource's and role's positions, read once instead of once per grant.
        let entitlementCount = snapshot.entitlementCount
        var entitlementResource = [Int32](repeating: -1, count: entitlementCount)
        var entitlementRole = [Int32](repeating: -1, count: entitlementCount)
        snapshot.withBytes { bytes in
            for position in 0..<entitlementCount {
                let entry = snapshot.entitlements[position]
                entitlementResource[position] = Int32(snapshot.resourcePosition(bytes[entry.id.prefix(entry.resourceLength)]) ?? -1)
                if let role = entry.role { entitlementRole[position] = Int32(snapshot.resourcePosition(bytes[role]) ?? -1) }
            }
        }
        func resourceID(_ position: Int32) -> String? { position < 0 ? nil : resourceIDs[Int(position)] }
        roleIDs = (0..<entitlementCount).map { position in
            snapshot.entitlements[position].role == nil ? nil : Self.roleID(Int32(position), entitlementRole, resourceIDs, snapshot)
        }

        // Grants by kind: members kept, role grants keyed by membership for the join, permissions and
        // machine scopes collected.
        var memberGrants: [Int32] = []
        var roleGrantByMembership: [String: Int32] = [:]
        var permissions: [String: [(id: String, key: String)]] = [:]
        var callers: [String: [String]] = [:]
        var scopes: [String: [String]] = [:]
        snapshot.withBytes { bytes in
            for position in 0..<snapshot.grantCount {
                let entry = snapshot.grants[position]
                let entitlementPosition = Int(entry.entitlement)
                let entitlement = snapshot.entitlements[entitlementPosition]
                switch entitlement.kind {
                case .member:
                    memberGrants.append(Int32(position))
                case .role:
                    guard entitlement.role != nil else { continue }
                    roleGrantByMembership[Self.joinKey(entry, entitlementResource[entitlementPosition], resourceIDs, snapshot, bytes)] = Int32(position)
                case .permission:
                    let principal = bytes[entry.id.suffix(after: entry.entitlementLength)]
                    guard principal.starts(with: "role:".utf8) else { continue }
                    let resource = entitlementResource[entitlementPosition]
                    let permission = resourceID(resource) ?? snapshot.string(entitlement.id.prefix(entitlement.resourceLength))
                    let key = otherResourcesByID[permission].flatMap { otherResources[$0].string("key") } ?? permission
                    permissions[String(decoding: principal, as: UTF8.self), default: []].append((permission, key))
                case .access:
                    // A machine scope: the principal machine can call the entitlement's machine.
                    let machine = snapshot.string(entitlement.id.prefix(entitlement.resourceLength))
                    let principal = String(decoding: bytes[entry.id.suffix(after: entry.entitlementLength)], as: UTF8.self)
                    callers[machine, default: []].append(principal)
                    scopes[principal, default: []].append(machine)
                }
            }
        }
        for machine in callers.keys { callers[machine]?.sort(by: codePointPrecedes) }
        for machine in scopes.keys { scopes[machine]?.sort(by: codePointPrecedes) }
        for role in permissions.keys { permissions[role]?.sort { codePointPrecedes($0.key, $1.key) } }
        callersByMachine = callers
        scopesByMachine = scopes
        permissionsByRole = permissions
        let permissionKeysByRole = permissions.mapValues { $0.map(\.key) }
        self.permissionKeysByRole = permissionKeysByRole

        // Memberships: each member grant joined to its role grant. Member grants come in grant id order,
        // so each organization's are together; they are then sorted within it.
        var roleKeys: [String] = []
        var roleKeyPositions: [String: Int32] = [:]
        var rows: [MembershipRow] = []
        rows.reserveCapacity(memberGrants.count)
        snapshot.withBytes { bytes in
            for grantPosition in memberGrants {
                let entry = snapshot.grants[Int(grantPosition)]
                let organization = entitlementResource[Int(entry.entitlement)]
                let roleGrant = roleGrantByMembership[Self.joinKey(entry, organization, resourceIDs, snapshot, bytes)] ?? -1
                var role: Int32 = -1
                var isAdmin = false
                if roleGrant >= 0 {
                    role = snapshot.grants[Int(roleGrant)].entitlement
                    isAdmin = (permissionKeysByRole[Self.roleID(role, entitlementRole, resourceIDs, snapshot)] ?? []).contains {
                        ClerkPermission.adminKeys.contains($0)
                    }
                }
                var roleKey: Int32 = -1
                if let span = entry.roleKey {
                    let key = String(decoding: bytes[span], as: UTF8.self)
                    if let known = roleKeyPositions[key] {
                        roleKey = known
                    } else {
                        roleKey = Int32(roleKeys.count)
                        roleKeyPositions[key] = roleKey
                        roleKeys.append(key)
                    }
                }
                let user = snapshot.resourcePosition(bytes[entry.id.suffix(after: entry.entitlementLength)]) ?? -1
                rows.append(
                    MembershipRow(
                        memberGrant: grantPosition, roleGrant: roleGrant, user: Int32(user), organization: organization,
                        role: role, roleKey: roleKey, isAdmin: isAdmin))
            }
        }
        self.roleKeys = roleKeys

        // A member grant whose entitlement names no resource sorts by the entitlement's resource id text.
        let organizationIDs = rows.map { row in
            resourceID(row.organization) ?? snapshot.string(snapshot.entitlements[Int(snapshot.grants[Int(row.memberGrant)].entitlement)].id.prefix(snapshot.entitlements[Int(snapshot.grants[Int(row.memberGrant)].entitlement)].resourceLength))
        }
        var order = Array(0..<rows.count)
        let names = users.map(\.displayName)
        order.sort { left, right in
            let lhs = rows[left]
            let rhs = rows[right]
            if lhs.organization != rhs.organization || lhs.organization < 0 {
                let leftID = organizationIDs[left]
                let rightID = organizationIDs[right]
                if leftID != rightID { return codePointPrecedes(leftID, rightID) }
            }
            if lhs.isAdmin != rhs.isAdmin { return lhs.isAdmin }
            if lhs.roleKey != rhs.roleKey {
                let leftKey = lhs.roleKey < 0 ? "" : roleKeys[Int(lhs.roleKey)]
                let rightKey = rhs.roleKey < 0 ? "" : roleKeys[Int(rhs.roleKey)]
                if leftKey != rightKey { return codePointPrecedes(leftKey, rightKey) }
            }
            if lhs.user != rhs.user {
                let leftUser = Self.userID(lhs, snapshot, resourceIDs)
                let rightUser = Self.userID(rhs, snapshot, resourceIDs)
                let leftName = Self.sortName(lhs.user, leftUser, userPositions, names, otherResources, otherResourcesByID)
                let rightName = Self.sortName(rhs.user, rightUser, userPositions, names, otherResources, otherResourcesByID)
                if leftName != rightName { return codePointPrecedes(leftName, rightName) }
                return codePointPrecedes(leftUser, rightUser)
            }
            return false
        }
        let sortedRows = order.map { rows[$0] }
        let sortedOrganizationIDs = order.map { organizationIDs[$0] }

        var byOrganization: [String: Range<Int>] = [:]
        var start = 0
        while start < sortedRows.count {
            var end = start + 1
            while end < sortedRows.count, sortedOrganizationIDs[end] == sortedOrganizationIDs[start] { end += 1 }
            byOrganization[sortedOrganizationIDs[start]] = start..<end
            start = end
        }

        // Rows per user, in report order: a counting sort over the user positions.
        var starts = [Int32](repeating: 0, count: users.count + 1)
        for row in sortedRows where row.user >= 0 {
            let user = userPositions[Int(row.user)]
            if user >= 0 { starts[Int(user) + 1] += 1 }
        }
        for user in 0..<users.count { starts[user + 1] += starts[user] }
        var fill = starts
        var perUser = [Int32](repeating: 0, count: Int(starts[users.count]))
        for (position, row) in sortedRows.enumerated() where row.user >= 0 {
            let user = userPositions[Int(row.user)]
            guard user >= 0 else { continue }
            perUser[Int(fill[Int(user)])] = Int32(position)
            fill[Int(user)] += 1
        }

        // By membership id: inserted last row first, so a look-up finds the last of equal ids, as a
        // dictionary filled in report order would keep it.
        let keySpans = sortedRows.reversed().map { row in
            let entry = snapshot.grants[Int(row.memberGrant)]
            return entry.membershipID ?? entry.id
        }
        let table = snapshot.withBytes { bytes in SpanTable(count: keySpans.count, bytes: bytes) { keySpans[$0] } }

        self.rows = sortedRows
        rowsByOrganization = byOrganization
        userRowStarts = starts
        userRows = perUser
        membershipTable = table

        let paths = snapshot.accessPaths
        accessPaths = paths
        var pathsByOrganization: [String: [AccessPath]] = [:]
        var pathsByUser: [String: [AccessPath]] = [:]
        for path in paths {
            pathsByOrganization[path.organization, default: []].append(path)
            if let user = path.matchingUser { pathsByUser[user, default: []].append(path) }
        }
        accessPathsByOrganization = pathsByOrganization
        accessPathsByUser = pathsByUser
    }

    /// The key a role grant joins its member grant by: the membership id, or organization and principal.
    private static func joinKey(
        _ entry: IndexedSnapshot.GrantEntry, _ resource: Int32, _ resourceIDs: [String], _ snapshot: IndexedSnapshot,
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> String {
        if let membershipID = entry.membershipID { return String(decoding: bytes[membershipID], as: UTF8.self) }
        let entitlement = snapshot.entitlements[Int(entry.entitlement)]
        let organization = resource >= 0 ? resourceIDs[Int(resource)] : snapshot.string(entitlement.id.prefix(entitlement.resourceLength))
        return "\(organization)|\(String(decoding: bytes[entry.id.suffix(after: entry.entitlementLength)], as: UTF8.self))"
    }

    /// The role a role entitlement names (`role:<id>`), shared with the resource's id when it is one.
    private static func roleID(_ entitlement: Int32, _ entitlementRole: [Int32], _ resourceIDs: [String], _ snapshot: IndexedSnapshot) -> String {
        let resource = entitlementRole[Int(entitlement)]
        if resource >= 0 { return resourceIDs[Int(resource)] }
        return snapshot.entitlements[Int(entitlement)].role.map(snapshot.string) ?? ""
    }

    private static func userID(_ row: MembershipRow, _ snapshot: IndexedSnapshot, _ resourceIDs: [String]) -> String {
        if row.user >= 0 { return resourceIDs[Int(row.user)] }
        let entry = snapshot.grants[Int(row.memberGrant)]
        return snapshot.string(entry.id.suffix(after: entry.entitlementLength))
    }

    /// A member's name as the report sorts by it: the resource's display name, or its id when not in the snapshot.
    private static func sortName(
        _ position: Int32, _ id: String, _ userPositions: [Int32], _ names: [String], _ others: [Resource], _ othersByID: [String: Int]
    ) -> String {
        guard position >= 0 else { return id }
        let user = userPositions[Int(position)]
        if user >= 0 { return names[Int(user)] }
        return othersByID[id].map { others[$0].displayName } ?? id
    }

    static func nameOrder(_ lhs: Resource, _ rhs: Resource) -> Bool {
        if lhs.displayName != rhs.displayName { return codePointPrecedes(lhs.displayName, rhs.displayName) }
        return codePointPrecedes(lhs.id, rhs.id)
    }

    // MARK: - Memberships

    /// Every membership, sorted by organization id, then admins first, then role key, user name, user id.
    public var memberships: MembershipList { MembershipList(index: self, rows: 0..<rows.count) }

    /// An organization's memberships (`organization:<id>`), in report order; empty for an unknown id.
    public func memberships(of organization: String) -> MembershipList {
        MembershipList(index: self, rows: rowsByOrganization[organization] ?? 0..<0)
    }

    /// A user's memberships (`user:<id>`), in report order.
    public func memberships(ofUser user: String) -> [Membership] {
        guard let position = userPosition(user) else { return [] }
        return (Int(userRowStarts[position])..<Int(userRowStarts[position + 1])).map { membership(row: Int(userRows[$0])) }
    }

    /// The membership with this Clerk id (`orgmem_...`), or with this member grant id when it carries none.
    public func membership(id: String) -> Membership? {
        var id = id
        let count = rows.count
        let position = id.withUTF8 { probe in
            snapshot.withBytes { bytes in
                membershipTable.find(probe, in: bytes) { [rows, snapshot] in
                    let entry = snapshot.grants[Int(rows[count - 1 - $0].memberGrant)]
                    return entry.membershipID ?? entry.id
                }
            }
        }
        return position.map { membership(row: count - 1 - $0) }
    }

    public func admins(of organization: String) -> [Membership] { memberships(of: organization).filter(\.isAdmin) }

    func adminCount(rows range: Range<Int>) -> Int { rows[range].reduce(0) { $0 + ($1.isAdmin ? 1 : 0) } }

    func membership(row position: Int) -> Membership {
        let row = rows[position]
        let member = snapshot.grants[Int(row.memberGrant)]
        let memberEntitlement = snapshot.entitlements[Int(member.entitlement)]
        let role = row.role >= 0 ? roleIDs[Int(row.role)] : nil
        return Membership(
            id: snapshot.string(member.membershipID ?? member.id),
            user: row.user >= 0 ? resourceIDs[Int(row.user)] : snapshot.string(member.id.suffix(after: member.entitlementLength)),
            organization: row.organization >= 0
                ? resourceIDs[Int(row.organization)] : snapshot.string(memberEntitlement.id.prefix(memberEntitlement.resourceLength)),
            roleKey: row.roleKey >= 0 ? roleKeys[Int(row.roleKey)] : nil, role: role,
            grantedAt: member.grantedAt.map(snapshot.string), memberGrant: snapshot.string(member.id),
            roleGrant: row.roleGrant >= 0 ? snapshot.string(snapshot.grants[Int(row.roleGrant)].id) : nil,
            permissionKeys: row.roleGrant >= 0 ? (role.flatMap { permissionKeysByRole[$0] } ?? []) : [],
            isAdmin: row.isAdmin)
    }

    // MARK: - Resources

    /// The Clerk id of a `<type>:<clerk id>` resource id.
    public static func clerkID(_ id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    private func userPosition(_ id: String) -> Int? {
        guard let position = resourcePosition(id) else { return nil }
        let user = userPositions[position]
        return user >= 0 ? Int(user) : nil
    }

    private func resourcePosition(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { probe in snapshot.resourcePosition(probe) }
    }

    /// Any resource by id, decoded (users from the file, on each call); nil when the snapshot has none.
    public func resource(_ id: String) -> Resource? {
        if let position = otherResourcesByID[id] { return otherResources[position] }
        return userPosition(id).map { _ in snapshot.resource(at: resourcePosition(id)!) }
    }

    /// A user's facts by `user:<id>`; nil when the snapshot holds no such user.
    public func userFacts(_ id: String) -> UserFacts? { userPosition(id).map { users[$0] } }

    /// A resource's display name, or its id when the snapshot does not hold it.
    public func displayName(_ id: String) -> String {
        if let position = otherResourcesByID[id] { return otherResources[position].displayName }
        return userPosition(id).map { users[$0].displayName } ?? id
    }

    /// An entitlement by id, decoded.
    public func entitlement(_ id: String) -> Entitlement? {
        snapshot.entitlementPosition(id: id).map(snapshot.entitlement(at:))
    }

    /// Every grant of one entitlement, decoded, in grant id order.
    public func grants(of entitlement: String) -> [Grant] {
        guard let position = snapshot.entitlementPosition(id: entitlement) else { return [] }
        return snapshot.grants.indices.filter { snapshot.grants[$0].entitlement == Int32(position) }.map(snapshot.grant(at:))
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
        if let byID = resource(text) ?? resource("organization:\(text)"), byID.type == .organization { return byID }
        return organizations.first { $0.string("slug") == text }
    }

    /// The user a person typed, by Clerk id, resource id, or primary email (case-insensitive).
    public func user(matching text: String) -> Resource? {
        if let byID = resource(text) ?? resource("user:\(text)"), byID.type == .user { return byID }
        let lowered = text.lowercased()
        return users.first { $0.primaryEmail?.lowercased() == lowered }.flatMap { resource($0.id) }
    }

    /// A 1.1 (or later) snapshot: answers gain the paths and machine access a 1.0 snapshot cannot hold.
    public var hasAccessPaths: Bool { snapshot.layout.hasAccessPaths }

    /// The role an access path leads to (`role:<id>`); nil when it leads to the member entitlement.
    public func role(of path: AccessPath) -> String? { entitlement(path.entitlement)?.role }

    /// The role key an access path leads to, from its entitlement or, failing that, its Clerk source.
    public func roleKey(of path: AccessPath) -> String? {
        entitlement(path.entitlement)?.roleKey ?? role(of: path).flatMap { resource($0)?.string("key") }
    }

    /// Permission keys the role a path leads to holds; empty for a path to the member entitlement.
    public func permissionKeys(of path: AccessPath) -> [String] {
        role(of: path).map { permissionKeysByRole[$0] ?? [] } ?? []
    }

    /// Taking the path would make its principal an organization admin (see `ClerkPermission.adminKeys`).
    public func leadsToAdmin(_ path: AccessPath) -> Bool {
        permissionKeys(of: path).contains { ClerkPermission.adminKeys.contains($0) }
    }

    /// Every permission resource with this key (keys are unique in Clerk, but a snapshot is not trusted to be).
    public func permissions(withKey key: String) -> [Resource] {
        otherResources.filter { $0.type == .permission && $0.string("key") == key }
    }
}
