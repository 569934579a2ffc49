import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// What changed between two snapshots of the same instance, with enough context (names, emails, role keys)
/// beside every id that a reviewer can read it without a lookup. Built by `SnapshotDiffer`; rendered by
/// `DiffTextRenderer`, `DiffMarkdownRenderer` and `DiffJSONRenderer`. Every list is in a deterministic order.
public struct SnapshotDiff: Sendable {
    /// The facts of one side of the comparison.
    public struct Side: Sendable, Equatable {
        public var generatedAt: String
        public var digest: String
        public var instance: String
        public var apiURL: String
        public var complete: Bool
        /// The snapshot's `schema_version` (`1.0`, `1.1`).
        public var schemaVersion: String

        /// A 1.1 (or later) snapshot: it has role sets, machines and access paths to compare.
        public var hasAccessPaths: Bool { (SnapshotLayout.Version(reading: schemaVersion) ?? .latest).hasAccessPaths }
    }

    /// A resource as a reviewer names it: display name, and the email (users) or key (roles).
    public struct ResourceRef: Sendable, Equatable {
        public var id: String
        public var type: Resource.Kind?
        public var name: String
        public var email: String?
        public var key: String?
    }

    /// One field that differs: `old` or `new` is nil when the field is absent on that side.
    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var old: JSONValue?
        public var new: JSONValue?

        public init(field: String, old: JSONValue?, new: JSONValue?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// A record present on both sides whose fields differ.
    public struct RecordChange<Record: Sendable & Equatable>: Sendable, Equatable {
        public var record: Record
        public var changes: [FieldChange]
    }

    public typealias ResourceChange = RecordChange<ResourceRef>
    public typealias EntitlementChange = RecordChange<EntitlementRef>
    public typealias GrantChange = RecordChange<GrantRecord>

    public struct EntitlementRef: Sendable, Equatable {
        public var id: String
        public var kind: Entitlement.Kind
        public var name: String
        public var resource: String
    }

    /// A grant with its context resolved from the side it exists on.
    public struct GrantRecord: Sendable, Equatable {
        public var id: String
        public var kind: Entitlement.Kind
        public var entitlement: String
        public var principal: ResourceRef
        /// Membership and role grants: the organization.
        public var organization: ResourceRef?
        /// Role grants: the role granted. Permission grants: the role holding the permission.
        public var role: ResourceRef?
        /// The role key the grant is grouped under: the role's key (role and permission grants), the
        /// membership's role key (member grants).
        public var roleKey: String?
        /// Permission grants: the permission.
        public var permission: ResourceRef?
        /// Machine access grants: the machine the principal (another machine) can call.
        public var machine: ResourceRef?
        public var membershipID: String?
        /// Set on added grants that widen access: see `PrivilegeRule`.
        public var privilegeIncrease: Bool
    }

    /// The same membership (same user, organization and membership id) with another role: one line instead
    /// of an unrelated removal and addition.
    public struct RoleChange: Sendable, Equatable {
        public var membershipID: String
        public var organization: ResourceRef
        public var principal: ResourceRef
        public var oldRoleKey: String?
        public var newRoleKey: String?
        /// The role grants folded into this change (nil where that side had none, e.g. an unresolved key).
        public var removedGrant: String?
        public var addedGrant: String?
        /// Privileged permission keys the new role holds that the old one did not.
        public var gainedPrivileges: [String]
        public var privilegeIncrease: Bool { !gainedPrivileges.isEmpty }
    }

    /// An access path (snapshot 1.1) with its context resolved from the side it exists on.
    public struct AccessPathRecord: Sendable, Equatable {
        public var id: String
        public var kind: AccessPath.Kind
        public var organization: ResourceRef
        public var entitlement: String
        /// The role the path leads to; nil when it leads to the member entitlement (an unresolved role).
        public var role: ResourceRef?
        /// `email:...`, `email_domain:...` or `enterprise_connection:...`: not a resource, shown as is.
        public var principal: String
        public var status: String
        public var matchingUser: ResourceRef?
        /// Added (or changed to) a path leading to a role with privileged permissions: see `PrivilegeRule`.
        public var privilegeIncrease: Bool
    }

    public typealias AccessPathChange = RecordChange<AccessPathRecord>

    /// A role set (snapshot 1.1) added, removed or changed: the roles it offers that came or went, by key,
    /// and its other fields that differ.
    public struct RoleSetChange: Sendable, Equatable {
        public enum Mark: String, Sendable { case added, removed, changed }

        public var mark: Mark
        public var roleSet: ResourceRef
        /// Role keys offered now and not before (every key for an added set).
        public var rolesAdded: [String]
        /// Role keys offered before and not now (every key for a removed set).
        public var rolesRemoved: [String]
        /// Changed sets: fields other than `role_ids` and `role_keys` that differ.
        public var otherChanges: [FieldChange]
    }

    public var old: Side
    public var new: Side
    /// Equal digests: the graphs were not compared record by record (only the diagnostics were).
    public var digestsEqual: Bool

    public var resourcesAdded: [ResourceRef] = []
    public var resourcesRemoved: [ResourceRef] = []
    public var resourcesChanged: [ResourceChange] = []
    public var entitlementsAdded: [EntitlementRef] = []
    public var entitlementsRemoved: [EntitlementRef] = []
    public var entitlementsChanged: [EntitlementChange] = []
    /// Grants folded into `roleChanges` are not repeated here.
    public var grantsAdded: [GrantRecord] = []
    public var grantsRemoved: [GrantRecord] = []
    public var grantsChanged: [GrantChange] = []
    public var roleChanges: [RoleChange] = []
    public var diagnosticsAppeared: [Diagnostic] = []
    public var diagnosticsDisappeared: [Diagnostic] = []
    /// Snapshot 1.1 access paths, compared even when the digests are equal.
    public var accessPathsAdded: [AccessPathRecord] = []
    public var accessPathsRemoved: [AccessPathRecord] = []
    public var accessPathsChanged: [AccessPathChange] = []
    /// Role set resources (also under `resources*`) with the roles they offer compared, in id order.
    public var roleSetChanges: [RoleSetChange] = []

    /// Either side is a 1.1 snapshot: the summary counts role sets, machines and access paths.
    public var comparesAccessPaths: Bool { old.hasAccessPaths || new.hasAccessPaths }

    /// The sides' schema versions differ (`schema 1.0 -> 1.1` in the header).
    public var schemaVersionsDiffer: Bool { old.schemaVersion != new.schemaVersion }

    public init(old: Side, new: Side, digestsEqual: Bool) {
        self.old = old
        self.new = new
        self.digestsEqual = digestsEqual
    }

    public var isEmpty: Bool {
        !schemaVersionsDiffer && resourcesAdded.isEmpty && resourcesRemoved.isEmpty && resourcesChanged.isEmpty && entitlementsAdded.isEmpty
            && entitlementsRemoved.isEmpty && entitlementsChanged.isEmpty && grantsAdded.isEmpty
            && grantsRemoved.isEmpty && grantsChanged.isEmpty && roleChanges.isEmpty && diagnosticsAppeared.isEmpty
            && diagnosticsDisappeared.isEmpty && accessPathsAdded.isEmpty && accessPathsRemoved.isEmpty
            && accessPathsChanged.isEmpty && roleSetChanges.isEmpty
    }

    public var privilegeIncreases: Int {
        grantsAdded.count(where: \.privilegeIncrease) + roleChanges.count(where: \.privilegeIncrease)
            + accessPathsAdded.count(where: \.privilegeIncrease) + accessPathsChanged.count(where: \.record.privilegeIncrease)
    }

    /// Added / removed / changed resources of one type.
    public func resourceCounts(_ type: Resource.Kind) -> (added: Int, removed: Int, changed: Int) {
        (
            resourcesAdded.count { $0.type == type }, resourcesRemoved.count { $0.type == type },
            resourcesChanged.count { $0.record.type == type }
        )
    }
}
