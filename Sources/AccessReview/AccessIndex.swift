import CanonicalJSON
import ClerkModel
import Dispatch
import SnapshotFormat
import Synchronization

/// Look-ups over one snapshot that every report needs: resources by id, memberships per organization and
/// per user, each role's permissions, and (snapshot 1.1) machine scopes and access paths.
///
/// Built over the snapshot's byte index (`IndexedSnapshot`), as `validate` and `diff` read it: the few
/// thousand organizations, roles, permissions, role sets and machines are decoded, each user is kept as the
/// facts reports read (`UserFacts`), and each membership as a handful of integers pointing into the file,
/// made into a `Membership` only when read. Grants are never decoded. Memory is then the file plus a few
/// dozen bytes per record, and a question about one permission costs the index, not the whole tenant.
///
/// A class: reports pass the index to every finding and row they word, and a struct of two dozen
/// references cost a retain and a release of each per copy (about 6% of a review's CPU).
public final class AccessIndex: Sendable {
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
    /// Built on the first look-up: most commands never look a membership up by id.
    private let membershipTable = LazyMembershipTable()
    /// Distinct role keys the grants state, by position.
    private let roleKeys: [String]
    /// `role:<id>` -> its permissions as (resource id, key), sorted by key.
    public let permissionsByRole: [String: [(id: String, key: String)]]
    private let permissionKeysByRole: [String: [String]]
    /// Entitlement position -> the role it names (`role:<id>`), for role entitlements; nil for others.
    private let roleIDs: [String?]
    /// Entitlement position -> the permission keys of the role it names (`permissionKeysByRole`), looked up
    /// once per role entitlement rather than once per membership.
    private let roleEntitlementKeys: [[String]?]
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
    public convenience init(_ snapshot: Snapshot, redactor: PIIRedactor? = nil) {
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

        // The resources and the membership join read different lists and need nothing of each other: one
        // core each (two CPU-bound iterations; the calling thread takes one).
        let parts = Mutex<(resources: ResourcePart?, memberships: MembershipPart?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            if job == 0 {
                let part = ResourcePart(snapshot, redactor: redactor)
                parts.withLock { $0.resources = part }
            } else {
                let part = MembershipPart(snapshot)
                parts.withLock { $0.memberships = part }
            }
        }
        // Taken out of the lock, so the lists have one owner and are not copied when written to below.
        let (resourcePart, joined) = parts.withLock { ($0.resources.take()!, $0.memberships.take()!) }
        var membershipPart = joined
        let resourceIDs = resourcePart.resourceIDs
        let userPositions = resourcePart.userPositions
        let users = resourcePart.users
        let otherResources = resourcePart.otherResources
        let otherResourcesByID = resourcePart.otherResourcesByID
        let principalRank = resourcePart.nameRank
        self.resourceIDs = resourceIDs
        self.userPositions = userPositions
        self.otherPositions = resourcePart.otherPositions
        self.users = users
        self.otherResources = otherResources
        self.otherResourcesByID = otherResourcesByID
        organizations = otherResources.filter { $0.type == .organization }.sorted(by: Self.nameOrder)
        machines = otherResources.filter { $0.type == .machine }.sorted(by: Self.nameOrder)

        let entitlementResource = membershipPart.entitlementResource
        let roleIDs = membershipPart.entitlementRole.map { $0 >= 0 ? resourceIDs[Int($0)] : nil }
        self.roleIDs = roleIDs
        func resourceID(_ position: Int32) -> String { resourceIDs[Int(position)] }

        // Permissions and machine scopes, from the few grants of those kinds.
        var permissions: [String: [(id: String, key: String)]] = [:]
        var callers: [String: [String]] = [:]
        var scopes: [String: [String]] = [:]
        for position in membershipPart.otherGrants {
            let entry = snapshot.grants[Int(position)]
            let entitlementPosition = Int(entry.entitlement)
            switch snapshot.entitlements[entitlementPosition].kind {
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
            case .member, .role:
                continue
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

        let roleEntitlementKeys = roleIDs.map { $0.flatMap { permissionKeysByRole[$0] } }
        self.roleEntitlementKeys = roleEntitlementKeys
        // A membership is an admin's when its role's permissions hold an admin key.
        let adminRole = roleEntitlementKeys.map { keys in (keys ?? []).contains { ClerkPermission.adminKeys.contains($0) } }
        // Moved out, so that setting `isAdmin` does not copy them.
        var rows = membershipPart.rows
        membershipPart.rows = []
        for position in rows.indices where rows[position].role >= 0 {
            rows[position].isAdmin = adminRole[Int(rows[position].role)]
        }
        let roleKeys = membershipPart.roleKeys
        self.roleKeys = roleKeys

        // Report order, by integers: organizations by id, then admins first, role key, the member's
        // name, the member's id. Member grants come in grant id order, so each organization's are
        // together; the organizations are put in id order, then each one's members sorted.
        var roleKeyRank = [Int32](repeating: 0, count: roleKeys.count)
        for (rank, position) in roleKeys.indices.sorted(by: { codePointPrecedes(roleKeys[$0], roleKeys[$1]) }).enumerated() {
            roleKeyRank[position] = Int32(rank + 1)
        }

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

        self.rows = sortedRows
        rowsByOrganization = byOrganization
        userRowStarts = starts
        userRows = perUser

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
            return row.role >= 0 && (roleEntitlementKeys[Int(row.role)]?.contains(key) ?? false)
        }.map { membership(row: $0) }
    }

    /// A user's memberships (`user:<id>`), in report order.
    public func memberships(ofUser user: String) -> [Membership] {
        guard let position = userPosition(user) else { return [] }
        return (Int(userRowStarts[position])..<Int(userRowStarts[position + 1])).map { membership(row: Int(userRows[$0])) }
    }

    /// The membership with this Clerk id (`orgmem_...`), or with this member grant id when it carries none.
    public func membership(id: String) -> Membership? { membershipRow(id: id).map { membership(row: $0) } }

    /// The row of `membership(id:)`.
    func membershipRow(id: String) -> Int? {
        var id = id
        let count = rows.count
        let key = { (position: Int) -> ByteSpan in self.membershipIDSpan(row: count - 1 - position) }
        let table = membershipTable.table {
            // By membership id: inserted last row first, so a look-up finds the last of equal ids, as a
            // dictionary filled in report order would keep it.
            snapshot.withBytes { SpanTable(count: count, bytes: $0, key: key) }
        }
        let position = id.withUTF8 { probe in
            snapshot.withBytes { bytes in table.find(probe, in: bytes, key: key) }
        }
        return position.map { count - 1 - $0 }
    }

    /// The rows of the memberships with these ids, as `membershipRow(id:)` finds each (the last in report
    /// order of equal ids), in one pass over the memberships: a review looks up a few thousand, and a
    /// table of all of them would cost megabytes for as long as the index lives.
    func membershipRows(ids: Set<String>) -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        var hashes: Set<UInt64> = []
        for id in ids {
            var id = id
            hashes.insert(id.withUTF8 { SpanTable.hash($0) })
        }
        var found: [String: Int] = [:]
        snapshot.withBytes { bytes in
            for position in rows.indices {
                let id = bytes[membershipIDSpan(row: position)]
                guard hashes.contains(SpanTable.hash(id)) else { continue }
                let text = String(decoding: id, as: UTF8.self)
                if ids.contains(text) { found[text] = position }
            }
        }
        return found
    }

    public func admins(of organization: String) -> [Membership] {
        (rowsByOrganization[organization] ?? 0..<0).filter { rows[$0].isAdmin }.map { membership(row: $0) }
    }

    func adminCount(rows range: Range<Int>) -> Int { rows[range].reduce(0) { $0 + ($1.isAdmin ? 1 : 0) } }

    /// The rows of the memberships of the user at `position` in `users`, in report order.
    func membershipRows(ofUserAt position: Int) -> ArraySlice<Int32> {
        userRows[Int(userRowStarts[position])..<Int(userRowStarts[position + 1])]
    }

    /// Whether the membership at `row` makes its user an organization admin.
    func isAdmin(row: Int32) -> Bool { rows[Int(row)].isAdmin }

    /// The resource position of the organization of the membership at `row`.
    func organizationPosition(row: Int32) -> Int32 { rows[Int(row)].organization }

    /// The `organization:<id>` of the membership at `row`.
    func organizationID(row: Int32) -> String { resourceID(at: organizationPosition(row: row)) }

    /// The id of the resource at `position`.
    func resourceID(at position: Int32) -> String { resourceIDs[Int(position)] }

    /// The `id` of `membership(row:)`, without the rest of it.
    func membershipID(row position: Int) -> String { snapshot.string(membershipIDSpan(row: position)) }

    /// Where the file holds the id of the membership at `row`: its Clerk id, or its member grant's id
    /// when it carries none.
    private func membershipIDSpan(row position: Int) -> ByteSpan {
        let member = snapshot.grants[Int(rows[position].memberGrant)]
        return member.membershipID ?? member.id
    }

    /// What a finding lists of the membership at `row` (`FindingGrant`), without making the whole `Membership`.
    func findingGrant(row position: Int) -> FindingGrant {
        let row = rows[position]
        let id = resourceIDs[Int(row.organization)]
        return FindingGrant(
            organization: id, organizationName: otherPosition(atResource: row.organization).map { otherResources[$0].displayName } ?? displayName(id),
            membershipID: membershipID(row: position), roleKey: row.roleKey >= 0 ? roleKeys[Int(row.roleKey)] : nil, isAdmin: row.isAdmin)
    }

    func membership(row position: Int) -> Membership {
        let row = rows[position]
        let member = snapshot.grants[Int(row.memberGrant)]
        let role = row.role >= 0 ? roleIDs[Int(row.role)] : nil
        var membership = Membership(
            id: membershipID(row: position), user: resourceIDs[Int(row.user)],
            organization: resourceIDs[Int(row.organization)], roleKey: row.roleKey >= 0 ? roleKeys[Int(row.roleKey)] : nil,
            role: role, grantedAt: member.grantedAt.map(snapshot.string), permissionKeys: row.role >= 0 ? roleEntitlementKeys[Int(row.role)] ?? [] : [], isAdmin: row.isAdmin)
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
        return otherPosition(atResource: membership.organizationPosition).map { otherResources[$0] }
    }

    /// Where `otherResources` holds the resource at a resource position; nil for a user.
    private func otherPosition(atResource position: Int32) -> Int? {
        let other = otherPositions[Int(position)]
        return other >= 0 ? Int(other) : nil
    }

    /// The display name of a membership's user, or the user id when the snapshot does not hold it.
    public func userName(of membership: Membership) -> String { user(of: membership)?.displayName ?? displayName(membership.user) }

    /// The display name of a membership's organization, or its id.
    public func organizationName(of membership: Membership) -> String {
        organization(of: membership)?.displayName ?? displayName(membership.organization)
    }

    /// Two resource positions as one dictionary key.
    static func pairKey(_ first: Int32, _ second: Int32) -> UInt64 {
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

/// `AccessIndex`'s table of memberships by id, made when first asked for and kept.
private final class LazyMembershipTable: Sendable {
    private let built = Mutex<SpanTable?>(nil)

    func table(_ build: () -> SpanTable) -> SpanTable {
        built.withLock { table in
            if let table { return table }
            let made = build()
            table = made
            return made
        }
    }
}
