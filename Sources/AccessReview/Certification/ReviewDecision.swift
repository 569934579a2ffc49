/// What a reviewer decided about one membership: the `decision` cell of a workbook row.
public enum ReviewDecision: Sendable, Equatable, Hashable {
    case keep
    case revoke
    /// Keep the membership with another role, named by its key (`change:org:member`).
    case change(roleKey: String)

    /// The cell's decision: `keep`, `revoke` or `change:<role key>`, the word in any case, spaces around
    /// it ignored; nil for anything else (an empty cell is no decision, which the caller tells apart).
    public init?(cell: String) {
        let text = cell.trimmingSpaces
        let lowered = text.lowercased()
        if lowered == "keep" {
            self = .keep
        } else if lowered == "revoke" {
            self = .revoke
        } else if lowered.hasPrefix("change:") {
            let key = String(text.dropFirst("change:".count)).trimmingSpaces
            guard !key.isEmpty else { return nil }
            self = .change(roleKey: key)
        } else {
            return nil
        }
    }

    /// The kinds of decision, as the record's `decision` member names them.
    public enum Verb: String, Sendable, CaseIterable {
        case keep
        case revoke
        case change
    }

    /// Keep, revoke or change.
    public var verb: Verb {
        switch self {
        case .keep: return .keep
        case .revoke: return .revoke
        case .change: return .change
        }
    }

    /// The role key a change leads to; nil for keep and revoke.
    public var targetRoleKey: String? {
        if case .change(let key) = self { return key }
        return nil
    }

    /// As a workbook cell spells it: `keep`, `revoke`, `change:org:member`.
    public var cell: String { targetRoleKey.map { "change:\($0)" } ?? verb.rawValue }
}
