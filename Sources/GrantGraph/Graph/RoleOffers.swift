/// Which roles each organization offers, as positions in the graph's role list. An organization offers
/// the roles of its role set (snapshot 1.1), or every role when it has none the export knows of. The lists
/// are shared: 5,000 organizations on three role sets hold three lists and one small number each, not
/// 5,000 copies. A role an organization does not offer but someone holds or is invited to anyway is added
/// for that organization alone, so the grant or path still has its entitlement.
struct RoleOffers: Sendable {
    /// List 0 is every role (the fallback); the others are one per role set in use.
    private(set) var lists: [[Int32]]
    /// Per organization (by its position among the graph's organizations), the list it offers.
    private(set) var listOfOrganization: [Int32]
    /// Per organization, roles offered beyond its list, in the order they were added.
    private(set) var extras: [Int: [Int32]] = [:]
    /// The lists as sets, for `offers(role:organization:)`; nil for the fallback, which offers everything.
    private let members: [Set<Int32>?]

    static let everyRole: Int32 = 0

    /// Every organization offers every one of `roleCount` roles.
    init(everyRoleOf roleCount: Int, organizations: Int) {
        self.init(lists: [], roleCount: roleCount, listOfOrganization: Array(repeating: Self.everyRole, count: organizations))
    }

    /// `lists`: one list of role positions per role set in use, numbered from 1 in `listOfOrganization`.
    init(lists: [[Int32]], roleCount: Int, listOfOrganization: [Int32]) {
        self.lists = [(0..<Int32(roleCount)).map { $0 }] + lists
        self.listOfOrganization = listOfOrganization
        members = [nil] + lists.map { Set($0) }
    }

    /// Whether the organization at `organization` offers the role at `role`, its extras included.
    func offers(role: Int, organization: Int) -> Bool {
        guard let set = members[Int(listOfOrganization[organization])] else { return true }
        return set.contains(Int32(role)) || extras[organization]?.contains(Int32(role)) == true
    }

    /// Whether the role is in the list the organization offers (its role set's roles), extras aside.
    func isListed(role: Int, organization: Int) -> Bool {
        members[Int(listOfOrganization[organization])]?.contains(Int32(role)) ?? true
    }

    /// Whether some organization offers only a role set's roles: otherwise nothing can be outside one.
    var anyRestricted: Bool { lists.count > 1 && listOfOrganization.contains { $0 != Self.everyRole } }

    /// Whether the organization offers exactly a role set's roles (not the fallback).
    func isRestricted(_ organization: Int) -> Bool { listOfOrganization[organization] != Self.everyRole }

    mutating func addExtra(role: Int, organization: Int) {
        guard !offers(role: role, organization: organization) else { return }
        extras[organization, default: []].append(Int32(role))
    }

    /// The roles the organization offers: its list, then its extras.
    func roles(of organization: Int) -> [Int32] {
        lists[Int(listOfOrganization[organization])] + (extras[organization] ?? [])
    }

    var organizationCount: Int { listOfOrganization.count }
}
