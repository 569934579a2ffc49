import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// Compares two snapshots: both sides' records are walked once, side by side in id order, and context is
/// looked up by id, so time and memory grow linearly with the inputs. One algorithm serves decoded
/// snapshots and files read lean (`DiffSide`).
public enum SnapshotDiffer {
    public static func diff(old: Snapshot, new: Snapshot) -> SnapshotDiff {
        diff(GraphDiffSide(old), GraphDiffSide(new))
    }

    /// Two files read lean: records whose bytes are equal on both sides are never decoded.
    public static func diff(old: IndexedSnapshot, new: IndexedSnapshot) -> SnapshotDiff {
        diff(old, new)
    }

    /// Lean when both files were read lean; otherwise both sides are compared decoded.
    public static func diff(old: DiffInput, new: DiffInput) -> SnapshotDiff {
        if case .indexed(let old) = old, case .indexed(let new) = new { return diff(old: old, new: new) }
        return diff(old: old.snapshot, new: new.snapshot)
    }

    static func diff<Side: DiffSide>(_ old: Side, _ new: Side) -> SnapshotDiff {
        var diff = SnapshotDiff(old: old.facts, new: new.facts, digestsEqual: old.facts.digest == new.facts.digest)
        let before = Index(old)
        let after = Index(new)
        if !diff.digestsEqual {
            compareResources(before, after, into: &diff)
            compareEntitlements(before, after, into: &diff)
            compareGrants(before, after, into: &diff)
            compareRoleSets(before, after, into: &diff)
        }
        // Compared whatever the digests say: a path is not part of a 1.0 digest, so equal digests do not
        // vouch for equal paths across versions, and a side has at most a few paths per organization.
        compareAccessPaths(before, after, into: &diff)
        compareDiagnostics(old.diagnostics, new.diagnostics, into: &diff)
        return diff
    }

    /// One side with the look-ups the output makes by id, cached: the same organizations, roles and
    /// entitlements come up for many grants, and on a lean side each look-up decodes a record.
    private final class Index<Side: DiffSide> {
        let side: Side
        private var privileged: [String: [String]] = [:]
        private var refs: [String: SnapshotDiff.ResourceRef] = [:]
        private var entitlements: [String: Entitlement?] = [:]

        init(_ side: Side) {
            self.side = side
        }

        func resource(_ id: String) -> Resource? { side.resourcePosition(id: id).map(side.resource(at:)) }

        func entitlement(_ id: String) -> Entitlement? {
            if let cached = entitlements[id] { return cached }
            let entitlement = side.entitlementPosition(id: id).map(side.entitlement(at:))
            entitlements[id] = entitlement
            return entitlement
        }

        func ref(_ id: String) -> SnapshotDiff.ResourceRef {
            if let cached = refs[id] { return cached }
            let ref = resource(id).map(SnapshotDiffer.ref) ?? SnapshotDiff.ResourceRef(id: id, type: nil, name: id)
            refs[id] = ref
            return ref
        }

        /// Privileged permission keys of a role resource.
        func privilegedKeys(role id: String) -> [String] {
            if let cached = privileged[id] { return cached }
            let keys = resource(id).map(PrivilegeRule.privilegedKeys(of:)) ?? []
            privileged[id] = keys
            return keys
        }

        func record(_ grant: Grant, markPrivilege: Bool) -> SnapshotDiff.GrantRecord {
            let entitlement = entitlement(grant.entitlement)
            let kind = entitlement?.kind ?? .member
            var record = SnapshotDiff.GrantRecord(
                id: grant.id, kind: kind, entitlement: grant.entitlement, principal: ref(grant.principal),
                organization: nil, role: nil, roleKey: nil, permission: nil, membershipID: grant.source.membershipID,
                privilegeIncrease: false)
            switch kind {
            case .member:
                record.organization = entitlement.map { ref($0.resource) }
                record.roleKey = grant.source.roleKey
            case .role:
                record.organization = entitlement.map { ref($0.resource) }
                record.role = entitlement?.role.map(ref)
                record.roleKey = entitlement?.roleKey ?? grant.source.roleKey
                if markPrivilege, let role = entitlement?.role { record.privilegeIncrease = !privilegedKeys(role: role).isEmpty }
            case .permission:
                record.role = record.principal
                record.roleKey = record.principal.key
                record.permission = entitlement.map { ref($0.resource) }
                if markPrivilege { record.privilegeIncrease = !privilegedKeys(role: grant.principal).isEmpty }
            case .access:
                // A machine scope: the principal machine can call the entitlement's machine. Shown as machine
                // access, not as an organization's grant; not a privilege increase (no role is involved).
                record.machine = entitlement.map { ref($0.resource) }
            }
            return record
        }

        /// An access path with its organization, role and matching user named from this side.
        func record(_ path: AccessPath, markPrivilege: Bool) -> SnapshotDiff.AccessPathRecord {
            let role = entitlement(path.entitlement)?.role
            return SnapshotDiff.AccessPathRecord(
                id: path.id, kind: path.kind, organization: ref(path.organization), entitlement: path.entitlement,
                role: role.map(ref), principal: path.principal, status: path.status, matchingUser: path.matchingUser.map(ref),
                privilegeIncrease: markPrivilege && role.map { !privilegedKeys(role: $0).isEmpty } == true)
        }
    }

    /// Role changes by organization name, then member name (ids break ties).
    static func roleChangeOrder(_ lhs: SnapshotDiff.RoleChange, _ rhs: SnapshotDiff.RoleChange) -> Bool {
        (lhs.organization.name, lhs.organization.id, lhs.principal.name, lhs.membershipID)
            < (rhs.organization.name, rhs.organization.id, rhs.principal.name, rhs.membershipID)
    }

    static func ref(_ resource: Resource) -> SnapshotDiff.ResourceRef {
        SnapshotDiff.ResourceRef(
            id: resource.id, type: resource.type, name: resource.displayName,
            email: resource.type == .user ? resource.string("primary_email") : nil,
            key: resource.type == .role || resource.type == .permission ? resource.string("key") : nil)
    }

    private static func entitlementRef(_ entitlement: Entitlement) -> SnapshotDiff.EntitlementRef {
        SnapshotDiff.EntitlementRef(
            id: entitlement.id, kind: entitlement.kind, name: entitlement.displayName, resource: entitlement.resource)
    }

    /// Members of two objects that differ, by key in code-point order (`prefix` is put before each key).
    static func fieldChanges(_ old: JSONObject, _ new: JSONObject, prefix: String = "") -> [SnapshotDiff.FieldChange] {
        let left = old.sortedMembers
        let right = new.sortedMembers
        var changes: [SnapshotDiff.FieldChange] = []
        var l = 0
        var r = 0
        while l < left.count || r < right.count {
            if r == right.count || (l < left.count && codePointPrecedes(left[l].key, right[r].key)) {
                changes.append(.init(field: prefix + left[l].key, old: left[l].value, new: nil))
                l += 1
            } else if l == left.count || codePointPrecedes(right[r].key, left[l].key) {
                changes.append(.init(field: prefix + right[r].key, old: nil, new: right[r].value))
                r += 1
            } else {
                if left[l].value != right[r].value {
                    changes.append(.init(field: prefix + left[l].key, old: left[l].value, new: right[r].value))
                }
                l += 1
                r += 1
            }
        }
        return changes
    }

    private static func compareResources<Side>(_ before: Index<Side>, _ after: Index<Side>, into diff: inout SnapshotDiff) {
        let match = Side.match(.resources, before.side, after.side)
        diff.resourcesAdded = match.added.map { ref(after.side.resource(at: $0)) }
        for pair in match.differing {
            let previous = before.side.resource(at: pair.old)
            let resource = after.side.resource(at: pair.new)
            guard previous != resource else { continue }
            var changes: [SnapshotDiff.FieldChange] = []
            if previous.displayName != resource.displayName {
                changes.append(.init(field: "display_name", old: .string(previous.displayName), new: .string(resource.displayName)))
            }
            changes += fieldChanges(previous.attributes, resource.attributes)
            if !changes.isEmpty { diff.resourcesChanged.append(.init(record: ref(resource), changes: changes)) }
        }
        diff.resourcesRemoved = match.removed.map { ref(before.side.resource(at: $0)) }
    }

    private static func compareEntitlements<Side>(_ before: Index<Side>, _ after: Index<Side>, into diff: inout SnapshotDiff) {
        let match = Side.match(.entitlements, before.side, after.side)
        diff.entitlementsAdded = match.added.map { entitlementRef(after.side.entitlement(at: $0)) }
        for pair in match.differing {
            let previous = before.side.entitlement(at: pair.old)
            let entitlement = after.side.entitlement(at: pair.new)
            guard previous != entitlement,
                case .object(let old) = previous.json, case .object(let new) = entitlement.json
            else { continue }
            let changes = fieldChanges(old, new)
            if !changes.isEmpty { diff.entitlementsChanged.append(.init(record: entitlementRef(entitlement), changes: changes)) }
        }
        diff.entitlementsRemoved = match.removed.map { entitlementRef(before.side.entitlement(at: $0)) }
    }

    private static func sourceChanges(_ old: Grant.Source, _ new: Grant.Source) -> [SnapshotDiff.FieldChange] {
        var changes: [SnapshotDiff.FieldChange] = []
        func compare(_ field: String, _ a: String?, _ b: String?) {
            if a != b { changes.append(.init(field: "source.\(field)", old: a.map(JSONValue.string), new: b.map(JSONValue.string))) }
        }
        compare("granted_at", old.grantedAt, new.grantedAt)
        compare("membership_id", old.membershipID, new.membershipID)
        compare("role_key", old.roleKey, new.roleKey)
        return changes
    }

    private static func compareGrants<Side>(_ before: Index<Side>, _ after: Index<Side>, into diff: inout SnapshotDiff) {
        // Grants are lined up in id order side by side, so the largest collection needs no hashing; only
        // the grants that differ are decoded, and looked up only if they survive the role-change folding.
        let match = Side.match(.grants, before.side, after.side)
        let added = match.added.map { (position: $0, grant: after.side.grant(at: $0)) }
        let removed = match.removed.map { (position: $0, grant: before.side.grant(at: $0)) }
        var changed: [(old: Int, new: Grant, changes: [SnapshotDiff.FieldChange])] = []
        for pair in match.differing {
            let old = before.side.grant(at: pair.old)
            let new = after.side.grant(at: pair.new)
            if old.source != new.source { changed.append((pair.old, new, sourceChanges(old.source, new.source))) }
        }

        // Role changes: memberships present on both sides whose role grant went or came, or whose role key moved.
        var addedRole: [String: Grant] = [:]
        var removedRole: [String: Grant] = [:]
        var touched: Set<String> = []
        for (position, grant) in added {
            if let membership = grant.source.membershipID, after.side.entitlementKind(ofGrant: position) == .role {
                addedRole[membership] = grant
                touched.insert(membership)
            }
        }
        for (position, grant) in removed {
            if let membership = grant.source.membershipID, before.side.entitlementKind(ofGrant: position) == .role {
                removedRole[membership] = grant
                touched.insert(membership)
            }
        }
        for entry in changed {
            if let membership = entry.new.source.membershipID, before.side.entitlementKind(ofGrant: entry.old) == .member {
                touched.insert(membership)
            }
        }
        let oldMember = touched.isEmpty ? [:] : before.side.memberGrants(of: touched)
        let newMember = touched.isEmpty ? [:] : after.side.memberGrants(of: touched)
        var folded: Set<String> = []
        for membership in touched {
            guard let oldPosition = oldMember[membership], let newPosition = newMember[membership] else { continue }
            let memberBefore = before.side.grant(at: oldPosition)
            let memberAfter = after.side.grant(at: newPosition)
            guard memberBefore.id == memberAfter.id else { continue }
            let removedGrant = removedRole[membership]
            let addedGrant = addedRole[membership]
            let oldKey = memberBefore.source.roleKey ?? removedGrant.flatMap { before.entitlement($0.entitlement)?.roleKey }
            let newKey = memberAfter.source.roleKey ?? addedGrant.flatMap { after.entitlement($0.entitlement)?.roleKey }
            guard oldKey != newKey || removedGrant != nil || addedGrant != nil else { continue }
            let oldPrivileges = removedGrant.flatMap { before.entitlement($0.entitlement)?.role }.map { before.privilegedKeys(role: $0) } ?? []
            let newPrivileges = addedGrant.flatMap { after.entitlement($0.entitlement)?.role }.map { after.privilegedKeys(role: $0) } ?? []
            let organization = after.entitlement(memberAfter.entitlement).map { after.ref($0.resource) }
                ?? SnapshotDiff.ResourceRef(id: memberAfter.entitlement, type: nil, name: memberAfter.entitlement)
            diff.roleChanges.append(
                SnapshotDiff.RoleChange(
                    membershipID: membership, organization: organization, principal: after.ref(memberAfter.principal),
                    oldRoleKey: oldKey, newRoleKey: newKey, removedGrant: removedGrant?.id, addedGrant: addedGrant?.id,
                    gainedPrivileges: newPrivileges.filter { !oldPrivileges.contains($0) }))
            if let removedGrant { folded.insert(removedGrant.id) }
            if let addedGrant { folded.insert(addedGrant.id) }
            folded.insert(memberAfter.id)
        }
        diff.roleChanges.sort(by: roleChangeOrder)

        for (_, grant) in added where !folded.contains(grant.id) {
            diff.grantsAdded.append(after.record(grant, markPrivilege: true))
        }
        for (_, grant) in removed where !folded.contains(grant.id) {
            diff.grantsRemoved.append(before.record(grant, markPrivilege: false))
        }
        for entry in changed {
            var changes = entry.changes
            // A folded member grant's role key is told by its role change; anything else still shows.
            if folded.contains(entry.new.id) { changes.removeAll { $0.field == "source.role_key" } }
            if !changes.isEmpty {
                diff.grantsChanged.append(.init(record: after.record(entry.new, markPrivilege: false), changes: changes))
            }
        }
    }

    /// Role set resources added, removed or changed, with the role keys they offer compared.
    private static func compareRoleSets<Side>(_ before: Index<Side>, _ after: Index<Side>, into diff: inout SnapshotDiff) {
        func keys(_ id: String, _ index: Index<Side>) -> [String] {
            index.resource(id)?.attributes["role_keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        var changes: [SnapshotDiff.RoleSetChange] = []
        for ref in diff.resourcesAdded where ref.type == .roleSet {
            changes.append(.init(mark: .added, roleSet: ref, rolesAdded: keys(ref.id, after), rolesRemoved: [], otherChanges: []))
        }
        for ref in diff.resourcesRemoved where ref.type == .roleSet {
            changes.append(.init(mark: .removed, roleSet: ref, rolesAdded: [], rolesRemoved: keys(ref.id, before), otherChanges: []))
        }
        for change in diff.resourcesChanged where change.record.type == .roleSet {
            let old = keys(change.record.id, before)
            let new = keys(change.record.id, after)
            changes.append(
                .init(
                    mark: .changed, roleSet: change.record, rolesAdded: new.filter { !old.contains($0) },
                    rolesRemoved: old.filter { !new.contains($0) },
                    otherChanges: change.changes.filter { $0.field != "role_ids" && $0.field != "role_keys" }))
        }
        diff.roleSetChanges = changes.sorted { codePointPrecedes($0.roleSet.id, $1.roleSet.id) }
    }

    /// Access paths lined up by id. A path added (or whose entitlement changed) towards a privileged role
    /// is a privilege increase, as a new grant of that role is: it is access one click away.
    private static func compareAccessPaths<Side>(_ before: Index<Side>, _ after: Index<Side>, into diff: inout SnapshotDiff) {
        let old = before.side.accessPaths
        let new = after.side.accessPaths
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && codePointPrecedes(old[i].id, new[j].id)) {
                diff.accessPathsRemoved.append(before.record(old[i], markPrivilege: false))
                i += 1
            } else if i == old.count || codePointPrecedes(new[j].id, old[i].id) {
                diff.accessPathsAdded.append(after.record(new[j], markPrivilege: true))
                j += 1
            } else {
                if old[i] != new[j], case .object(let previous) = old[i].json, case .object(let current) = new[j].json {
                    // `source` is compared member by member (`source.expires_at`), like a grant's.
                    var changes = fieldChanges(previous, current).filter { $0.field != "source" }
                    changes += fieldChanges(old[i].source, new[j].source, prefix: "source.")
                    changes.sort { codePointPrecedes($0.field, $1.field) }
                    var record = after.record(new[j], markPrivilege: old[i].entitlement != new[j].entitlement)
                    if record.privilegeIncrease, before.record(old[i], markPrivilege: true).privilegeIncrease {
                        record.privilegeIncrease = false  // from one privileged role to another: no increase
                    }
                    if !changes.isEmpty { diff.accessPathsChanged.append(.init(record: record, changes: changes)) }
                }
                i += 1
                j += 1
            }
        }
    }

    private struct DiagnosticKey: Hashable {
        var code: DiagnosticCode
        var subject: String
        var message: String

        init(_ diagnostic: Diagnostic) {
            code = diagnostic.code
            subject = diagnostic.subject
            message = diagnostic.message
        }
    }

    private static func compareDiagnostics(_ old: [Diagnostic], _ new: [Diagnostic], into diff: inout SnapshotDiff) {
        let before = Set(old.map(DiagnosticKey.init))
        let after = Set(new.map(DiagnosticKey.init))
        diff.diagnosticsAppeared = new.filter { !before.contains(DiagnosticKey($0)) }
        diff.diagnosticsDisappeared = old.filter { !after.contains(DiagnosticKey($0)) }
    }
}
