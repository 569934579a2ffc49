import OutputEscaping

/// How a membership's role is shown: its key, its name when resolved, and a flag when not.
enum RoleLabel {
    /// For a terminal: key and name escaped.
    static func plain(_ membership: Membership, index: AccessIndex) -> String {
        let key = TerminalText.escape(membership.roleKey ?? "(no role)")
        guard let role = membership.role else { return "\(key) (unresolved)" }
        return "\(key) (\(TerminalText.escape(index.displayName(role))))"
    }

    /// For a Markdown table cell.
    static func markdown(_ membership: Membership, index: AccessIndex) -> String {
        let key = MarkdownText.code(membership.roleKey ?? "(no role)", inTable: true)
        guard let role = membership.role else { return "\(key) **unresolved**" }
        return "\(key) \(MarkdownText.escape(index.displayName(role)))"
    }
}
