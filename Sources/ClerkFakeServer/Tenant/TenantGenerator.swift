/// Builds a `FakeTenant` from a spec. Each kind of object draws from its own random stream, so growing one
/// count (say, memberships) leaves the users and organizations of a seed unchanged.
struct TenantGenerator {
    /// 2021-01-01 and 2026-01-01: every generated timestamp lies between them, so a fixed seed never
    /// depends on the clock.
    static let epochStart: Int64 = 1_609_459_200_000
    static let epochNow: Int64 = 1_767_225_600_000
    static let day: Int64 = 86_400_000

    static let systemPermissions: [(key: String, name: String)] = [
        ("org:sys_profile:manage", "Manage organization"),
        ("org:sys_profile:delete", "Delete organization"),
        ("org:sys_memberships:read", "Read members"),
        ("org:sys_memberships:manage", "Manage members"),
        ("org:sys_domains:read", "Read domains"),
        ("org:sys_domains:manage", "Manage domains"),
        ("org:sys_billing:read", "Read billing"),
        ("org:sys_billing:manage", "Manage billing"),
        ("org:sys_entconns:manage", "Manage enterprise connections"),
    ]
    static let memberPermissionKeys = ["org:sys_memberships:read", "org:sys_billing:read"]

    let spec: FakeTenantSpec

    init(spec: FakeTenantSpec) {
        precondition(
            spec.users >= 0 && spec.organizations >= 0 && spec.memberships >= 0 && spec.customRoles >= 0
                && spec.customPermissions >= 0, "tenant counts must not be negative")
        precondition(
            spec.memberships <= spec.users * spec.organizations,
            "memberships must not exceed users × organizations: a user joins an organization at most once")
        self.spec = spec
    }

    func generate() -> FakeTenant {
        let permissions = makePermissions()
        let roles = makeRoles(customPermissionKeys: permissions.filter { $0.type == "user" }.map(\.key))
        let users = makeUsers()
        let organizations = AccessSourceGenerator.pointingAtUnlistedRoleSet(
            makeOrganizations(), count: spec.organizationsOnUnlistedRoleSet, seed: spec.seed)
        let memberships = makeMemberships(users: users, organizations: organizations, roles: roles)
        // Drawn from a stream of their own, after everything else: the grants of a seed are what they were
        // before snapshot 1.1 added these collections.
        let sources = AccessSourceGenerator(spec: spec, users: users, organizations: organizations, roles: roles)
        return FakeTenant(
            users: users.sorted { Self.isListedBefore($0.createdAt, $0.id, $1.createdAt, $1.id) },
            organizations: organizations.sorted { Self.isListedBefore($0.createdAt, $0.id, $1.createdAt, $1.id) },
            roles: roles,
            permissions: permissions,
            memberships: memberships.sorted { Self.isListedBefore($0.createdAt, $0.id, $1.createdAt, $1.id) },
            roleSets: sources.roleSets, invitations: sources.invitations, domains: sources.domains,
            enterpriseConnections: sources.enterpriseConnections, machines: sources.machines,
            organizationSettings: .standard,
            sessions: spec.generatesSessions
                ? SessionGenerator.make(users: users, seed: spec.seed, manySessionsUsers: spec.usersWithManySessions) : [])
    }

    /// Users created after every existing one, as if they signed up while a reader was paging.
    static func insertedUsers(count: Int, after existing: [FakeUser], seed: UInt64) -> [FakeUser] {
        var random = SeededRandom(seed: SeededRandom.mix(seed ^ 0x1A5E_47ED))
        let newest = existing.map(\.createdAt).max() ?? epochNow
        return (0..<count).map { offset in
            makeUser(index: existing.count + offset, createdAt: newest + Int64(offset + 1) * 1_000, random: &random)
        }.reversed()
    }

    static func isListedBefore(_ createdAt: Int64, _ id: String, _ otherCreatedAt: Int64, _ otherID: String)
        -> Bool
    {
        FakeTenant.isListedBefore(createdAt: createdAt, id: id, otherCreatedAt: otherCreatedAt, otherID: otherID)
    }

    private func stream(_ salt: UInt64) -> SeededRandom {
        SeededRandom(seed: SeededRandom.mix(spec.seed ^ salt))
    }

    private func makePermissions() -> [FakePermission] {
        var random = stream(0x9E12_0001)
        var permissions = Self.systemPermissions.enumerated().map { index, permission in
            FakePermission(
                id: FakeID.make("perm_", index: index, random: &random), key: permission.key, name: permission.name,
                type: "system", description: "Permission to \(permission.name.lowercased()).",
                createdAt: Self.epochStart + Int64(index), updatedAt: Self.epochStart + Int64(index))
        }
        for index in 0..<spec.customPermissions {
            let feature = index / TenantVocabulary.customPermissionActions.count + 1
            let action = TenantVocabulary.customPermissionActions[
                index % TenantVocabulary.customPermissionActions.count]
            let createdAt = Self.epochStart + Int64(index + 1) * Self.day
            permissions.append(
                FakePermission(
                    id: FakeID.make("perm_", index: Self.systemPermissions.count + index, random: &random),
                    key: "org:feature\(feature):\(action)", name: "Feature \(feature): \(action)", type: "user",
                    description: "Lets a member \(action) feature \(feature).", createdAt: createdAt,
                    updatedAt: createdAt + random.below(Self.day)))
        }
        return permissions
    }

    private func makeRoles(customPermissionKeys: [String]) -> [FakeRole] {
        var random = stream(0x9E12_0002)
        var roles = [
            FakeRole(
                id: FakeID.make("role_", index: 0, random: &random), key: "org:admin", name: "Admin",
                description: "Role with elevated permissions", permissionKeys: Self.systemPermissions.map(\.key),
                isCreatorEligible: true, createdAt: Self.epochStart, updatedAt: Self.epochStart),
            FakeRole(
                id: FakeID.make("role_", index: 1, random: &random), key: "org:member", name: "Member",
                description: "Role with non-elevated permissions", permissionKeys: Self.memberPermissionKeys,
                isCreatorEligible: false, createdAt: Self.epochStart, updatedAt: Self.epochStart),
        ]
        let names = TenantVocabulary.customRoleNames
        for index in 0..<spec.customRoles {
            let round = index / names.count
            let name = names[index % names.count] + (round == 0 ? "" : " \(round + 1)")
            let key = "org:" + name.lowercased().replacingOccurrences(of: " ", with: "_")
            var keys: [String] = []
            if !customPermissionKeys.isEmpty {
                let wanted = 1 + random.below(min(4, customPermissionKeys.count))
                while keys.count < wanted {
                    let candidate = random.pick(customPermissionKeys)
                    if !keys.contains(candidate) { keys.append(candidate) }
                }
            }
            if keys.isEmpty || random.chance(0.5) { keys.append("org:sys_memberships:read") }
            let createdAt = min(Self.epochNow, Self.epochStart + Int64(index + 1) * 10 * Self.day)
            roles.append(
                FakeRole(
                    id: FakeID.make("role_", index: 2 + index, random: &random), key: key, name: name,
                    description: random.chance(0.3) ? nil : "Custom role: \(name).", permissionKeys: keys,
                    isCreatorEligible: false, createdAt: createdAt, updatedAt: createdAt))
        }
        return roles
    }

    private func makeUsers() -> [FakeUser] {
        var random = stream(0x9E12_0003)
        var users: [FakeUser] = []
        users.reserveCapacity(spec.users)
        for index in 0..<spec.users {
            // Some users share a creation millisecond (bulk imports), so paging must break ties by id.
            let createdAt =
                if let previous = users.last, random.chance(0.05) {
                    previous.createdAt
                } else {
                    Self.epochStart + random.below(Self.epochNow - Self.epochStart - Self.day)
                }
            users.append(Self.makeUser(index: index, createdAt: createdAt, random: &random))
        }
        return users
    }

    private static func makeUser(index: Int, createdAt: Int64, random: inout SeededRandom) -> FakeUser {
        let vocabulary = TenantVocabulary.self
        let firstName: String? =
            random.chance(0.9)
            ? (random.chance(0.02) ? random.pick(vocabulary.awkwardNames) : random.pick(vocabulary.firstNames)) : nil
        let lastName: String? =
            random.chance(0.88)
            ? (random.chance(0.02) ? random.pick(vocabulary.awkwardNames) : random.pick(vocabulary.lastNames)) : nil
        let firstStem = vocabulary.asciiStem(firstName ?? "user")
        let hasEmail = random.chance(0.995)
        let domain = random.pick(vocabulary.emailDomains)
        let email: String? =
            hasEmail ? "\(firstStem)\(lastName.map { "." + vocabulary.asciiStem($0) } ?? "")\(index)@\(domain)" : nil
        let username: String? = !hasEmail || random.chance(0.4) ? "\(firstStem)_\(index)" : nil
        let emailVerified = hasEmail && random.chance(0.95)
        let externalID: String? = random.chance(0.1) ? "ext-\(index)" : nil
        let banned = random.chance(0.01)
        let locked = random.chance(0.005)
        let twoFactorEnabled = random.chance(0.2)
        let lastSignInAt: Int64? =
            random.chance(0.85) ? createdAt + random.below(max(1, epochNow - createdAt)) : nil
        let lastActiveAt = lastSignInAt.map { signIn in
            let active = min(epochNow, signIn + random.below(30 * day))
            return active - active % day
        }
        return FakeUser(
            id: FakeID.make("user_", index: index, random: &random), createdAt: createdAt,
            updatedAt: max(createdAt, lastSignInAt ?? createdAt), primaryEmail: email, emailVerified: emailVerified,
            username: username, firstName: firstName, lastName: lastName, externalID: externalID, banned: banned,
            locked: locked, twoFactorEnabled: twoFactorEnabled, lastSignInAt: lastSignInAt, lastActiveAt: lastActiveAt)
    }

    private func makeOrganizations() -> [FakeOrganization] {
        var random = stream(0x9E12_0004)
        let vocabulary = TenantVocabulary.self
        return (0..<spec.organizations).map { index in
            let base =
                random.chance(0.01)
                ? random.pick(vocabulary.awkwardCompanyNames)
                : "\(random.pick(vocabulary.companyWords)) \(random.pick(vocabulary.companySuffixes))"
            let name = "\(base) \(index)"
            let slug = name.split(whereSeparator: { $0 == " " }).map { vocabulary.asciiStem(String($0)) }
                .joined(separator: "-")
            let createdAt = Self.epochStart + random.below(Self.epochNow - Self.epochStart - Self.day)
            let roleSetKey: String? =
                switch random.below(20) {
                case 0, 1: nil
                case 2: "role_set:restricted"
                default: "role_set:default"
                }
            return FakeOrganization(
                id: FakeID.make("org_", index: index, random: &random), name: name, slug: slug, createdAt: createdAt,
                updatedAt: min(Self.epochNow, createdAt + random.below(90 * Self.day)), roleSetKey: roleSetKey)
        }
    }

    /// Organization sizes follow a long tail (a few large, many small); each organization's members are an
    /// arithmetic progression over the users with a stride coprime to their count, which never repeats a user.
    private func makeMemberships(users: [FakeUser], organizations: [FakeOrganization], roles: [FakeRole])
        -> [FakeMembership]
    {
        guard spec.memberships > 0 else { return [] }
        var random = stream(0x9E12_0005)
        let sizes = organizationSizes(random: &random)
        let customRoleKeys = roles.dropFirst(2).map(\.key)
        var memberships: [FakeMembership] = []
        memberships.reserveCapacity(spec.memberships)
        for (organizationIndex, organization) in organizations.enumerated() where sizes[organizationIndex] > 0 {
            let start = random.below(users.count)
            let stride = coprimeStride(for: users.count, random: &random)
            for position in 0..<sizes[organizationIndex] {
                let user = users[(start + position * stride) % users.count]
                let roleKey: String
                if position == 0 {
                    roleKey = "org:admin"  // the organization's creator
                } else {
                    let draw = random.unit()
                    roleKey =
                        draw < 0.08
                        ? "org:admin"
                        : (draw < 0.28 && !customRoleKeys.isEmpty ? random.pick(customRoleKeys) : "org:member")
                }
                let joinedAfter = max(organization.createdAt, user.createdAt)
                let createdAt = joinedAfter + random.below(max(1, min(60 * Self.day, Self.epochNow - joinedAfter)))
                let updatedAt = createdAt + (random.chance(0.2) ? random.below(30 * Self.day) : 0)
                memberships.append(
                    FakeMembership(
                        id: FakeID.make("orgmem_", index: memberships.count, random: &random),
                        organizationID: organization.id, userID: user.id, roleKey: roleKey, createdAt: createdAt,
                        updatedAt: updatedAt))
            }
        }
        // One in two hundred, spread evenly, carries a role key that matches no role.
        let unknownCount = (memberships.count + 199) / 200
        let spacing = memberships.count / unknownCount
        for ordinal in 0..<unknownCount {
            memberships[ordinal * spacing + spacing / 2].roleKey =
                FakeTenant.unknownRoleKeys[ordinal % FakeTenant.unknownRoleKeys.count]
        }
        return memberships
    }

    private func organizationSizes(random: inout SeededRandom) -> [Int] {
        let capacity = spec.users
        let weights = (0..<spec.organizations).map { _ in 1 / (0.02 + random.unit()) }
        let totalWeight = weights.reduce(0, +)
        var sizes = weights.map { min(capacity, Int(Double(spec.memberships) * $0 / totalWeight)) }
        var missing = spec.memberships - sizes.reduce(0, +)
        var organizationIndex = 0
        while missing > 0 {
            if sizes[organizationIndex] < capacity {
                sizes[organizationIndex] += 1
                missing -= 1
            }
            organizationIndex = (organizationIndex + 1) % sizes.count
        }
        return sizes
    }

    private func coprimeStride(for count: Int, random: inout SeededRandom) -> Int {
        guard count > 2 else { return 1 }
        var stride = 1 + random.below(count - 1)
        while greatestCommonDivisor(stride, count) != 1 {
            stride = stride % (count - 1) + 1
        }
        return stride
    }

    private func greatestCommonDivisor(_ first: Int, _ second: Int) -> Int {
        var (a, b) = (first, second)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
