import SnapshotFormat

/// Which permission keys make a role privileged, so that granting the role (or adding a permission to a
/// privileged role) is flagged as a privilege increase: Clerk's system permissions that manage something
/// (`org:sys_*:manage`), and custom permissions that manage or delete (`*:manage`, `*:delete`).
public enum PrivilegeRule {
    public static func isPrivileged(_ permissionKey: String) -> Bool {
        if permissionKey.hasPrefix("org:sys_") { return permissionKey.hasSuffix(":manage") }
        return permissionKey.hasSuffix(":manage") || permissionKey.hasSuffix(":delete")
    }

    /// The privileged keys among a role resource's `permission_keys`, sorted.
    public static func privilegedKeys(of role: Resource) -> [String] {
        guard let keys = role.attributes["permission_keys"]?.arrayValue else { return [] }
        return keys.compactMap(\.stringValue).filter(isPrivileged).sorted()
    }
}
