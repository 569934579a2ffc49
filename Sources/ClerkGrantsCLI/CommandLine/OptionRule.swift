/// A rule between two options of one command, declared beside the options and checked after parsing.
enum OptionRule: Sendable {
    /// The two cannot be given together; `reason`, if any, says why.
    case exclusive(OptionDeclaration, OptionDeclaration, reason: String? = nil)
    /// The first is only meaningful with the second (with the second set to `value`, when given).
    case requires(OptionDeclaration, OptionDeclaration, value: String? = nil)
    /// The first is only meaningful with the second set to one of `values`.
    case requiresOneOf(OptionDeclaration, OptionDeclaration, values: [String])

    /// The message when the rule is broken by `arguments`, or nil when it holds.
    func violation(in arguments: ParsedArguments) -> String? {
        switch self {
        case .exclusive(let first, let second, let reason):
            guard arguments.isGiven(first), arguments.isGiven(second) else { return nil }
            return "\(first.name) and \(second.name) cannot be combined" + (reason.map { " (\($0))" } ?? "")
        case .requires(let dependent, let required, let value):
            guard arguments.isGiven(dependent) else { return nil }
            if let value {
                if arguments.text(required) == value { return nil }
                return "\(dependent.name) only applies to \(required.name) \(value)"
            }
            if arguments.isGiven(required) { return nil }
            return "\(dependent.name) only applies to \(required.label)"
        case .requiresOneOf(let dependent, let required, let values):
            guard arguments.isGiven(dependent), !values.contains(where: { arguments.text(required) == $0 }) else { return nil }
            return "\(dependent.name) only applies to \(required.name) \(values.joined(separator: " or "))"
        }
    }
}
