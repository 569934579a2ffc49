import ClerkModel
import SnapshotFormat

/// How a role key (`org:admin`) names a role: memberships, invitations and the domain default role all
/// carry keys, never role ids, and all resolve them here, the one place the rule lives. Of roles sharing a
/// key the first listed wins, and an `ambiguous_role_key` diagnostic says so.
struct RoleKeyIndex: Sendable {
    /// Position in the roles given of the role each key names.
    private let positionByKey: [String: Int]
    /// One `ambiguous_role_key` warning per role whose key an earlier role already has.
    let ambiguities: [Diagnostic]

    /// `roles`: the first of each role id, in list order.
    init(_ roles: [ClerkRole]) {
        var positionByKey: [String: Int] = [:]
        var ambiguities: [Diagnostic] = []
        for (position, role) in roles.enumerated() {
            if let existing = positionByKey[role.key] {
                ambiguities.append(
                    Diagnostic(
                        code: .ambiguousRoleKey, severity: .warning,
                        message: "roles \(roles[existing].id) and \(role.id) share the key \(role.key); memberships resolve to \(roles[existing].id)",
                        subject: Resource.id(.role, role.id)))
            } else {
                positionByKey[role.key] = position
            }
        }
        self.positionByKey = positionByKey
        self.ambiguities = ambiguities
    }

    /// The position of the role `key` names, nil when no role has it.
    func position(ofKey key: String) -> Int? { positionByKey[key] }
}
