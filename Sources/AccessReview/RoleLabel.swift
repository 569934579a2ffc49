/// How a membership's role is shown: its key, its name when resolved, and a flag when not.
enum RoleLabel {
    static func plain(_ membership: Membership, index: AccessIndex) -> String {
        let key = membership.roleKey ?? "(no role)"
        guard let role = membership.role else { return "\(key) (unresolved)" }
        return "\(key) (\(index.displayName(role)))"
    }

    static func markdown(_ membership: Membership, index: AccessIndex) -> String {
        let key = TextEscaping.markdownCode(membership.roleKey ?? "(no role)")
        guard let role = membership.role else { return "\(key) **unresolved**" }
        return "\(key) \(TextEscaping.markdown(index.displayName(role)))"
    }
}
