import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// `who-can SNAPSHOT KEY`: the auditor's question "who can do X?".
///
/// For a permission key: every user holding it, per organization, with the membership and role that give
/// it, and (snapshot 1.1) who *could gain* it: access paths (pending invitations, domain enrollment,
/// enterprise SSO) leading to a role that holds it. Organizations where nobody holds it are named too: for
/// an auditor "nobody can" is an answer, not an omission.
///
/// For an entitlement id (`machine:<id>:access`, `organization:<id>:role:<role id>`, ...): every principal
/// granted it, and the paths leading to it. This is how machine-to-machine access is asked about.
public struct WhoCanReport: Sendable {
    public struct Holder: Sendable, Equatable {
        public var permission: EffectivePermission
        public var userName: String
        public var email: String?
    }

    /// One organization's answer for a permission key.
    public struct OrganizationAnswer: Sendable {
        public var organization: Resource
        public var holders: [Holder]
        /// Paths into this organization leading to a role that holds the permission, in path id order.
        public var couldGain: [PathCandidate]
    }

    /// A principal granted the asked entitlement.
    public struct Grantee: Sendable, Equatable {
        public var principal: String
        public var name: String
        public var grant: String
    }

    /// The answer for an entitlement id.
    public struct EntitlementAnswer: Sendable {
        public var entitlement: Entitlement
        /// In principal id order.
        public var grantees: [Grantee]
        public var couldGain: [PathCandidate]
    }

    /// The permission key or entitlement id asked about.
    public let permissionKey: String
    /// Organizations in report order, each with its holders (possibly none); empty for an entitlement.
    public let organizations: [OrganizationAnswer]
    /// Set when the question named an entitlement id rather than a permission key.
    public let entitlement: EntitlementAnswer?
    /// Paths are shown (and `could_gain` written) for a 1.1 snapshot only, so a 1.0 answer reads as before.
    let showsPaths: Bool

    /// Nil when no permission in the snapshot has this key and no entitlement this id (a typo must not
    /// read as "nobody").
    public init?(_ index: AccessIndex, permissionKey: String, organization: Resource? = nil) {
        self.permissionKey = permissionKey
        showsPaths = index.hasAccessPaths
        guard !index.permissions(withKey: permissionKey).isEmpty else {
            guard let entitlement = index.entitlement(permissionKey),
                organization == nil || entitlement.resource == organization?.id
            else { return nil }
            organizations = []
            self.entitlement = EntitlementAnswer(
                entitlement: entitlement,
                grantees: index.grants(of: entitlement.id).map {
                    Grantee(principal: $0.principal, name: index.displayName($0.principal), grant: $0.id)
                }.sorted { codePointPrecedes($0.principal, $1.principal) },
                couldGain: index.accessPaths.filter { $0.entitlement == entitlement.id }.map { PathCandidate($0, index: index) })
            return
        }
        entitlement = nil
        let scope = organization.map { [$0] } ?? index.organizations
        // The organizations are answered independently: two halves, one a core (two CPU-bound
        // iterations; the calling thread takes one), joined in order.
        let halves = [0..<scope.count / 2, scope.count / 2..<scope.count]
        organizations = ParallelParts.make(halves.count) { half in
            scope[halves[half]].map { Self.answer($0, index: index, permissionKey: permissionKey) }
        }.flatMap { $0 }
    }

    /// Who in `organization` holds `permissionKey`, and which paths could give it.
    private static func answer(_ organization: Resource, index: AccessIndex, permissionKey: String) -> OrganizationAnswer {
        let holders = index.memberships(of: organization.id, holding: permissionKey).flatMap { membership in
            // The membership's user, found by its position rather than its id.
            let user = index.user(of: membership)
            let userName = user?.displayName ?? index.displayName(membership.user)
            return index.effectivePermissions(of: membership).filter { $0.permissionKey == permissionKey }.map {
                Holder(permission: $0, userName: userName, email: user?.primaryEmail)
            }
        }
        let paths = (index.accessPathsByOrganization[organization.id] ?? []).filter {
            index.permissionKeys(of: $0).contains(permissionKey)
        }
        return OrganizationAnswer(organization: organization, holders: holders, couldGain: paths.map { PathCandidate($0, index: index) })
    }

    public var holderCount: Int { organizations.reduce(0) { $0 + $1.holders.count } }

    /// Paths that could give the permission (or entitlement), over every organization.
    public var couldGainCount: Int { entitlement?.couldGain.count ?? organizations.reduce(0) { $0 + $1.couldGain.count } }

    /// For a terminal: every value from the snapshot is passed through `TerminalText`.
    public func text(_ index: AccessIndex) -> String {
        var bytes: [UInt8] = []
        writeText(index) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text(_:)` in chunks as it is written: on a large tenant the answer runs to megabytes.
    public func writeText(_ index: AccessIndex, emit: @escaping ([UInt8]) -> Void) {
        var chunks = ChunkedOutput(emit: emit)
        defer { chunks.finish() }
        let t = TerminalText.escape
        if let entitlement {
            chunks.write(entitlementText(entitlement, index))
            return
        }
        let users = Set(organizations.flatMap { $0.holders.map(\.permission.user) })
        var header = "Who can \(t(permissionKey)): \(holderCount) grant(s) to \(users.count) user(s) in \(organizations.filter { !$0.holders.isEmpty }.count) organization(s)"
        if showsPaths { header += "; \(couldGainCount) access path(s) could give it" }
        chunks.write(header + "\n")
        chunks.write("Snapshot \(t(index.snapshot.source.instance)), generated \(t(index.snapshot.generatedAt)), \(t(index.snapshot.digest))\n")
        var nobody: [String] = []
        for answer in organizations {
            let organization = answer.organization
            guard !answer.holders.isEmpty || !answer.couldGain.isEmpty else {
                nobody.append(t(organization.displayName))
                continue
            }
            chunks.write("\n\(t(organization.displayName)) (\(t(organization.clerkID)), \(t(organization.string("slug") ?? "")))\n")
            if answer.holders.isEmpty { chunks.write("  nobody holds it yet\n") }
            for holder in answer.holders {
                let email = holder.email.map { " <\(t($0))>" } ?? ""
                let permission = holder.permission
                chunks.write("  \(t(holder.userName))\(email) \(t(Resource.clerkID(of: permission.user))) via \(t(permission.roleKey ?? "?")) (\(t(Resource.clerkID(of: permission.role)))), membership \(t(permission.membershipID))\n")
            }
            if !answer.couldGain.isEmpty {
                chunks.write("  could gain it:\n")
                for candidate in answer.couldGain { chunks.write("    \(candidate.text)\n") }
            }
        }
        if !nobody.isEmpty { chunks.write("\nNobody holds it in: \(nobody.joined(separator: ", "))\n") }
    }

    private func entitlementText(_ answer: EntitlementAnswer, _ index: AccessIndex) -> String {
        let t = TerminalText.escape
        let entitlement = answer.entitlement
        var out = "Who holds \(t(entitlement.id)) (\(t(entitlement.displayName))): \(answer.grantees.count) grant(s); \(answer.couldGain.count) access path(s) could give it\n"
        out += "Snapshot \(t(index.snapshot.source.instance)), generated \(t(index.snapshot.generatedAt)), \(t(index.snapshot.digest))\n"
        if entitlement.kind == .access { out += "Machines in this list can call \(t(index.displayName(entitlement.resource))).\n" }
        out += "\n"
        if answer.grantees.isEmpty { out += "Nobody holds it.\n" }
        for grantee in answer.grantees { out += "  \(t(grantee.name)) \(t(grantee.principal)), grant \(t(grantee.grant))\n" }
        if !answer.couldGain.isEmpty {
            out += "Could gain it:\n"
            for candidate in answer.couldGain { out += "  \(candidate.text)\n" }
        }
        return out
    }

    public func json(_ index: AccessIndex) -> JSONValue {
        if let entitlement {
            return [
                "entitlement": .string(entitlement.entitlement.id), "kind": .string(entitlement.entitlement.kind.rawValue),
                "resource": .string(entitlement.entitlement.resource), "snapshot_digest": .string(index.snapshot.digest),
                "holders": .array(entitlement.grantees.map { ["principal": .string($0.principal), "principal_name": .string($0.name), "grant": .string($0.grant)] }),
                "could_gain": .array(entitlement.couldGain.map(\.json)),
            ]
        }
        return [
            "permission_key": .string(permissionKey),
            "snapshot_digest": .string(index.snapshot.digest),
            "organizations": .array(
                organizations.map { answer in
                    let answerJSON: JSONValue = [
                        "organization": .string(answer.organization.id), "organization_name": .string(answer.organization.displayName),
                        "holders": .array(
                            answer.holders.map { holder in
                                [
                                    "user": .string(holder.permission.user), "user_name": .string(holder.userName),
                                    "email": .optional(holder.email), "permission": .string(holder.permission.permission),
                                    "via": [
                                        "membership_id": .string(holder.permission.membershipID),
                                        "role": .string(holder.permission.role),
                                        "role_key": .optional(holder.permission.roleKey),
                                    ],
                                ]
                            }),
                    ]
                    guard showsPaths, case .object(var object) = answerJSON else { return answerJSON }
                    object["could_gain"] = .array(answer.couldGain.map(\.json))
                    return .object(object)
                }),
        ]
    }
}
