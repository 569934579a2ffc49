import CanonicalJSON
import ClerkModel
import Dispatch
import SnapshotFormat
import Synchronization

/// Turns what is read from Clerk into the access graph, page by page as the pages arrive, keeping only a
/// compact form of each object: what the export holds is the graph, never the pages. Every rule that could
/// silently lose or invent access is explicit here and leaves a diagnostic: repeats kept once (the first
/// in list order, whatever order pages arrived in), role keys resolved to role ids (or reported), users and
/// organizations known only through a membership still exported.
public struct GraphBuilder: Sendable {
    private let requested: Set<ClerkCollection>
    private var userIDs = IDInterner()
    private var organizationIDs = IDInterner()
    private var roleKeys = IDInterner()
    /// Resource records; listed users are encoded as they arrive, everything else at `finish`.
    private var resources = EncodedRecords()
    private var listedUsers: [Int32: Listing] = [:]
    /// Users seen in a membership but not (yet) in the user list, as the first such membership shows them.
    private var unlistedUsers: [Int32: Sighting<ClerkMembership.PublicUserData>] = [:]
    private var listedOrganizations: [Int32: Sighting<ClerkOrganization>] = [:]
    /// Organizations embedded in a membership but not (yet) in the organization list.
    private var embeddedOrganizations: [Int32: Sighting<ClerkOrganization>] = [:]
    private var roles: [Sighting<ClerkRole>] = []
    private var permissions: [Sighting<ClerkPermission>] = []
    private var memberships = MembershipLedger()
    private var diagnostics: [Diagnostic] = []

    /// A listed user: its encoded record, where it was listed first, and how often it was returned.
    private struct Listing {
        var record: Int
        var order: UInt64
        var seen: Int
    }

    private struct Sighting<Object: Sendable>: Sendable {
        var order: UInt64
        var object: Object
        var seen = 1
    }

    public init(requested: Set<ClerkCollection>) {
        self.requested = requested
    }

    /// The whole graph of a tenant held in memory.
    public static func build(from tenant: consuming ClerkTenant) -> AccessGraph {
        var builder = GraphBuilder(requested: tenant.requested)
        for page in tenant.pages { builder.add(page, at: PagePosition(offset: 0)) }
        return builder.finish(tenant.report).accessGraph()
    }

    // MARK: - Adding pages

    public mutating func add(_ page: ClerkPage, at position: PagePosition) {
        switch page.items {
        case .users(let list):
            for (index, user) in list.enumerated() { addListed(user, order: position.order(ofItem: index)) }
        case .organizations(let list):
            for (index, organization) in list.enumerated() {
                addListed(organization, order: position.order(ofItem: index))
            }
        case .roles(let list):
            for (index, role) in list.enumerated() { roles.append(Sighting(order: position.order(ofItem: index), object: role)) }
        case .permissions(let list):
            for (index, permission) in list.enumerated() {
                permissions.append(Sighting(order: position.order(ofItem: index), object: permission))
            }
        case .memberships(let list):
            for (index, membership) in list.enumerated() { add(membership, order: position.order(ofItem: index)) }
        case .roleSets, .invitations, .domains, .enterpriseConnections, .machines, .organizationSettings:
            break  // TODO(s13-graph)
        }
    }

    private mutating func addListed(_ user: ClerkUser, order: UInt64) {
        let number = userIDs.number(user.id)
        if var listing = listedUsers[number] {
            listing.seen += 1
            if order < listing.order {
                listing.record = encode(UserResource.make(user, inUserList: true))
                listing.order = order
            }
            listedUsers[number] = listing
        } else {
            listedUsers[number] = Listing(record: encode(UserResource.make(user, inUserList: true)), order: order, seen: 1)
            unlistedUsers[number] = nil
        }
    }

    private mutating func addListed(_ organization: ClerkOrganization, order: UInt64) {
        let number = organizationIDs.number(organization.id)
        Self.keepFirst(&listedOrganizations[number], organization, order: order)
        embeddedOrganizations[number] = nil
    }

    private mutating func add(_ membership: ClerkMembership, order: UInt64) {
        let organization = organizationIDs.number(membership.organization.id)
        if listedOrganizations[organization] == nil {
            Self.keepFirst(&embeddedOrganizations[organization], membership.organization, order: order)
        }
        let user = userIDs.number(membership.user.userID)
        if listedUsers[user] == nil {
            Self.keepFirst(&unlistedUsers[user], membership.user, order: order)
        }
        memberships.append(
            id: membership.id,
            MembershipLedger.Entry(
                organization: organization, user: user, roleKey: roleKeys.number(membership.roleKey),
                createdAt: membership.createdAt, order: order))
    }

    private static func keepFirst<Object>(_ sighting: inout Sighting<Object>?, _ object: Object, order: UInt64) {
        if var existing = sighting {
            existing.seen += 1
            if order < existing.order {
                existing.order = order
                existing.object = object
            }
            sighting = existing
        } else {
            sighting = Sighting(order: order, object: object)
        }
    }

    private mutating func encode(_ resource: Resource) -> Int {
        resources.append(id: resource.id) { $0.writeRecord(resource) }
    }

    // MARK: - Finishing

    /// What the membership side of the graph is computed from, as read so far.
    func membershipGrantsInput() -> MembershipGrants.Input {
        MembershipGrants.Input(
            requested: requested, memberships: memberships, roleSightings: roles.count,
            roles: Self.firstOfEach(roles, id: \.id).kept, organizationIDs: organizationIDs.strings,
            userIDs: userIDs.strings, roleKeys: roleKeys.strings)
    }

    /// The graph, sorted and deduplicated, with the reader's observations among its diagnostics. `prepared`
    /// is the membership side computed earlier (`GraphBuildingSink`); it is used only if no membership or
    /// role arrived since.
    public consuming func finish(_ report: TenantReadReport) -> CompactGraph {
        finish(report, prepared: nil)
    }

    consuming func finish(_ report: TenantReadReport, prepared: MembershipGrants?) -> CompactGraph {
        let (membershipCount, roleSightings) = (memberships.count, self.roles.count)
        let prepared = prepared.flatMap { $0.isCurrent(memberships: membershipCount, roleSightings: roleSightings) ? $0 : nil }
        diagnostics = report.diagnostics
        var live = listedUsers.values.map(\.record)
        reportRepeats(listedUsers.filter { $0.value.seen > 1 }.map { (userIDs[$0.key], $0.value.seen) }, type: .user)
        for sighting in listedOrganizations.values {
            live.append(encode(OrganizationResource.make(sighting.object, inList: true)))
        }
        reportRepeats(listedOrganizations.values.map { ($0.object.id, $0.seen) }, type: .organization)

        let roles = unique(roles, type: .role, id: \.id)
        let permissions = unique(permissions, type: .permission, id: \.id)
        var permissionKeys: [String: String] = [:]
        for permission in permissions {
            permissionKeys[permission.id] = permission.key
            live.append(encode(PermissionResource.make(permission)))
        }
        for role in roles {
            for permission in role.permissions where permissionKeys[permission.id] == nil {
                permissionKeys[permission.id] = permission.key
                live.append(encode(PermissionResource.make(permission)))
                if requested.contains(.permissions) {
                    diagnostics.append(
                        Diagnostic(
                            code: .danglingPermission, severity: .warning,
                            message:
                                "permission \(permission.id) (\(permission.key)) is granted by role \(role.key) but was not in the permission list",
                            subject: Resource.id(.permission, permission.id)))
                }
            }
            live.append(encode(RoleResource.make(role)))
        }

        let (kept, repeated) = prepared.map { ($0.kept, $0.repeated) } ?? memberships.unique()
        for (id, count) in repeated { diagnostics.append(Self.repeatDiagnostic(name: "membership", id: id, count: count, subject: "membership:\(id)")) }
        let subjects = addMembershipSubjects(kept, live: &live)
        let resourceCounts: [Resource.Kind: Int] = [
            .user: listedUsers.count + subjects.danglingUsers, .organization: subjects.organizationNames.count,
            .role: roles.count, .permission: permissionKeys.count,
        ]
        // The three lists are independent from here on, and sorting them is most of what is left of an
        // export once its last page arrived: each gets a core.
        let (builder, resources, liveRecords, keys) = (self, self.resources, live, permissionKeys)
        let grants = Mutex<MembershipGrants?>(prepared)
        let entitlements = Mutex<EntitlementTable?>(nil)
        let sortedResources = Mutex<SortedRecords?>(nil)
        DispatchQueue.concurrentPerform(iterations: 3) { job in
            switch job {
            case 0:
                if prepared == nil {
                    let computed = MembershipGrants(builder.membershipGrantsInput(), kept: kept, repeated: repeated)
                    grants.withLock { $0 = computed }
                }
            case 1:
                let table = EntitlementTable(
                    organizations: subjects.organizationNames.map { (builder.organizationIDs[$0.key], $0.value) },
                    roles: roles.map { ($0.id, $0.key, $0.name) }, permissions: keys.map { ($0.key, $0.value) })
                entitlements.withLock { $0 = table }
            default:
                let records = resources.sorted(liveRecords)
                sortedResources.withLock { $0 = records }
            }
        }
        let membershipSide = grants.withLock { $0! }
        diagnostics += membershipSide.diagnostics
        return CompactGraph(
            resources: sortedResources.withLock { $0! }, entitlements: entitlements.withLock { $0! }, grants: membershipSide.grants,
            diagnostics: diagnostics.sorted(by: Diagnostic.canonicalOrder), resourceCounts: resourceCounts)
    }

    // MARK: - Repeats

    /// Keeps the first of each id in list order. Offset paging over a list that changes underneath can
    /// return an object twice; the snapshot must hold it once, and say it happened.
    private mutating func unique<Object>(_ sightings: [Sighting<Object>], type: Resource.Kind, id: (Object) -> String) -> [Object] {
        let (kept, seen) = Self.firstOfEach(sightings, id: id)
        reportRepeats(seen, type: type)
        return kept
    }

    /// The first of each id in list order, and how often each id was seen.
    private static func firstOfEach<Object>(
        _ sightings: [Sighting<Object>], id: (Object) -> String
    ) -> (kept: [Object], seen: [(id: String, count: Int)]) {
        var seen: [String: Int] = [:]
        var kept: [Object] = []
        for sighting in sightings.sorted(by: { $0.order < $1.order }) {
            let key = id(sighting.object)
            if let count = seen[key] {
                seen[key] = count + 1
            } else {
                seen[key] = 1
                kept.append(sighting.object)
            }
        }
        return (kept, seen.map { ($0.key, $0.value) })
    }

    private mutating func reportRepeats(_ counts: [(id: String, count: Int)], type: Resource.Kind) {
        for (id, count) in counts where count > 1 {
            diagnostics.append(Self.repeatDiagnostic(name: type.rawValue, id: id, count: count, subject: Resource.id(type, id)))
        }
    }

    private static func repeatDiagnostic(name: String, id: String, count: Int, subject: String) -> Diagnostic {
        Diagnostic(
            code: .duplicateObject, severity: .info,
            message: "\(name) \(id) was returned \(count) times while paging; it is kept once", subject: subject)
    }

    /// Adds the users and organizations that only memberships mention, reporting them when their list was
    /// read; returns every organization's display name by number, and how many users were added.
    private mutating func addMembershipSubjects(
        _ kept: [Int], live: inout [Int]
    ) -> (organizationNames: [Int32: String], danglingUsers: Int) {
        var names: [Int32: String] = [:]
        for (number, sighting) in listedOrganizations { names[number] = sighting.object.name }
        var danglingUsers: [Int32: [String]] = [:]
        var danglingOrganizations: [Int32: Int] = [:]
        for index in kept {
            let entry = memberships.entries[index]
            if unlistedUsers[entry.user] != nil {
                danglingUsers[entry.user, default: []].append(memberships.ids.string(index))
            }
            if listedOrganizations[entry.organization] == nil {
                danglingOrganizations[entry.organization, default: 0] += 1
            }
        }
        for (number, membershipIDs) in danglingUsers {
            let user = unlistedUsers[number]!.object
            live.append(encode(UserResource.make(user)))
            if requested.contains(.users) {
                diagnostics.append(
                    Diagnostic(
                        code: .danglingUser, severity: .warning,
                        message:
                            "user \(user.userID) holds \(membershipIDs.count) membership(s) (\(membershipIDs.sorted().joined(separator: ", "))) but is not in the user list; exported from the membership's public user data",
                        subject: Resource.id(.user, user.userID)))
            }
        }
        for (number, count) in danglingOrganizations {
            let organization = embeddedOrganizations[number]!.object
            names[number] = organization.name
            live.append(encode(OrganizationResource.make(organization, inList: false)))
            if requested.contains(.organizations) {
                diagnostics.append(
                    Diagnostic(
                        code: .danglingOrganization, severity: .warning,
                        message:
                            "organization \(organization.id) has \(count) membership(s) but is not in the organization list; exported from the membership's embedded organization",
                        subject: Resource.id(.organization, organization.id)))
            }
        }
        return (names, danglingUsers.count)
    }
}
