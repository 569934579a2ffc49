/// What a correct export of this tenant must find, computed directly from the tenant by the rules of
/// snapshot 1.1, so an end-to-end test compares the snapshot against an independent answer.
extension FakeTenant {
    /// A machine-to-machine scope: `from` may call `to`.
    public struct MachineScope: Sendable, Hashable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// Role ids by role key; a key defined twice resolves to neither, as the graph treats an ambiguous key.
    private var roleIDsByKey: [String: String] {
        var ids: [String: String] = [:]
        var repeated = Set<String>()
        for role in roles {
            if ids[role.key] != nil { repeated.insert(role.key) }
            ids[role.key] = role.id
        }
        for key in repeated { ids[key] = nil }
        return ids
    }

    /// The role ids of each listed role set, by set id (keys that name no role are left out).
    public var roleSetRoleIDs: [String: Set<String>] {
        let ids = roleIDsByKey
        return Dictionary(uniqueKeysWithValues: roleSets.map { set in (set.id, Set(set.roleKeys.compactMap { ids[$0] })) })
    }

    /// The role ids each organization offers, by organization id: its role set's roles, or every role when
    /// its `role_set_key` is null or names no listed set (the fallback).
    public var offeredRoleIDs: [String: Set<String>] {
        let everyRole = Set(roles.map(\.id))
        let setRoles = roleSetRoleIDs
        let setIDsByKey = Dictionary(roleSets.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        var offered: [String: Set<String>] = [:]
        for organization in organizations {
            if let key = organization.roleSetKey, let setID = setIDsByKey[key] {
                offered[organization.id] = setRoles[setID] ?? []
            } else {
                offered[organization.id] = everyRole
            }
        }
        return offered
    }

    /// Organizations that fall back to every role, and whether that is because the key names no listed set
    /// (true) rather than being null (false).
    public var roleSetFallbacks: [String: Bool] {
        let keys = Set(roleSets.map(\.key))
        var fallbacks: [String: Bool] = [:]
        for organization in organizations {
            if let key = organization.roleSetKey {
                if !keys.contains(key) { fallbacks[organization.id] = true }
            } else {
                fallbacks[organization.id] = false
            }
        }
        return fallbacks
    }

    /// Memberships whose role resolves to a role their organization's role set does not offer (only
    /// organizations on a listed set; the fallback offers every role).
    public var membershipsOutsideRoleSet: Set<String> {
        let ids = roleIDsByKey
        let setRoles = roleSetRoleIDs
        let setIDsByKey = Dictionary(roleSets.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        var setByOrganization: [String: Set<String>] = [:]
        for organization in organizations {
            if let key = organization.roleSetKey, let setID = setIDsByKey[key] { setByOrganization[organization.id] = setRoles[setID] }
        }
        return Set(
            memberships.compactMap { membership in
                guard let roleID = ids[membership.roleKey], let offered = setByOrganization[membership.organizationID],
                    !offered.contains(roleID)
                else { return nil }
                return membership.id
            })
    }

    /// Pending invitations by id, each with the listed user whose primary email is the invited address
    /// (case-insensitively) when exactly one is; nil otherwise.
    public var pendingInvitations: [String: String?] {
        var usersByEmail: [String: [String]] = [:]
        for user in users {
            if let email = user.primaryEmail { usersByEmail[email.lowercased(), default: []].append(user.id) }
        }
        var pending: [String: String?] = [:]
        for invitation in invitations where invitation.status == "pending" {
            let matches = usersByEmail[invitation.emailAddress.lowercased()] ?? []
            pending[invitation.id] = matches.count == 1 ? matches[0] : nil
        }
        return pending
    }

    /// Ids of the domains that are access paths (every enrollment mode but manual invitation).
    public var domainPathIDs: Set<String> {
        Set(domains.filter { FakeOrganizationDomain.enrollingModes.contains($0.enrollmentMode) }.map(\.id))
    }

    /// Ids of the enterprise connections that are access paths (those tied to an organization).
    public var enterpriseSSOPathIDs: Set<String> {
        Set(enterpriseConnections.filter { $0.organizationID != nil }.map(\.id))
    }

    /// Every scope whose target machine is listed; scopes naming an unlisted machine grant nothing.
    public var machineScopes: Set<MachineScope> {
        let listed = Set(machines.map(\.id))
        return Set(
            machines.flatMap { machine in
                machine.scopes.filter { listed.contains($0.id) }.map { MachineScope(from: machine.id, to: $0.id) }
            })
    }

    /// Scopes naming a machine the tenant does not list.
    public var danglingMachineScopes: Set<MachineScope> {
        let listed = Set(machines.map(\.id))
        return Set(
            machines.flatMap { machine in
                machine.scopes.filter { !listed.contains($0.id) }.map { MachineScope(from: machine.id, to: $0.id) }
            })
    }
}
