import CanonicalJSON
import ClerkModel

/// Compares two snapshots: every record is indexed by id once, each side is walked once, and context is
/// looked up by id, so time and memory grow linearly with the inputs.
public enum SnapshotDiffer {
    public static func diff(old: Snapshot, new: Snapshot) -> SnapshotDiff {
        var diff = SnapshotDiff(old: side(old), new: side(new), digestsEqual: old.digest == new.digest)
        if !diff.digestsEqual {
            let before = Index(old.graph)
            let after = Index(new.graph)
            compareResources(before, after, into: &diff)
            compareEntitlements(before, after, into: &diff)
            compareGrants(before, after, into: &diff)
        }
        compareDiagnostics(old.graph.diagnostics, new.graph.diagnostics, into: &diff)
        return diff
    }

    private static func side(_ snapshot: Snapshot) -> SnapshotDiff.Side {
        SnapshotDiff.Side(
            generatedAt: snapshot.generatedAt, digest: snapshot.digest, instance: snapshot.source.instance,
            apiURL: snapshot.source.apiURL, complete: snapshot.complete)
    }

    /// One side's records by id.
    private final class Index {
        let graph: AccessGraph
        let resources: [String: Int]
        let entitlements: [String: Int]
        private var privileged: [String: [String]] = [:]

        init(_ graph: AccessGraph) {
            self.graph = graph
            resources = Index.positions(graph.resources.lazy.map(\.id), count: graph.resources.count)
            entitlements = Index.positions(graph.entitlements.lazy.map(\.id), count: graph.entitlements.count)
        }

        private static func positions(_ ids: some Sequence<String>, count: Int) -> [String: Int] {
            var index: [String: Int] = [:]
            index.reserveCapacity(count)
            for (position, id) in ids.enumerated() { index[id] = position }
            return index
        }

        func resource(_ id: String) -> Resource? { resources[id].map { graph.resources[$0] } }
        func entitlement(_ id: String) -> Entitlement? { entitlements[id].map { graph.entitlements[$0] } }
        func kind(ofEntitlement id: String) -> Entitlement.Kind? { entitlements[id].map { graph.entitlements[$0].kind } }

        func ref(_ id: String) -> SnapshotDiff.ResourceRef {
            guard let resource = resource(id) else { return SnapshotDiff.ResourceRef(id: id, type: nil, name: id) }
            return SnapshotDiffer.ref(resource)
        }

        /// Privileged permission keys of a role resource (cached: few roles, many grants).
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
            }
            return record
        }
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

    private static func compareResources(_ before: Index, _ after: Index, into diff: inout SnapshotDiff) {
        for resource in after.graph.resources {
            guard let previous = before.resource(resource.id) else {
                diff.resourcesAdded.append(ref(resource))
                continue
            }
            guard previous != resource else { continue }
            var changes: [SnapshotDiff.FieldChange] = []
            if previous.displayName != resource.displayName {
                changes.append(.init(field: "display_name", old: .string(previous.displayName), new: .string(resource.displayName)))
            }
            changes += fieldChanges(previous.attributes, resource.attributes)
            if !changes.isEmpty { diff.resourcesChanged.append(.init(record: ref(resource), changes: changes)) }
        }
        for resource in before.graph.resources where after.resources[resource.id] == nil {
            diff.resourcesRemoved.append(ref(resource))
        }
    }

    private static func compareEntitlements(_ before: Index, _ after: Index, into diff: inout SnapshotDiff) {
        for entitlement in after.graph.entitlements {
            guard let previous = before.entitlement(entitlement.id) else {
                diff.entitlementsAdded.append(entitlementRef(entitlement))
                continue
            }
            guard previous != entitlement,
                case .object(let old) = previous.json, case .object(let new) = entitlement.json
            else { continue }
            let changes = fieldChanges(old, new)
            if !changes.isEmpty { diff.entitlementsChanged.append(.init(record: entitlementRef(entitlement), changes: changes)) }
        }
        for entitlement in before.graph.entitlements where after.entitlements[entitlement.id] == nil {
            diff.entitlementsRemoved.append(entitlementRef(entitlement))
        }
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

    /// Positions of `grants` in id order: `0..<count` when already sorted (always, for a decoded snapshot).
    private static func order(_ grants: [Grant]) -> [Int] {
        var sorted = true
        for index in grants.indices.dropFirst() where !codePointPrecedes(grants[index - 1].id, grants[index].id) {
            sorted = false
            break
        }
        if sorted { return Array(grants.indices) }
        return grants.indices.sorted { codePointPrecedes(grants[$0].id, grants[$1].id) }
    }

    private static func compareGrants(_ before: Index, _ after: Index, into diff: inout SnapshotDiff) {
        let oldGrants = before.graph.grants
        let newGrants = after.graph.grants
        // Positions first; records (with their look-ups) only for what survives the role-change folding.
        // Grants are walked in id order side by side (snapshots keep them sorted; `order` checks), so the
        // largest collection needs no hashing at all.
        var added: [Int] = []
        var removed: [Int] = []
        var changed: [(old: Int, new: Int, changes: [SnapshotDiff.FieldChange])] = []
        let oldOrder = order(oldGrants)
        let newOrder = order(newGrants)
        var l = 0
        var r = 0
        while l < oldOrder.count || r < newOrder.count {
            if r == newOrder.count {
                removed.append(oldOrder[l])
                l += 1
            } else if l == oldOrder.count {
                added.append(newOrder[r])
                r += 1
            } else {
                let o = oldOrder[l]
                let n = newOrder[r]
                if oldGrants[o].id == newGrants[n].id {
                    if oldGrants[o].source != newGrants[n].source {
                        changed.append((o, n, sourceChanges(oldGrants[o].source, newGrants[n].source)))
                    }
                    l += 1
                    r += 1
                } else if codePointPrecedes(oldGrants[o].id, newGrants[n].id) {
                    removed.append(o)
                    l += 1
                } else {
                    added.append(n)
                    r += 1
                }
            }
        }
        added.sort()
        removed.sort()

        // Role changes: memberships present on both sides whose role grant went or came, or whose role key moved.
        func isRoleGrant(_ grant: Grant, _ index: Index) -> Bool { index.kind(ofEntitlement: grant.entitlement) == .role }
        var addedRole: [String: Int] = [:]
        var removedRole: [String: Int] = [:]
        var touched: Set<String> = []
        for position in added {
            let grant = newGrants[position]
            if let membership = grant.source.membershipID, isRoleGrant(grant, after) {
                addedRole[membership] = position
                touched.insert(membership)
            }
        }
        for position in removed {
            let grant = oldGrants[position]
            if let membership = grant.source.membershipID, isRoleGrant(grant, before) {
                removedRole[membership] = position
                touched.insert(membership)
            }
        }
        for entry in changed {
            if let membership = newGrants[entry.new].source.membershipID, before.kind(ofEntitlement: oldGrants[entry.old].entitlement) == .member {
                touched.insert(membership)
            }
        }
        var oldMember: [String: Int] = [:]
        var newMember: [String: Int] = [:]
        if !touched.isEmpty {
            for position in oldGrants.indices {
                if let membership = oldGrants[position].source.membershipID, touched.contains(membership),
                    before.kind(ofEntitlement: oldGrants[position].entitlement) == .member
                {
                    oldMember[membership] = position
                }
            }
            for position in newGrants.indices {
                if let membership = newGrants[position].source.membershipID, touched.contains(membership),
                    after.kind(ofEntitlement: newGrants[position].entitlement) == .member
                {
                    newMember[membership] = position
                }
            }
        }
        var folded: Set<String> = []
        for membership in touched {
            guard let oldPosition = oldMember[membership], let newPosition = newMember[membership],
                oldGrants[oldPosition].id == newGrants[newPosition].id
            else { continue }
            let memberBefore = oldGrants[oldPosition]
            let memberAfter = newGrants[newPosition]
            let removedGrant = removedRole[membership].map { oldGrants[$0] }
            let addedGrant = addedRole[membership].map { newGrants[$0] }
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
        diff.roleChanges.sort {
            ($0.organization.name, $0.organization.id, $0.principal.name, $0.membershipID)
                < ($1.organization.name, $1.organization.id, $1.principal.name, $1.membershipID)
        }

        for position in added where !folded.contains(newGrants[position].id) {
            diff.grantsAdded.append(after.record(newGrants[position], markPrivilege: true))
        }
        for position in removed where !folded.contains(oldGrants[position].id) {
            diff.grantsRemoved.append(before.record(oldGrants[position], markPrivilege: false))
        }
        for entry in changed {
            var changes = entry.changes
            // A folded member grant's role key is told by its role change; anything else still shows.
            if folded.contains(newGrants[entry.new].id) { changes.removeAll { $0.field == "source.role_key" } }
            if !changes.isEmpty {
                diff.grantsChanged.append(.init(record: after.record(newGrants[entry.new], markPrivilege: false), changes: changes))
            }
        }
    }

    private struct DiagnosticKey: Hashable {
        var code: String
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
