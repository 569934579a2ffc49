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

    public init(old: Side, new: Side, digestsEqual: Bool) {
        self.old = old
        self.new = new
        self.digestsEqual = digestsEqual
    }

    public var isEmpty: Bool {
        resourcesAdded.isEmpty && resourcesRemoved.isEmpty && resourcesChanged.isEmpty && entitlementsAdded.isEmpty
            && entitlementsRemoved.isEmpty && entitlementsChanged.isEmpty && grantsAdded.isEmpty
            && grantsRemoved.isEmpty && grantsChanged.isEmpty && roleChanges.isEmpty && diagnosticsAppeared.isEmpty
            && diagnosticsDisappeared.isEmpty
    }

    public var privilegeIncreases: Int {
        grantsAdded.count(where: \.privilegeIncrease) + roleChanges.count(where: \.privilegeIncrease)
    }

    /// Added / removed / changed resources of one type.
    public func resourceCounts(_ type: Resource.Kind) -> (added: Int, removed: Int, changed: Int) {
        (
            resourcesAdded.count { $0.type == type }, resourcesRemoved.count { $0.type == type },
            resourcesChanged.count { $0.record.type == type }
        )
    }
}
