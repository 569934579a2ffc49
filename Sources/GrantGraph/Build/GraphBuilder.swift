import CanonicalJSON
import ClerkModel
import Dispatch
import SnapshotFormat
import Synchronization

/// Turns what is read from Clerk into the access graph, page by page as the pages arrive, keeping only a
/// compact form of each object: what the export holds is the graph, never the pages. Every rule that could
/// silently lose or invent access is explicit here and leaves a diagnostic: repeats kept once (the first
/// in list order, whatever order pages arrived in), role keys resolved to role ids (or reported), users and
/// organizations known only through a membership still exported, each organization offering its role set's
/// roles (or every role, reported), access paths that are not grants kept apart from them.
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
    private var roleSets: [Sighting<ClerkRoleSet>] = []
    private var invitations: [Sighting<ClerkInvitation>] = []
    private var domains: [Sighting<ClerkOrganizationDomain>] = []
    private var enterpriseConnections: [Sighting<ClerkEnterpriseConnection>] = []
    private var machines: [Sighting<ClerkMachine>] = []
    private var organizationSettings: ClerkOrganizationSettings?
    /// Listed users' primary emails, lower-cased, as their kept listing shows them: what an invitation's
    /// address is matched against. Kept only when invitations are requested.
    private var userEmails: [Int32: String] = [:]
    /// Listed users as their kept listing shows them, kept only when sessions are requested: a user in the
    /// session scope is encoded again, with its session attributes, at `finish`.
    private var keptUsers: [Int32: ClerkUser] = [:]
    /// The users of the `--sessions` scope (`sessionScope(_:)`), with what their session pages showed.
    private var sessionSummaries: [Int32: SessionSummary] = [:]
    private var seenSessions = Set<String>()
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
            roles += Self.sightings(list, at: position)
        case .permissions(let list):
            permissions += Self.sightings(list, at: position)
        case .memberships(let list):
            for (index, membership) in list.enumerated() { add(membership, order: position.order(ofItem: index)) }
        case .roleSets(let list):
            roleSets += Self.sightings(list, at: position)
        case .invitations(let list):
            invitations += Self.sightings(list, at: position)
        case .domains(let list):
            domains += Self.sightings(list, at: position)
        case .enterpriseConnections(let list):
            enterpriseConnections += Self.sightings(list, at: position)
        case .machines(let list):
            machines += Self.sightings(list, at: position)
        case .sessions(let list):
            // Each session once: a session listed on two pages of a user that changed while read counts once.
            for session in list {
                guard let number = userIDs.existingNumber(session.userID), sessionSummaries[number] != nil,
                    session.status == "active", seenSessions.insert(session.id).inserted
                else { continue }
                sessionSummaries[number]!.add(session)
            }
        case .organizationSettings(let settings):
            // One object per instance, read once; should it come twice, the first stands.
            organizationSettings = organizationSettings ?? settings
        }
    }

    private mutating func addListed(_ user: ClerkUser, order: UInt64) {
        let number = userIDs.number(user.id)
        if var listing = listedUsers[number] {
            listing.seen += 1
            if order < listing.order {
                listing.record = encodeListed(user)
                listing.order = order
                keepEmail(of: user, number: number)
            }
            listedUsers[number] = listing
        } else {
            listedUsers[number] = Listing(record: encodeListed(user), order: order, seen: 1)
            unlistedUsers[number] = nil
            keepEmail(of: user, number: number)
        }
    }

    /// A page's objects with their list positions, which decide which of repeated objects is kept.
    private static func sightings<Object>(_ list: [Object], at position: PagePosition) -> [Sighting<Object>] {
        list.enumerated().map { Sighting(order: position.order(ofItem: $0.offset), object: $0.element) }
    }

    private mutating func keepEmail(of user: ClerkUser, number: Int32) {
        if requested.contains(.sessions) { keptUsers[number] = user }
        guard requested.contains(.invitations) else { return }
        userEmails[number] = user.primaryEmail?.lowercased()
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

    /// Changes the sighting in place: copying it out and back would retain and release each of its strings,
    /// for every membership of a user the user list has not reached yet.
    private static func keepFirst<Object>(_ sighting: inout Sighting<Object>?, _ object: Object, order: UInt64) {
        guard sighting != nil else {
            sighting = Sighting(order: order, object: object)
            return
        }
        sighting!.seen += 1
        if order < sighting!.order {
            sighting!.order = order
            sighting!.object = object
        }
    }

    private mutating func encode(_ resource: Resource) -> Int {
        resources.append(id: resource.id) { $0.writeRecord(resource) }
    }

    /// A listed user's record, written straight from the page's values (`UserResource.write`).
    private mutating func encodeListed(_ user: ClerkUser) -> Int {
        resources.append(id: Resource.id(.user, user.id)) { UserResource.write(user, inUserList: true, to: &$0) }
    }

    // MARK: - Sessions

    /// The listed users whose sessions `scope` asks for, sorted by id; from then on session pages of these
    /// users are counted and their records carry `active_sessions` (0 when no page shows one). Call once
    /// users, roles and memberships have been read to the end. A user known only through a membership is
    /// never in scope: its record does not come from the user list, which holds the flags the scope needs.
    public mutating func sessionScope(_ scope: SessionScope) -> [String] {
        var inScope = Set<Int32>()
        switch scope {
        case .all:
            inScope = Set(listedUsers.keys)
        case .admins, .flagged:
            let admins = adminUsers()
            if scope == .admins {
                inScope = admins
            } else {
                for (number, user) in keptUsers where user.banned || user.locked || (admins.contains(number) && !user.twoFactorEnabled) {
                    inScope.insert(number)
                }
            }
            inScope = inScope.filter { listedUsers[$0] != nil }
        }
        for number in inScope { sessionSummaries[number] = sessionSummaries[number] ?? SessionSummary() }
        // Only the users in scope are encoded again: the rest need not be kept.
        keptUsers = keptUsers.filter { inScope.contains($0.key) }
        return inScope.map { userIDs[$0] }.sorted()
    }

    /// Users holding, through a kept membership whose role key resolves, a role with an admin permission
    /// (`ClerkPermission.adminKeys`).
    private func adminUsers() -> Set<Int32> {
        let roles = Self.firstOfEach(roles, id: \.id).kept
        let index = RoleKeyIndex(roles)
        let adminByKey = roleKeys.strings.map { key in
            index.position(ofKey: key).map { roles[$0].permissions.contains { ClerkPermission.adminKeys.contains($0.key) } } ?? false
        }
        var admins = Set<Int32>()
        for position in memberships.unique().kept {
            let entry = memberships.entries[position]
            if adminByKey[Int(entry.roleKey)] { admins.insert(entry.user) }
        }
        return admins
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
        let exported = report.exported
        var live = listedUsers.map { number, listing in
            // A user in the session scope is encoded again, its session attributes first among its attributes.
            guard let summary = sessionSummaries[number], let user = keptUsers[number] else { return listing.record }
            return encode(UserResource.make(user, inUserList: true, sessions: summary))
        }
        reportRepeats(listedUsers.filter { $0.value.seen > 1 }.map { (userIDs[$0.key], $0.value.seen) }, type: .user)

        // Domains first: an organization lists its manual-invitation domains among its attributes.
        let invitations = uniquePathSources(invitations, name: "invitation", id: \.id)
        let domains = uniquePathSources(domains, name: "organization_domain", id: \.id)
        let connections = uniquePathSources(enterpriseConnections, name: "enterprise_connection", id: \.id)
        let manualDomains = exported.contains(.domains) ? AccessPathBuilder.manualInvitationDomains(domains) : nil
        for sighting in listedOrganizations.values {
            let organization = sighting.object
            live.append(
                encode(
                    OrganizationResource.make(
                        organization, inList: true, manualInvitationDomains: manualDomains.map { $0[organization.id] ?? [] })))
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
        let roleSets = unique(roleSets, type: .roleSet, id: \.id)
        let heldRoleIDs = Set(roles.map(\.id))
        for roleSet in roleSets {
            live.append(encode(RoleSetResource.make(roleSet, heldRoleIDs: heldRoleIDs)))
            // Without a role list (not requested), `roles_not_exported` already says why ids are missing.
            var reported = Set<String>()
            for role in roleSet.roles where requested.contains(.roles) && !heldRoleIDs.contains(role.id) && reported.insert(role.id).inserted {
                diagnostics.append(
                    Diagnostic(
                        code: .danglingRole, severity: .warning,
                        message:
                            "role set \(roleSet.key) names role \(role.key) (\(role.id)), which the role list did not return; its id is left out of the set's role_ids",
                        subject: Resource.id(.roleSet, roleSet.id)))
            }
            if let migration = roleSet.migration {
                diagnostics.append(
                    Diagnostic(
                        code: .roleSetMigration, severity: .warning,
                        message:
                            "role set \(roleSet.key) has a migration \(migration.status) (\(migration.triggerType))\(migration.destinationRoleSetID.map { " to role set \($0)" } ?? " within the set"): its organizations' members' roles are being remapped",
                        subject: Resource.id(.roleSet, roleSet.id)))
            }
        }
        let machines = unique(machines, type: .machine, id: \.id)
        for machine in machines { live.append(encode(MachineResource.make(machine))) }
        let machineAccess = MachineAccess(machines)
        diagnostics += machineAccess.diagnostics

        let (kept, repeated) = prepared.map { ($0.kept, $0.repeated) } ?? memberships.unique()
        for (id, count) in repeated { diagnostics.append(Self.repeatDiagnostic(name: "membership", id: id, count: count, subject: "membership:\(id)")) }
        let subjects = addMembershipSubjects(kept, live: &live, manualDomains: manualDomains)
        let organizationNumbers = Array(subjects.organizationNames.keys)
        let positionOfOrganization = Dictionary(uniqueKeysWithValues: organizationNumbers.enumerated().map { ($0.element, $0.offset) })
        var offers = roleOffers(
            organizationNumbers, roleSets: roleSets, roles: roles, roleSetsExported: exported.contains(.roleSets))

        let roleKeyIndex = RoleKeyIndex(roles)
        if requested.contains(.roles), offers.anyRestricted {
            let resolved = roleKeys.strings.map(roleKeyIndex.position(ofKey:))
            for index in kept {
                let entry = memberships.entries[index]
                let organization = positionOfOrganization[entry.organization]!
                guard let role = resolved[Int(entry.roleKey)], !offers.isListed(role: role, organization: organization) else { continue }
                offers.addExtra(role: role, organization: organization)
                let membershipID = memberships.ids.string(index)
                diagnostics.append(
                    roleOutsideRoleSet(
                        "membership \(membershipID) (user \(userIDs[entry.user]))", holds: roles[role],
                        organization: organizationIDs[entry.organization], subject: "membership:\(membershipID)"))
            }
        }

        var paths = AccessPathBuilder(
            roleKeys: roleKeyIndex, roleIDs: roles.map(\.id), userByEmail: exported.contains(.invitations) ? userByEmail(invited: invitations) : [:],
            settings: exported.contains(.domains) ? organizationSettings : nil,
            isKnownOrganization: { [organizationIDs, listedOrganizations, subjects] id in
                guard let number = organizationIDs.existingNumber(id) else { return false }
                // Paths lead into listed organizations; without the list, into those the memberships show.
                return exported.contains(.organizations)
                    ? listedOrganizations[number] != nil : subjects.organizationNames[number] != nil
            })
        paths.add(invitations: invitations)
        paths.add(domains: domains)
        paths.add(enterpriseConnections: connections)
        diagnostics += paths.diagnostics
        for built in paths.built {
            guard let role = built.role, let number = organizationIDs.existingNumber(built.organizationID),
                let organization = positionOfOrganization[number], !offers.isListed(role: role, organization: organization)
            else { continue }
            offers.addExtra(role: role, organization: organization)
            diagnostics.append(
                roleOutsideRoleSet("\(built.path.id)", holds: roles[role], organization: built.organizationID, subject: built.path.id, path: true))
        }
        let accessPaths = paths.sortedPaths()

        let resourceCounts: [Resource.Kind: Int] = [
            .user: listedUsers.count + subjects.danglingUsers, .organization: subjects.organizationNames.count,
            .role: roles.count, .permission: permissionKeys.count, .roleSet: roleSets.count, .machine: machines.count,
        ]
        // The three lists are independent from here on, and sorting them is most of what is left of an
        // export once its last page arrived: each gets a core.
        let (builder, resources, liveRecords, keys, finalOffers) = (self, self.resources, live, permissionKeys, offers)
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
                    organizations: organizationNumbers.map { (builder.organizationIDs[$0], subjects.organizationNames[$0]!) },
                    roles: roles.map { ($0.id, $0.key, $0.name) }, offers: finalOffers, permissions: keys.map { ($0.key, $0.value) })
                entitlements.withLock { $0 = table }
            default:
                let records = resources.sorted(liveRecords)
                sortedResources.withLock { $0 = records }
            }
        }
        let membershipSide = grants.withLock { $0! }
        diagnostics += membershipSide.diagnostics
        return CompactGraph(
            resources: sortedResources.withLock { $0! }, machineEntitlements: machineAccess.entitlements,
            entitlements: entitlements.withLock { $0! }, machineGrants: machineAccess.grants, grants: membershipSide.grants,
            accessPaths: accessPaths, diagnostics: diagnostics.sorted(by: Diagnostic.canonicalOrder), resourceCounts: resourceCounts)
    }

    // MARK: - Role sets

    /// Which roles each organization offers: those of the role set its `role_set_key` names, or every role,
    /// with a `role_set_fallback` diagnostic saying why (no key: info; a key naming no listed set: warning;
    /// role sets not exported: one info on the collection, as a 1.0 export offered every role everywhere).
    private mutating func roleOffers(
        _ organizationNumbers: [Int32], roleSets: [ClerkRoleSet], roles: [ClerkRole], roleSetsExported: Bool
    ) -> RoleOffers {
        guard roleSetsExported else {
            if !organizationNumbers.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        code: .roleSetFallback, severity: .info,
                        message: "role sets were not exported, so every organization is recorded as offering every role",
                        subject: ClerkCollection.roleSets.diagnosticSubject))
            }
            return RoleOffers(everyRoleOf: roles.count, organizations: organizationNumbers.count)
        }
        let rolePosition = Dictionary(roles.enumerated().map { ($0.element.id, Int32($0.offset)) }, uniquingKeysWith: { first, _ in first })
        var lists: [[Int32]] = []
        var listOfKey: [String: Int32] = [:]
        for roleSet in roleSets where listOfKey[roleSet.key] == nil {
            // A set's role the role list did not return has no role resource to offer.
            lists.append(roleSet.roles.compactMap { rolePosition[$0.id] })
            listOfKey[roleSet.key] = Int32(lists.count)
        }
        let listOfOrganization = organizationNumbers.map { number -> Int32 in
            let organization = (listedOrganizations[number] ?? embeddedOrganizations[number])!.object
            guard let key = organization.roleSetKey else {
                diagnostics.append(
                    Diagnostic(
                        code: .roleSetFallback, severity: .info,
                        message: "organization \(organization.id) names no role set, so it is recorded as offering every role",
                        subject: Resource.id(.organization, organization.id)))
                return RoleOffers.everyRole
            }
            guard let list = listOfKey[key] else {
                diagnostics.append(
                    Diagnostic(
                        code: .roleSetFallback, severity: .warning,
                        message: "organization \(organization.id) names role set '\(key)', which is not in the role set list, so it is recorded as offering every role",
                        subject: Resource.id(.organization, organization.id)))
                return RoleOffers.everyRole
            }
            return list
        }
        return RoleOffers(lists: lists, roleCount: roles.count, listOfOrganization: listOfOrganization)
    }

    private func roleOutsideRoleSet(_ what: String, holds role: ClerkRole, organization: String, subject: String, path: Bool = false) -> Diagnostic {
        let organizationObject = organizationIDs.existingNumber(organization).flatMap { listedOrganizations[$0] ?? embeddedOrganizations[$0] }
        let setKey = organizationObject?.object.roleSetKey ?? "?"
        let kept = path ? "the path is kept" : "both grants are kept"
        return Diagnostic(
            code: .roleOutsideRoleSet, severity: .warning,
            message:
                "\(what) \(path ? "leads to" : "holds") role \(role.key) (\(role.id)) in organization \(organization), whose role set \(setKey) does not offer it; \(kept) and the organization is recorded as offering that role",
            subject: subject)
    }

    /// Each invited address (lower-cased) that is a listed user's primary email, to that user; nil when
    /// several users share it. Only invited addresses are indexed: a few thousand, not every user's.
    private func userByEmail(invited: [ClerkInvitation]) -> [String: String?] {
        let addresses = Set(invited.map { $0.emailAddress.lowercased() })
        guard !addresses.isEmpty else { return [:] }
        var owners: [String: String?] = [:]
        for (number, email) in userEmails where addresses.contains(email) {
            owners[email] = owners[email] == nil ? userIDs[number] : .some(nil)
        }
        return owners
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

    /// Keeps the first of each id of an access path source, reporting repeats on the path's id.
    private mutating func uniquePathSources<Object>(_ sightings: [Sighting<Object>], name: String, id: (Object) -> String) -> [Object] {
        let (kept, seen) = Self.firstOfEach(sightings, id: id)
        for (id, count) in seen where count > 1 {
            diagnostics.append(Self.repeatDiagnostic(name: name, id: id, count: count, subject: "\(name):\(id)"))
        }
        return kept
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
        _ kept: [Int], live: inout [Int], manualDomains: [String: [String]]?
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
            live.append(
                encode(
                    OrganizationResource.make(
                        organization, inList: false, manualInvitationDomains: manualDomains.map { $0[organization.id] ?? [] })))
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
