/// Generates a fake tenant's snapshot 1.1 collections (role sets, invitations, domains, enterprise
/// connections, machines) from the already generated users, organizations and roles. It draws from a
/// random stream of its own, so the objects that make grants are the same for a seed as before these
/// collections existed; sizes follow the tenant's but stay small, as in real instances.
struct AccessSourceGenerator {
    let roleSets: [FakeRoleSet]
    let invitations: [FakeInvitation]
    let domains: [FakeOrganizationDomain]
    let enterpriseConnections: [FakeEnterpriseConnection]
    let machines: [FakeMachine]

    /// The key `FakeTenantSpec.organizationsOnUnlistedRoleSet` organizations name: no listed set has it.
    static let unlistedRoleSetKey = "role_set:retired"

    /// `organizations` with up to `count` of them moved to a role set that is not listed, chosen by a stream
    /// of their own so that nothing else about them changes.
    static func pointingAtUnlistedRoleSet(_ organizations: [FakeOrganization], count: Int, seed: UInt64) -> [FakeOrganization] {
        guard count > 0, !organizations.isEmpty else { return organizations }
        var random = SeededRandom(seed: SeededRandom.mix(seed ^ 0x9E12_0102))
        var moved = organizations
        for _ in 0..<count {
            moved[random.below(moved.count)].roleSetKey = unlistedRoleSetKey
        }
        return moved
    }

    static let invitationStatuses = ["pending", "pending", "pending", "pending", "pending", "accepted", "expired"]
    static let enrollmentModes = ["manual_invitation", "automatic_invitation", "automatic_suggestion", "enterprise_sso"]

    init(spec: FakeTenantSpec, users: [FakeUser], organizations: [FakeOrganization], roles: [FakeRole]) {
        var random = SeededRandom(seed: SeededRandom.mix(spec.seed ^ 0x9E12_0101))
        let day = TenantGenerator.day
        let start = TenantGenerator.epochStart
        let now = TenantGenerator.epochNow
        func newestFirst<T>(_ list: [T], _ key: (T) -> (Int64, String)) -> [T] {
            list.sorted { TenantGenerator.isListedBefore(key($0).0, key($0).1, key($1).0, key($1).1) }
        }

        // Role sets: the default offers every role; the restricted one (which the organization generator
        // already names) a subset; a support set that no organization uses is being migrated into it.
        let customKeys = roles.dropFirst(2).map(\.key)
        var sets: [FakeRoleSet] = []
        let defaultSet = FakeRoleSet(
            id: FakeID.make("rs_", index: 0, random: &random), key: "role_set:default", name: "Default",
            description: "The roles every organization offers", type: "initial", roleKeys: roles.map(\.key),
            defaultRoleKey: "org:member", creatorRoleKey: "org:admin", migration: nil, createdAt: start, updatedAt: start)
        sets.append(defaultSet)
        let restricted = FakeRoleSet(
            id: FakeID.make("rs_", index: 1, random: &random), key: "role_set:restricted", name: "Restricted",
            description: nil, type: "custom", roleKeys: ["org:admin", "org:member"] + customKeys.prefix(1),
            defaultRoleKey: "org:member", creatorRoleKey: "org:admin", migration: nil, createdAt: start + 10 * day,
            updatedAt: start + 20 * day)
        sets.append(restricted)
        let supportID = FakeID.make("rs_", index: 2, random: &random)
        sets.append(
            FakeRoleSet(
                id: supportID, key: "role_set:support", name: "Support", description: "Support staff", type: "custom",
                roleKeys: ["org:member"] + customKeys.dropFirst(1).prefix(2), defaultRoleKey: "org:member",
                creatorRoleKey: nil,
                migration: FakeRoleSet.Migration(
                    id: FakeID.make("rsm_", index: 0, random: &random), status: "in_progress",
                    triggerType: "role_set_deleted", sourceRoleSetID: supportID, destinationRoleSetID: restricted.id),
                createdAt: start + 30 * day, updatedAt: start + 40 * day))
        roleSets = newestFirst(sets) { ($0.createdAt, $0.id) }

        // Invitations: pending ones (some to admins, some to an address a listed user already has, in
        // another case) and accepted or expired ones, which `status=pending` leaves out.
        let emails = users.compactMap(\.primaryEmail)
        var invitationList: [FakeInvitation] = []
        if !organizations.isEmpty {
            let count = 3 + organizations.count / 5
            for index in 0..<count {
                let organization = organizations[random.below(organizations.count)]
                let status = index < 3 ? "pending" : random.pick(Self.invitationStatuses)
                let email: String
                if (index == 1 || random.chance(0.3)), !emails.isEmpty {
                    let address = random.pick(emails)
                    email = random.chance(0.5) ? address.uppercased() : address
                } else {
                    email = "invitee\(index)@example.org"
                }
                let roleKey =
                    index == 0 || random.chance(0.15)
                    ? "org:admin" : (!customKeys.isEmpty && random.chance(0.2) ? random.pick(customKeys) : "org:member")
                let createdAt = now - 1 - random.below(120 * day)
                invitationList.append(
                    FakeInvitation(
                        id: FakeID.make("orginv_", index: index, random: &random), emailAddress: email, roleKey: roleKey,
                        organizationID: organization.id, status: status, expiresAt: createdAt + 30 * day,
                        createdAt: createdAt, updatedAt: createdAt))
            }
        }
        invitations = newestFirst(invitationList) { ($0.createdAt, $0.id) }

        // Domains: every enrollment mode among the first four, verified or not, some never verified.
        var domainList: [FakeOrganizationDomain] = []
        if !organizations.isEmpty {
            for index in 0..<(4 + organizations.count / 20) {
                let organization = organizations[random.below(organizations.count)]
                let draw = random.unit()
                let verification: String? = index == 1 ? "unverified" : (draw < 0.7 ? "verified" : (draw < 0.9 ? "unverified" : nil))
                let createdAt = max(organization.createdAt, now - 1 - random.below(365 * day))
                domainList.append(
                    FakeOrganizationDomain(
                        id: FakeID.make("orgdmn_", index: index, random: &random), organizationID: organization.id,
                        name: "\(organization.slug)-\(index).example.com",
                        enrollmentMode: Self.enrollmentModes[index < 4 ? index : random.below(4)],
                        verificationStatus: verification, totalPendingInvitations: random.below(3),
                        totalPendingSuggestions: random.below(3), createdAt: createdAt, updatedAt: createdAt))
            }
        }
        domains = newestFirst(domainList) { ($0.createdAt, $0.id) }

        // Enterprise connections: every other one tied to an organization, most active.
        var connectionList: [FakeEnterpriseConnection] = []
        if !organizations.isEmpty {
            for index in 0..<(2 + organizations.count / 100) {
                let organization = index % 2 == 0 ? organizations[random.below(organizations.count)] : nil
                let createdAt = now - 1 - random.below(365 * day)
                connectionList.append(
                    FakeEnterpriseConnection(
                        id: FakeID.make("ent_", index: index, random: &random), name: "SSO \(index)",
                        provider: index % 3 == 2 ? "oidc_custom" : "saml_okta", active: index < 2 || random.chance(0.8),
                        domains: ["sso\(index).example.com"], organizationID: organization?.id, createdAt: createdAt,
                        updatedAt: createdAt))
            }
        }
        enterpriseConnections = newestFirst(connectionList) { ($0.createdAt, $0.id) }

        // Machines: each may call up to three others; the first also still names a deleted machine.
        let machineCount = 3 + organizations.count / 50
        var machineList: [FakeMachine] = (0..<machineCount).map { index in
            let createdAt = start + Int64(index + 1) * day
            return FakeMachine(
                id: FakeID.make("mch_", index: index, random: &random), name: "service-\(index)",
                defaultTokenTTL: random.chance(0.5) ? 3600 : 60 * (1 + random.below(120)), scopes: [], createdAt: createdAt,
                updatedAt: createdAt)
        }
        for index in machineList.indices {
            let wanted = index < 2 ? 1 + index : random.below(4)
            var scopes: [FakeMachine.Scope] = []
            for _ in 0..<wanted {
                let target = machineList[random.below(machineList.count)]
                if target.id != machineList[index].id, !scopes.contains(where: { $0.id == target.id }) {
                    scopes.append(FakeMachine.Scope(id: target.id, name: target.name))
                }
            }
            if index == 0 {
                scopes.append(
                    FakeMachine.Scope(id: FakeID.make("mch_", index: machineCount, random: &random), name: "retired-service"))
            }
            machineList[index].scopes = scopes
        }
        machines = newestFirst(machineList) { ($0.createdAt, $0.id) }
    }
}
