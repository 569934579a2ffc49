import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// An access path as `who-can` and `access` show it: who could gain access (`could_gain`), by which kind of
/// path, to which role, and whether that role makes them an admin.
public struct PathCandidate: Sendable, Equatable {
    public var path: AccessPath
    /// The role key the path leads to; nil when it leads to the member entitlement only.
    public var roleKey: String?
    public var leadsToAdmin: Bool
    /// For an invitation: the listed user whose primary email is the invited address, by name.
    public var matchingUserName: String?

    public init(_ path: AccessPath, index: AccessIndex) {
        self.path = path
        roleKey = index.roleKey(of: path)
        leadsToAdmin = index.leadsToAdmin(path)
        matchingUserName = path.matchingUser.map(index.displayName)
    }

    /// One line for a terminal, every snapshot value escaped: `invitation email:ann@example.com -> org:admin
    /// (admin), pending, path invitation:inv_1, matches Ann`.
    public var text: String {
        let t = TerminalText.escape
        var line = "\(t(path.kind.rawValue)) \(t(path.principal)) -> \(t(roleKey ?? "membership only"))"
        if leadsToAdmin { line += " (admin)" }
        line += ", \(t(path.status)), path \(t(path.id))"
        if let user = path.matchingUser { line += ", matches \(t(matchingUserName ?? user)) \(t(Resource.clerkID(of: user)))" }
        return line
    }

    public var json: JSONValue {
        [
            "path": .string(path.id), "kind": .string(path.kind.rawValue), "principal": .string(path.principal),
            "status": .string(path.status), "organization": .string(path.organization),
            "entitlement": .string(path.entitlement), "role_key": .optional(roleKey), "admin": .bool(leadsToAdmin),
            "matching_user": .optional(path.matchingUser),
        ]
    }
}
