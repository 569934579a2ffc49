/// The parts of a tenant that never change while the server runs, sorted into list order, indexed, and
/// pre-rendered where a fragment is repeated (an organization is embedded in each of its memberships).
/// Immutable after `init`, so every connection thread reads it without a lock.
struct TenantCatalog: Sendable {
    let organizations: [FakeOrganization]
    let roles: [FakeRole]
    let permissions: [FakePermission]
    let memberships: [FakeMembership]

    private let openOrganizations: [[UInt8]]
    private let membersCounts: [Int]
    private let organizationIndexByID: [String: Int]
    private let membershipOrganizationIndex: [Int]
    /// Into `publicUserDataFragments`: one per listed user (each is embedded in about three memberships),
    /// then one per membership whose user the tenant does not list.
    private let membershipUserIndex: [Int]
    private let publicUserDataFragments: [[UInt8]]
    private let membershipRoleIndex: [Int]
    private let roleMembersFragments: [[UInt8]]
    private let membershipIndicesByOrganization: [[Int]]
    private let renderedRoles: [[UInt8]]
    private let renderedPermissions: [[UInt8]]

    init(_ tenant: FakeTenant) {
        organizations = Self.inListOrder(tenant.organizations) { ($0.createdAt, $0.id) }
        roles = tenant.roles
        permissions = tenant.permissions
        memberships = Self.inListOrder(tenant.memberships) { ($0.createdAt, $0.id) }

        openOrganizations = organizations.map(ClerkObjectRenderer.openOrganization)
        var organizationIndexByID: [String: Int] = [:]
        for (index, organization) in organizations.enumerated() { organizationIndexByID[organization.id] = index }
        self.organizationIndexByID = organizationIndexByID

        var publicUserDataFragments = tenant.users.map { ClerkObjectRenderer.publicUserData(userID: $0.id, user: $0) }
        var userIndexByID: [String: Int] = [:]
        userIndexByID.reserveCapacity(tenant.users.count)
        for (index, user) in tenant.users.enumerated() { userIndexByID[user.id] = index }

        let rolesByKey = Dictionary(tenant.roles.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var roleIndexByKey: [String: Int] = [:]
        var roleMembersFragments: [[UInt8]] = []
        var membershipRoleIndex: [Int] = []
        var membershipOrganizationIndex: [Int] = []
        var membershipUserIndex: [Int] = []
        var membersCounts = [Int](repeating: 0, count: organizations.count)
        var membershipIndicesByOrganization = [[Int]](repeating: [], count: organizations.count)
        for (membershipIndex, membership) in memberships.enumerated() {
            guard let organizationIndex = organizationIndexByID[membership.organizationID] else {
                preconditionFailure("membership \(membership.id) names an organization the tenant does not list")
            }
            membershipOrganizationIndex.append(organizationIndex)
            membersCounts[organizationIndex] += 1
            membershipIndicesByOrganization[organizationIndex].append(membershipIndex)
            if let userIndex = userIndexByID[membership.userID] {
                membershipUserIndex.append(userIndex)
            } else {
                membershipUserIndex.append(publicUserDataFragments.count)
                publicUserDataFragments.append(ClerkObjectRenderer.publicUserData(userID: membership.userID, user: nil))
            }
            if let roleIndex = roleIndexByKey[membership.roleKey] {
                membershipRoleIndex.append(roleIndex)
            } else {
                roleIndexByKey[membership.roleKey] = roleMembersFragments.count
                membershipRoleIndex.append(roleMembersFragments.count)
                roleMembersFragments.append(
                    ClerkObjectRenderer.membershipRoleMembers(
                        key: membership.roleKey, role: rolesByKey[membership.roleKey]))
            }
        }
        self.membershipOrganizationIndex = membershipOrganizationIndex
        self.membershipUserIndex = membershipUserIndex
        self.publicUserDataFragments = publicUserDataFragments
        self.membershipRoleIndex = membershipRoleIndex
        self.roleMembersFragments = roleMembersFragments
        self.membersCounts = membersCounts
        self.membershipIndicesByOrganization = membershipIndicesByOrganization

        let permissionsByKey = Dictionary(
            tenant.permissions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        renderedRoles = tenant.roles.map { role in
            var json = JSONBytes(capacity: 2048)
            ClerkObjectRenderer.role(role, permissionsByKey: permissionsByKey, into: &json)
            return json.bytes
        }
        renderedPermissions = tenant.permissions.map { permission in
            var json = JSONBytes(capacity: 512)
            ClerkObjectRenderer.permission(permission, into: &json)
            return json.bytes
        }
    }

    func organizationIndex(id: String) -> Int? {
        organizationIndexByID[id]
    }

    func membershipCount(organizationIndex: Int) -> Int {
        membershipIndicesByOrganization[organizationIndex].count
    }

    static func usersPage(_ users: [FakeUser]) -> [UInt8] {
        var json = JSONBytes(capacity: 2 + users.count * 2_048)
        json.raw("[")
        for (index, user) in users.enumerated() {
            if index > 0 { json.raw(",") }
            ClerkObjectRenderer.user(user, into: &json)
        }
        json.raw("]")
        return json.bytes
    }

    static func totalCount(_ count: Int) -> [UInt8] {
        var json = JSONBytes(capacity: 48)
        json.raw("{\"object\":\"total_count\",\"total_count\":")
        json.int(count)
        json.raw("}")
        return json.bytes
    }

    func organizationsPage(_ window: Range<Int>, includeMembersCount: Bool) -> [UInt8] {
        Self.listPage(count: window.count, total: organizations.count, bytesPerItem: 600) { json, position in
            let index = window.lowerBound + position
            json.raw(openOrganizations[index])
            if includeMembersCount {
                json.raw(",\"members_count\":")
                json.int(membersCounts[index])
            }
            json.raw("}")
        }
    }

    func rolesPage(_ window: Range<Int>) -> [UInt8] { Self.listPage(of: renderedRoles, window, bytesPerItem: 2_048) }

    func permissionsPage(_ window: Range<Int>) -> [UInt8] { Self.listPage(of: renderedPermissions, window, bytesPerItem: 300) }

    func instanceMembershipsPage(_ window: Range<Int>) -> [UInt8] {
        Self.listPage(count: window.count, total: memberships.count, bytesPerItem: 1_536) { json, position in
            renderMembership(window.lowerBound + position, into: &json)
        }
    }

    func organizationMembershipsPage(organizationIndex: Int, _ window: Range<Int>) -> [UInt8] {
        let indices = membershipIndicesByOrganization[organizationIndex]
        return Self.listPage(count: window.count, total: indices.count, bytesPerItem: 1_536) { json, position in
            renderMembership(indices[window.lowerBound + position], into: &json)
        }
    }

    private func renderMembership(_ index: Int, into json: inout JSONBytes) {
        ClerkObjectRenderer.membership(
            memberships[index], roleMembers: roleMembersFragments[membershipRoleIndex[index]],
            openOrganization: openOrganizations[membershipOrganizationIndex[index]],
            publicUserData: publicUserDataFragments[membershipUserIndex[index]], into: &json)
    }

    /// `{"data":[...],"total_count":N}`, the envelope of every list but the users list.
    static func listPage(
        count: Int, total: Int, bytesPerItem: Int, item: (inout JSONBytes, Int) -> Void
    ) -> [UInt8] {
        var json = JSONBytes(capacity: 40 + count * bytesPerItem)
        json.raw("{\"data\":[")
        for position in 0..<count {
            if position > 0 { json.raw(",") }
            item(&json, position)
        }
        json.raw("],\"total_count\":")
        json.int(total)
        json.raw("}")
        return json.bytes
    }

    /// The page `window` of a list whose objects were rendered ahead (`indices`: which of them the list
    /// holds, when a filter left some out), in the envelope of `listPage`.
    static func listPage(of rendered: [[UInt8]], _ window: Range<Int>, indices: [Int]? = nil, bytesPerItem: Int) -> [UInt8] {
        listPage(count: window.count, total: indices?.count ?? rendered.count, bytesPerItem: bytesPerItem) { json, position in
            let index = window.lowerBound + position
            json.raw(rendered[indices?[index] ?? index])
        }
    }

    /// Sorts newest first unless already in that order, which generated tenants are.
    static func inListOrder<Element>(_ elements: [Element], key: (Element) -> (Int64, String)) -> [Element] {
        func isBefore(_ first: Element, _ second: Element) -> Bool {
            let (firstCreatedAt, firstID) = key(first)
            let (secondCreatedAt, secondID) = key(second)
            return FakeTenant.isListedBefore(
                createdAt: firstCreatedAt, id: firstID, otherCreatedAt: secondCreatedAt, otherID: secondID)
        }
        let sorted = zip(elements, elements.dropFirst()).allSatisfy { !isBefore($1, $0) }
        return sorted ? elements : elements.sorted(by: isBefore)
    }
}
