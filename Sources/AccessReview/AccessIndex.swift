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
    /// One membership: its member grant, as a position in the snapshot's grant list, and the positions of
    /// what it joins.
    struct MembershipRow: Sendable {
        var memberGrant: Int32
        /// Resource positions of the principal (a user, in any file Clerk could give) and the organization.
        var user: Int32
        var organization: Int32
        /// The role grant's entitlement position; -1 without a role grant.
        var role: Int32
        /// Position in `roleKeys`; -1 when the grant states none.
        var roleKey: Int32
        var isAdmin: Bool
    }

    public let snapshot: IndexedSnapshot
    /// Set for `--redact-pii`: every user fact, decoded user and access path this index hands out carries
    /// tokens instead of names and addresses, so no report built on it can print them.
    public let redactor: PIIRedactor?
    /// Every resource but the users, decoded, in id order, and by id.
    private let otherResources: [Resource]
    private let otherResourcesByID: [String: Int]
    /// Each resource's id, by resource position (shared with the values made from it).
    private let resourceIDs: [String]
    /// Resource position -> position in `users`, -1 for resources that are not users.
    private let userPositions: [Int32]
    /// Resource position -> position in `otherResources`, -1 for users.
    private let otherPositions: [Int32]
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
    /// Entitlement position -> the role it names (`role:<id>`), for role entitlements; nil for others.
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
    public init(_ snapshot: Snapshot, redactor: PIIRedactor? = nil) {
        guard let indexed = IndexedSnapshot(encoding: snapshot) else {
            preconditionFailure("a snapshot's graph does not encode into a file the indexer reads")
        }
        self.init(indexed, redactor: redactor)
    }

    /// Builds the look-ups in a few passes over the index: a few dozen bytes per record, no grant decoded.
    /// With a `redactor`, personal data is replaced as it is read, before any look-up is built.
    public init(_ snapshot: IndexedSnapshot, redactor: PIIRedactor? = nil) {
        self.snapshot = snapshot
        self.redactor = redactor
        let resourceCount = snapshot.resourceCount

        // Resources: users as facts, the rest decoded.
        var resourceIDs: [String] = []
        resourceIDs.reserveCapacity(resourceCount)
        var userPositions = [Int32](repeating: -1, count: resourceCount)
        var otherPositions = [Int32](repeating: -1, count: resourceCount)
        var users: [UserFacts] = []
        var otherResources: [Resource] = []
        var otherResourcesByID: [String: Int] = [:]
        snapshot.withBytes { bytes in
            for position in 0..<resourceCount {
                let entry = snapshot.resources[position]
                if entry.type == .user {
                    var facts = UserFacts(record: bytes[entry.record]) ?? UserFacts(snapshot.resource(at: position))
                    if let redactor { facts = facts.redacted(by: redactor) }
                    resourceIDs.append(facts.id)
                    userPositions[position] = Int32(users.count)
                    users.append(facts)
                } else {
                    let resource = snapshot.resource(at: position)
                    resourceIDs.append(resource.id)
                    otherPositions[position] = Int32(otherResources.count)
                    otherResourcesByID[resource.id] = otherResources.count
                    otherResources.append(resource)
                }
            }
        }
        self.resourceIDs = resourceIDs
        self.userPositions = userPositions
        self.otherPositions = otherPositions
        self.users = users
        self.otherResources = otherResources
        self.otherResourcesByID = otherResourcesByID
        organizations = otherResources.filter { $0.type == .organization }.sorted(by: Self.nameOrder)
        machines = otherResources.filter { $0.type == .machine }.sorted(by: Self.nameOrder)

        // Per entitlement: its resource's and (for a role entitlement) its role's ids. The indexer has
        // checked that both are resources of the file.
        let entitlementCount = snapshot.entitlementCount
        var entitlementResource = [Int32](repeating: -1, count: entitlementCount)
        var roleIDs = [String?](repeating: nil, count: entitlementCount)
        snapshot.withBytes { bytes in
            for position in 0..<entitlementCount {
                let entry = snapshot.entitlements[position]
                entitlementResource[position] = Int32(snapshot.resourcePosition(bytes[entry.id.prefix(entry.resourceLength)]) ?? -1)
                if let role = entry.role { roleIDs[position] = snapshot.resourcePosition(bytes[role]).map { resourceIDs[$0] } }
            }
        }
        self.roleIDs = roleIDs
        func resourceID(_ position: Int32) -> String { resourceIDs[Int(position)] }

        // Grants by kind: members kept, role grants noted for the join, permissions and machine scopes
        // collected. A role grant joins the member grant with its membership id or, lacking one, the member
        // grant of its organization and principal; of two role grants with one key the later counts.
        var memberGrants: [Int32] = []
        var roleGrantsByMembershipID: [Int32] = []
        var roleGrantsByPrincipal: [UInt64: Int32] = [:]
        var permissions: [String: [(id: String, key: String)]] = [:]
        var callers: [String: [String]] = [:]
        var scopes: [String: [String]] = [:]
        for position in 0..<snapshot.grantCount {
            let entry = snapshot.grants[position]
            let entitlementPosition = Int(entry.entitlement)
            switch snapshot.entitlements[entitlementPosition].kind {
            case .member:
                memberGrants.append(Int32(position))
            case .role:
                if entry.membershipID != nil {
                    roleGrantsByMembershipID.append(Int32(position))
                } else {
                    roleGrantsByPrincipal[Self.pairKey(entitlementResource[entitlementPosition], entry.principal)] = Int32(position)
                }
            case .permission:
                let principal = resourceID(entry.principal)
                guard principal.hasPrefix("role:") else { continue }
                let permission = resourceID(entitlementResource[entitlementPosition])
                let key = otherResourcesByID[permission].flatMap { otherResources[$0].string("key") } ?? permission
                permissions[principal, default: []].append((permission, key))
            case .access:
                // A machine scope: the principal machine can call the entitlement's machine.
                let machine = resourceID(entitlementResource[entitlementPosition])
                let principal = resourceID(entry.principal)
                callers[machine, default: []].append(principal)
                scopes[principal, default: []].append(machine)
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
        // Looked up last one first, so the later of two role grants with one membership id is found.
        let roleGrantTable = snapshot.withBytes { bytes in
            SpanTable(count: roleGrantsByMembershipID.count, bytes: bytes) {
                snapshot.grants[Int(roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - $0])].membershipID!
            }
        }

        // Memberships: each member grant joined to its role grant.
        var roleKeys: [String] = []
        var roleKeyPositions: [String: Int32] = [:]
        var rows: [MembershipRow] = []
        rows.reserveCapacity(memberGrants.count)
        snapshot.withBytes { bytes in
            for grantPosition in memberGrants {
                let entry = snapshot.grants[Int(grantPosition)]
                let organization = entitlementResource[Int(entry.entitlement)]
                var roleGrant: Int32 = -1
                if let membershipID = entry.membershipID {
                    let found = roleGrantTable.find(bytes[membershipID], in: bytes) {
                        snapshot.grants[Int(roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - $0])].membershipID!
                    }
                    if let found { roleGrant = roleGrantsByMembershipID[roleGrantsByMembershipID.count - 1 - found] }
                } else {
                    roleGrant = roleGrantsByPrincipal[Self.pairKey(organization, entry.principal)] ?? -1
                }
                let role = roleGrant >= 0 ? snapshot.grants[Int(roleGrant)].entitlement : -1
                let isAdmin = role >= 0 && (roleIDs[Int(role)].flatMap { permissionKeysByRole[$0] } ?? []).contains {
                    ClerkPermission.adminKeys.contains($0)
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
                rows.append(
                    MembershipRow(
                        memberGrant: grantPosition, user: entry.principal, organization: organization,
                        role: role, roleKey: roleKey, isAdmin: isAdmin))
            }
        }
        self.roleKeys = roleKeys

        // Report order, by integers: organizations by id, then admins first, role key, the member's
        // name, the member's id. Member grants come in grant id order, so each organization's are
        // together; the organizations are put in id order, then each one's members sorted.
        var roleKeyRank = [Int32](repeating: 0, count: roleKeys.count)
        for (rank, position) in roleKeys.indices.sorted(by: { codePointPrecedes(roleKeys[$0], roleKeys[$1]) }).enumerated() {
            roleKeyRank[position] = Int32(rank + 1)
        }
        func name(_ position: Int32) -> String {
            let user = userPositions[Int(position)]
            return user >= 0 ? users[Int(user)].displayName : otherResources[otherResourcesByID[resourceIDs[Int(position)]]!].displayName
        }
        var principals = Array(Set(rows.map(\.user)))
        principals.sort { lhs, rhs in
            let left = name(lhs)
            let right = name(rhs)
            return left != right ? codePointPrecedes(left, right) : lhs < rhs
        }
        var principalRank = [Int32](repeating: 0, count: resourceCount)
        for (rank, position) in principals.enumerated() { principalRank[Int(position)] = Int32(rank) }

        var blocks: [Range<Int>] = []
        var blockStart = 0
        for position in rows.indices where position + 1 == rows.count || rows[position + 1].organization != rows[position].organization {
            blocks.append(blockStart..<(position + 1))
            blockStart = position + 1
        }
        blocks.sort { codePointPrecedes(resourceIDs[Int(rows[$0.lowerBound].organization)], resourceIDs[Int(rows[$1.lowerBound].organization)]) }
        var sortedRows: [MembershipRow] = []
        sortedRows.reserveCapacity(rows.count)
        var byOrganization: [String: Range<Int>] = [:]
        for block in blocks {
            let start = sortedRows.count
            sortedRows += rows[block].sorted { lhs, rhs in
                if lhs.isAdmin != rhs.isAdmin { return lhs.isAdmin }
                let leftKey = lhs.roleKey < 0 ? 0 : roleKeyRank[Int(lhs.roleKey)]
                let rightKey = rhs.roleKey < 0 ? 0 : roleKeyRank[Int(rhs.roleKey)]
                if leftKey != rightKey { return leftKey < rightKey }
                return principalRank[Int(lhs.user)] < principalRank[Int(rhs.user)]
            }
            byOrganization[resourceIDs[Int(rows[block.lowerBound].organization)]] = start..<sortedRows.count
        }

        // Rows per user, in report order: a counting sort over the user positions.
        var starts = [Int32](repeating: 0, count: users.count + 1)
        for row in sortedRows {
            let user = userPositions[Int(row.user)]
            if user >= 0 { starts[Int(user) + 1] += 1 }
        }
        for user in 0..<users.count { starts[user + 1] += starts[user] }
        var fill = starts
        var perUser = [Int32](repeating: 0, count: Int(starts[users.count]))
        for (position, row) in sortedRows.enumerated() {
            let user = userPositions[Int(row.user)]
            guard user >= 0 else { continue }
            perUser[Int(fill[Int(user)])] = Int32(position)
            fill[Int(user)] += 1
        }

        // By membership id: inserted last row first, so a look-up finds the last of equal ids, as a
        // dictionary filled in report order would keep it.
        let table = snapshot.withBytes { bytes in
            SpanTable(count: sortedRows.count, bytes: bytes) {
                let entry = snapshot.grants[Int(sortedRows[sortedRows.count - 1 - $0].memberGrant)]
                return entry.membershipID ?? entry.id
            }
        }

        self.rows = sortedRows
        rowsByOrganization = byOrganization
        userRowStarts = starts
        userRows = perUser
        membershipTable = table

        let paths = redactor.map { redactor in snapshot.accessPaths.map(redactor.redact) } ?? snapshot.accessPaths
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

    /// An organization's memberships whose role holds the permission `key`, in report order; the others are
    /// passed over without being made into `Membership` values.
    public func memberships(of organization: String, holding key: String) -> [Membership] {
        guard let range = rowsByOrganization[organization] else { return [] }
        return range.filter { position in
            let row = rows[position]
            return row.role >= 0 && (roleIDs[Int(row.role)].flatMap { permissionKeysByRole[$0] }?.contains(key) ?? false)
        }.map { membership(row: $0) }
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

    public func admins(of organization: String) -> [Membership] {
        (rowsByOrganization[organization] ?? 0..<0).filter { rows[$0].isAdmin }.map { membership(row: $0) }
    }

    func adminCount(rows range: Range<Int>) -> Int { rows[range].reduce(0) { $0 + ($1.isAdmin ? 1 : 0) } }

    func membership(row position: Int) -> Membership {
        let row = rows[position]
        let member = snapshot.grants[Int(row.memberGrant)]
        let role = row.role >= 0 ? roleIDs[Int(row.role)] : nil
        var membership = Membership(
            id: snapshot.string(member.membershipID ?? member.id), user: resourceIDs[Int(row.user)],
            organization: resourceIDs[Int(row.organization)], roleKey: row.roleKey >= 0 ? roleKeys[Int(row.roleKey)] : nil,
            role: role, grantedAt: member.grantedAt.map(snapshot.string), permissionKeys: role.flatMap { permissionKeysByRole[$0] } ?? [], isAdmin: row.isAdmin)
        membership.userPosition = row.user
        membership.organizationPosition = row.organization
        return membership
    }

    /// The facts of a membership's user; nil when its principal is no user of the snapshot.
    public func user(of membership: Membership) -> UserFacts? {
        guard membership.userPosition >= 0 else { return userFacts(membership.user) }
        let user = userPositions[Int(membership.userPosition)]
        return user >= 0 ? users[Int(user)] : nil
    }

    /// A membership's organization.
    public func organization(of membership: Membership) -> Resource? {
        guard membership.organizationPosition >= 0 else { return resource(membership.organization) }
        let other = otherPositions[Int(membership.organizationPosition)]
        return other >= 0 ? otherResources[Int(other)] : nil
    }

    /// The display name of a membership's user, or the user id when the snapshot does not hold it.
    public func userName(of membership: Membership) -> String { user(of: membership)?.displayName ?? displayName(membership.user) }

    /// The display name of a membership's organization, or its id.
    public func organizationName(of membership: Membership) -> String {
        organization(of: membership)?.displayName ?? displayName(membership.organization)
    }

    /// Two resource positions as one dictionary key.
    private static func pairKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    // MARK: - Resources

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
        return userPosition(id).map { _ in
            let user = snapshot.resource(at: resourcePosition(id)!)
            return redactor?.redact(user) ?? user
        }
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

    /// The user a person typed, by Clerk id, resource id, or primary email (case-insensitive; with a
    /// redactor, the address typed is hashed as the stored ones were, so it still finds its user).
    public func user(matching text: String) -> Resource? {
        if let byID = resource(text) ?? resource("user:\(text)"), byID.type == .user { return byID }
        let lowered: String = redactor.map { $0.token(text, isEmail: true) } ?? text.lowercased()
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
