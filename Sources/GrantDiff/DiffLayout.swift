import SnapshotFormat

/// A diff arranged for reading, shared by the text and markdown renderers, and the one place that says
/// which sections a rendering has and in what order (`sections`): membership and role grants by
/// organization and then by role key; permission grants by the role that holds them; machine scopes by the
/// machine that can be called; access paths by organization; role sets; other resources; entitlements;
/// diagnostics. A person's member and role grant added together are one entry (`kinds` lists both).
public struct DiffLayout: Sendable {
    /// The sections of a rendered diff, in the order they are shown.
    public enum Section: Sendable, CaseIterable {
        case grants
        case rolePermissions
        case machineAccess
        case accessPaths
        case roleSets
        case resources
        case entitlements
        case diagnostics

        /// The section's heading in every rendering.
        public var title: String {
            switch self {
            case .grants: return "Grants"
            case .rolePermissions: return "Role permissions"
            case .machineAccess: return "Machine access"
            case .accessPaths: return "Access paths"
            case .roleSets: return "Role sets"
            case .resources: return "Resources"
            case .entitlements: return "Entitlements"
            case .diagnostics: return "Diagnostics"
            }
        }
    }

    /// One access path added, removed or changed.
    public struct PathEntry: Sendable {
        public var mark: Mark
        public var path: SnapshotDiff.AccessPathRecord
        public var changes: [SnapshotDiff.FieldChange] = []
    }

    public struct PathGroup: Sendable {
        public var organization: SnapshotDiff.ResourceRef
        public var entries: [PathEntry]
    }

    /// Machines that gained or lost the scope to call `machine`.
    public struct MachineGroup: Sendable {
        public var machine: SnapshotDiff.ResourceRef
        public var entries: [Entry]
    }

    public enum Mark: Int, Sendable, Comparable {
        case roleChanged = 0
        case added = 1
        case removed = 2
        case changed = 3

        public static func < (lhs: Mark, rhs: Mark) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Entry: Sendable {
        public var mark: Mark
        /// The user (membership and role grants) or permission (permission grants) the line is about.
        public var subject: SnapshotDiff.ResourceRef
        public var kinds: [Entitlement.Kind] = []
        public var membershipID: String?
        public var privilegeIncrease = false
        public var roleChange: SnapshotDiff.RoleChange?
        public var changes: [SnapshotDiff.FieldChange] = []
        public var grantIDs: [String] = []
    }

    public struct RoleGroup: Sendable {
        public var roleKey: String
        public var entries: [Entry]
    }

    public struct OrganizationGroup: Sendable {
        public var organization: SnapshotDiff.ResourceRef
        public var roles: [RoleGroup]
    }

    public struct PermissionGroup: Sendable {
        public var role: SnapshotDiff.ResourceRef
        public var entries: [Entry]
    }

    public var organizations: [OrganizationGroup] = []
    public var rolePermissions: [PermissionGroup] = []
    /// Machine scopes added or removed, by the machine that can be called (name, then id).
    public var machineAccess: [MachineGroup] = []
    /// Access paths added, removed or changed, by organization (name, then id).
    public var accessPaths: [PathGroup] = []
    /// Role sets with the roles they offer compared, in id order (`SnapshotDiff.roleSetChanges`).
    public var roleSets: [SnapshotDiff.RoleSetChange] = []
    /// Resources added, removed or changed, except role sets (shown under `roleSets` with their roles).
    public var resourcesAdded: [SnapshotDiff.ResourceRef] = []
    public var resourcesRemoved: [SnapshotDiff.ResourceRef] = []
    public var resourcesChanged: [SnapshotDiff.ResourceChange] = []
    /// The sections that have something to show, in order.
    public var sections: [Section] = []

    public static let noRole = "(no role)"

    public init(_ diff: SnapshotDiff) {
        struct EntryKey: Hashable {
            var mark: Mark
            var subject: String
            var membership: String?
        }
        var organizationRefs: [String: SnapshotDiff.ResourceRef] = [:]
        var roleRefs: [String: SnapshotDiff.ResourceRef] = [:]
        // organization id -> role key -> entries (keyed for folding)
        var byOrganization: [String: [String: [EntryKey: Entry]]] = [:]
        var byRole: [String: [EntryKey: Entry]] = [:]
        var machineRefs: [String: SnapshotDiff.ResourceRef] = [:]
        var byMachine: [String: [EntryKey: Entry]] = [:]

        func place(_ record: SnapshotDiff.GrantRecord, _ mark: Mark, changes: [SnapshotDiff.FieldChange] = []) {
            if record.kind == .access {
                let machine = record.machine ?? SnapshotDiff.ResourceRef(id: record.entitlement, type: nil, name: record.entitlement)
                machineRefs[machine.id] = machine
                let key = EntryKey(mark: mark, subject: record.principal.id, membership: nil)
                var entry = byMachine[machine.id, default: [:]][key] ?? Entry(mark: mark, subject: record.principal)
                entry.kinds.append(.access)
                entry.changes += changes
                entry.grantIDs.append(record.id)
                byMachine[machine.id, default: [:]][key] = entry
                return
            }
            if record.kind == .permission {
                let role = record.role ?? record.principal
                roleRefs[role.id] = role
                let subject = record.permission ?? SnapshotDiff.ResourceRef(id: record.entitlement, type: nil, name: record.entitlement)
                let key = EntryKey(mark: mark, subject: subject.id, membership: nil)
                var entry = byRole[role.id, default: [:]][key] ?? Entry(mark: mark, subject: subject)
                entry.kinds.append(.permission)
                entry.privilegeIncrease = entry.privilegeIncrease || record.privilegeIncrease
                entry.changes += changes
                entry.grantIDs.append(record.id)
                byRole[role.id, default: [:]][key] = entry
                return
            }
            let organization = record.organization ?? SnapshotDiff.ResourceRef(id: "(unknown)", type: nil, name: "(unknown organization)")
            organizationRefs[organization.id] = organization
            let roleKey = record.roleKey ?? DiffLayout.noRole
            // A changed grant is its own line; added or removed grants of one membership fold together.
            let key = EntryKey(mark: mark, subject: record.principal.id, membership: mark == .changed ? record.id : record.membershipID)
            var entry = byOrganization[organization.id, default: [:]][roleKey, default: [:]][key]
                ?? Entry(mark: mark, subject: record.principal, membershipID: record.membershipID)
            entry.kinds.append(record.kind)
            entry.privilegeIncrease = entry.privilegeIncrease || record.privilegeIncrease
            entry.changes += changes
            entry.grantIDs.append(record.id)
            byOrganization[organization.id, default: [:]][roleKey, default: [:]][key] = entry
        }

        for change in diff.roleChanges {
            organizationRefs[change.organization.id] = change.organization
            let roleKey = change.newRoleKey ?? change.oldRoleKey ?? DiffLayout.noRole
            var entry = Entry(mark: .roleChanged, subject: change.principal, membershipID: change.membershipID)
            entry.roleChange = change
            entry.privilegeIncrease = change.privilegeIncrease
            entry.grantIDs = [change.removedGrant, change.addedGrant].compactMap { $0 }
            byOrganization[change.organization.id, default: [:]][roleKey, default: [:]][
                EntryKey(mark: .roleChanged, subject: change.principal.id, membership: change.membershipID)] = entry
        }
        for record in diff.grantsAdded { place(record, .added) }
        for record in diff.grantsRemoved { place(record, .removed) }
        for change in diff.grantsChanged { place(change.record, .changed, changes: change.changes) }

        func ordered(_ entries: some Collection<Entry>) -> [Entry] {
            entries.map { entry in
                var entry = entry
                entry.kinds.sort { $0.sortOrder < $1.sortOrder }
                return entry
            }.sorted {
                ($0.mark, $0.subject.name, $0.subject.id, $0.membershipID ?? "", $0.grantIDs.first ?? "")
                    < ($1.mark, $1.subject.name, $1.subject.id, $1.membershipID ?? "", $1.grantIDs.first ?? "")
            }
        }
        organizations = byOrganization.map { id, roles in
            OrganizationGroup(
                organization: organizationRefs[id]!,
                roles: roles.map { RoleGroup(roleKey: $0.key, entries: ordered($0.value.values)) }.sorted { $0.roleKey < $1.roleKey })
        }.sorted { ($0.organization.name, $0.organization.id) < ($1.organization.name, $1.organization.id) }
        rolePermissions = byRole.map { id, entries in
            PermissionGroup(role: roleRefs[id]!, entries: ordered(entries.values))
        }.sorted { ($0.role.key ?? $0.role.name, $0.role.id) < ($1.role.key ?? $1.role.name, $1.role.id) }
        machineAccess = byMachine.map { id, entries in
            MachineGroup(machine: machineRefs[id]!, entries: ordered(entries.values))
        }.sorted { ($0.machine.name, $0.machine.id) < ($1.machine.name, $1.machine.id) }

        var pathOrganizations: [String: SnapshotDiff.ResourceRef] = [:]
        var pathsByOrganization: [String: [PathEntry]] = [:]
        func placePath(_ entry: PathEntry) {
            pathOrganizations[entry.path.organization.id] = entry.path.organization
            pathsByOrganization[entry.path.organization.id, default: []].append(entry)
        }
        for path in diff.accessPathsAdded { placePath(PathEntry(mark: .added, path: path)) }
        for path in diff.accessPathsRemoved { placePath(PathEntry(mark: .removed, path: path)) }
        for change in diff.accessPathsChanged { placePath(PathEntry(mark: .changed, path: change.record, changes: change.changes)) }
        accessPaths = pathsByOrganization.map { id, entries in
            PathGroup(
                organization: pathOrganizations[id]!,
                entries: entries.sorted { ($0.mark, $0.path.kind.rawValue, $0.path.id) < ($1.mark, $1.path.kind.rawValue, $1.path.id) })
        }.sorted { ($0.organization.name, $0.organization.id) < ($1.organization.name, $1.organization.id) }

        roleSets = diff.roleSetChanges
        resourcesAdded = diff.resourcesAdded.filter { $0.type != .roleSet }
        resourcesRemoved = diff.resourcesRemoved.filter { $0.type != .roleSet }
        resourcesChanged = diff.resourcesChanged.filter { $0.record.type != .roleSet }

        sections = Section.allCases.filter { section in
            switch section {
            case .grants: return !organizations.isEmpty
            case .rolePermissions: return !rolePermissions.isEmpty
            case .machineAccess: return !machineAccess.isEmpty
            case .accessPaths: return !accessPaths.isEmpty
            case .roleSets: return !roleSets.isEmpty
            case .resources: return !(resourcesAdded.isEmpty && resourcesRemoved.isEmpty && resourcesChanged.isEmpty)
            case .entitlements:
                return !(diff.entitlementsAdded.isEmpty && diff.entitlementsRemoved.isEmpty && diff.entitlementsChanged.isEmpty)
            case .diagnostics: return !(diff.diagnosticsAppeared.isEmpty && diff.diagnosticsDisappeared.isEmpty)
            }
        }
    }
}

extension Entitlement.Kind {
    var sortOrder: Int {
        switch self {
        case .member: 0
        case .role: 1
        case .permission: 2
        case .access: 3
        }
    }
}
