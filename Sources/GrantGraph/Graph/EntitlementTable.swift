import CanonicalJSON
import SnapshotFormat

/// The entitlements of a graph: every organization offers membership and the roles of its role set
/// (`RoleOffers`: every role when it has none), every permission can be granted to roles. They follow from
/// the organizations, roles and permissions alone, so what is kept is which one each is, in canonical
/// order, and its record is made when the snapshot is written: an instance with 5,000 organizations and
/// 10 roles has up to 55,000 of them, about 25 MB as encoded records.
struct EntitlementTable: Sendable {
    private struct Entry: Sendable {
        /// Index into `organizations`, or into `permissions` for a permission entitlement.
        var subject: Int32
        /// Index into `roles`; `member` or `permission` otherwise.
        var role: Int32
        static let member: Int32 = -1
        static let permission: Int32 = -2
    }

    private let organizations: [(id: String, name: String)]
    private let roles: [(id: String, key: String, name: String)]
    private let permissions: [(id: String, key: String)]
    private let order: [Entry]

    /// `offers` numbers organizations by their position in `organizations`, roles by theirs in `roles`.
    init(
        organizations: [(id: String, name: String)], roles: [(id: String, key: String, name: String)], offers: RoleOffers,
        permissions: [(id: String, key: String)]
    ) {
        self.organizations = organizations
        self.roles = roles
        self.permissions = permissions
        var entries: [Entry] = []
        entries.reserveCapacity(organizations.count * (roles.count + 1) + permissions.count)
        var ids = ByteStrings(reservingCapacity: entries.capacity, averageLength: 64)
        for (number, organization) in organizations.enumerated() {
            entries.append(Entry(subject: Int32(number), role: Entry.member))
            ids.append(Entitlement.memberID(organization: organization.id))
            for roleNumber in offers.roles(of: number) {
                entries.append(Entry(subject: Int32(number), role: roleNumber))
                ids.append(Entitlement.roleID(organization: organization.id, role: roles[Int(roleNumber)].id))
            }
        }
        for (number, permission) in permissions.enumerated() {
            entries.append(Entry(subject: Int32(number), role: Entry.permission))
            ids.append(Entitlement.permissionID(permission: permission.id))
        }
        order = ids.sortedIndices().map { entries[$0] }
    }

    var count: Int { order.count }

    func entitlement(at position: Int) -> Entitlement {
        let entry = order[position]
        if entry.role == Entry.permission {
            let permission = permissions[Int(entry.subject)]
            return Entitlement(
                resource: Resource.id(.permission, permission.id), kind: .permission, slug: "granted",
                purpose: .permission, grantableTo: [.role], displayName: "Permission \(permission.key)")
        }
        let organization = organizations[Int(entry.subject)]
        let resourceID = Resource.id(.organization, organization.id)
        guard entry.role >= 0 else {
            return Entitlement(
                resource: resourceID, kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user],
                displayName: "Member of \(organization.name)")
        }
        let role = roles[Int(entry.role)]
        return Entitlement(
            resource: resourceID, kind: .role, slug: "role:\(role.id)", purpose: .assignment, grantableTo: [.user],
            displayName: "\(role.name) in \(organization.name)", role: Resource.id(.role, role.id), roleKey: role.key)
    }

    func write(_ position: Int, to writer: inout CanonicalJSONWriter) {
        writer.writeRecord(entitlement(at: position))
    }
}
