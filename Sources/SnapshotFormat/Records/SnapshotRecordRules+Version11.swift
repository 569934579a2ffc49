import CanonicalJSON
import ClerkModel

/// The rules on snapshot 1.1's records: access paths (ids by kind, principal shapes, statuses, the
/// organization, entitlement and user they name) and role set attributes (their roles exist). Both
/// readers run these very functions: an instance has a few paths and role sets per organization at most,
/// so `SnapshotIndexer` decodes them whole instead of restating the rules over bytes.
extension SnapshotRecordRules {
    /// The id prefix of each path kind: the Clerk object it comes from.
    static func idPrefix(of kind: AccessPath.Kind) -> String {
        switch kind {
        case .invitation: return "invitation:"
        case .domainEnrollment: return "organization_domain:"
        case .enterpriseSSO: return "enterprise_connection:"
        }
    }

    /// The statuses a path of `kind` may have.
    static func statuses(of kind: AccessPath.Kind) -> [String] {
        switch kind {
        case .invitation: return ["pending"]
        case .domainEnrollment: return ["unverified", "verified"]
        case .enterpriseSSO: return ["active", "inactive"]
        }
    }

    /// A path on its own: id by kind, principal by kind, status, `matching_user` only on invitations, and
    /// the value rules of its `source` table's fields.
    static func check(_ path: AccessPath) throws(JSONFieldError) {
        let kind = path.kind
        let prefix = idPrefix(of: kind)
        guard path.id.hasPrefix(prefix), ClerkID.isValid(String(path.id.dropFirst(prefix.count))) else {
            throw JSONFieldError(
                path: "id", problem: "\(JSONFieldError.quoted(path.id)) is not the id of a path of kind '\(kind.rawValue)': expected \(prefix)<clerk id>")
        }
        guard isPrincipal(path.principal, of: path) else {
            throw JSONFieldError(path: "principal", problem: "\(JSONFieldError.quoted(path.principal)) is not the principal of a path of kind '\(kind.rawValue)': expected \(principalShape(of: kind))")
        }
        guard statuses(of: kind).contains(path.status) else {
            throw JSONFieldError(
                path: "status", problem: "a path of kind '\(kind.rawValue)' has status \(statuses(of: kind).map { "'\($0)'" }.joined(separator: " or ")), not \(JSONFieldError.quoted(path.status))")
        }
        if path.matchingUser != nil, kind != .invitation {
            throw JSONFieldError(path: "matching_user", problem: "only an invitation path carries it")
        }
        do {
            try checkValues(path.source, kind.sourceKind)
        } catch {
            throw error.nested(under: "source")
        }
    }

    private static func principalShape(of kind: AccessPath.Kind) -> String {
        switch kind {
        case .invitation: return "email:<lower-cased address>"
        case .domainEnrollment: return "email_domain:<lower-cased domain name>"
        case .enterpriseSSO: return "the connection's own id"
        }
    }

    private static func isPrincipal(_ principal: String, of path: AccessPath) -> Bool {
        func lowerCased(after prefix: String) -> Bool {
            guard principal.hasPrefix(prefix) else { return false }
            let rest = principal.dropFirst(prefix.count)
            return !rest.isEmpty && rest == rest.lowercased() && !rest.contains(where: \.isWhitespace)
        }
        switch path.kind {
        case .invitation: return lowerCased(after: "email:") && principal.dropFirst(6).contains("@")
        case .domainEnrollment: return lowerCased(after: "email_domain:") && !principal.dropFirst(13).contains("@")
        case .enterpriseSSO: return principal == path.id
        }
    }

    /// The value rules of `kind`'s fields in `object` (Clerk ids, keys, timestamps with milliseconds), the
    /// types having been checked by `RecordKind.checkFields`; nested tables are checked by theirs.
    static func checkValues(_ object: JSONObject, _ kind: RecordKind) throws(JSONFieldError) {
        for field in kind.fields {
            guard let value = object[field.name], !value.isNull else { continue }
            switch field.value {
            case .clerkID:
                if let text = value.stringValue, !ClerkID.isValid(text) {
                    throw JSONFieldError(path: field.name, problem: "\(JSONFieldError.quoted(text)) is not a Clerk id: expected \(ClerkID.ruleDescription)")
                }
            case .key:
                if let text = value.stringValue, !ClerkKey.isValid(text) {
                    throw JSONFieldError(path: field.name, problem: "\(JSONFieldError.quoted(text)) is not a valid key: expected \(ClerkKey.ruleDescription)")
                }
            case .millisecondTimestamp:
                if let text = value.stringValue, !isMillisecondTimestamp(text) {
                    throw JSONFieldError(
                        path: field.name, problem: "\(JSONFieldError.quoted(text)) is not an RFC 3339 UTC timestamp with milliseconds within years 1970-9999")
                }
            case .object(let nested?) where !nested.isAttributes:
                if let inner = value.objectValue {
                    do {
                        try checkValues(inner, nested)
                    } catch {
                        throw error.nested(under: field.name)
                    }
                }
            default: break
            }
        }
    }

    /// A role set's attributes beyond their types: ids and keys by their rules, `role_ids` and `role_keys`
    /// sorted without repeats.
    static func checkRoleSet(_ resource: Resource) throws(JSONFieldError) {
        let attributes = resource.attributes
        do {
            try RecordKind.roleSetAttributes.checkFields(attributes)
            try checkValues(attributes, .roleSetAttributes)
        } catch {
            throw error.nested(under: "attributes")
        }
        for name in ["role_ids", "role_keys"] {
            let values = attributes[name]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard zip(values, values.dropFirst()).allSatisfy({ codePointPrecedes($0, $1) }) else {
                throw JSONFieldError(path: "attributes.\(name)", problem: "expected sorted names without repeats")
            }
        }
    }

    /// Each of a role set's `role_ids` is a listed role (`isRole` answers for a role resource id): the
    /// validator's message, nil when they all are.
    static func roleSetReferenceProblem(_ resource: Resource, isRole: (String) -> Bool) -> String? {
        for roleID in resource.attributes["role_ids"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !isRole(Resource.id(.role, roleID)) {
            return "role set \(JSONFieldError.shown(resource.id)) names role \(JSONFieldError.shown(roleID)), which is not a listed role"
        }
        return nil
    }

    /// What a path names exists: its organization a listed organization, its entitlement that
    /// organization's member or role entitlement, its matching user a listed user. The message is the
    /// validator's, at the path's record.
    static func checkReferences(
        _ path: AccessPath, resourceType: (String) -> Resource.Kind?, entitlement: (String) -> (kind: Entitlement.Kind, resource: String)?
    ) -> String? {
        let shown = JSONFieldError.shown(path.id)
        guard resourceType(path.organization) == .organization else {
            return "access path \(shown) leads into organization \(JSONFieldError.shown(path.organization)), which is not a listed organization"
        }
        guard let target = entitlement(path.entitlement) else {
            return "access path \(shown) leads to entitlement \(JSONFieldError.shown(path.entitlement)), which does not exist"
        }
        guard target.resource == path.organization, target.kind == .member || target.kind == .role else {
            return "access path \(shown) leads to \(JSONFieldError.shown(path.entitlement)), which is not a member or role entitlement of \(JSONFieldError.shown(path.organization))"
        }
        if let user = path.matchingUser, resourceType(user) != .user {
            return "access path \(shown) names matching user \(JSONFieldError.shown(user)), which is not a listed user"
        }
        return nil
    }

    /// The 1.1-only content of a resource, as the problem a file of `version` reports; nil when it fits.
    static func versionProblem(_ resource: Resource, in version: SnapshotLayout.Version) -> (field: String, message: String)? {
        guard version.allows(resource.type) else {
            return ("type", "a \(version.rawValue) snapshot cannot hold a resource of type '\(resource.type.rawValue)' (introduced in 1.1)")
        }
        for name in version.forbiddenAttributes(of: resource.type) where resource.attributes[name] != nil {
            return ("attributes.\(name)", "a \(version.rawValue) snapshot's \(resource.type.rawValue) has no \(name) (introduced in 1.1)")
        }
        return nil
    }

    /// The same for an entitlement.
    static func versionProblem(_ entitlement: Entitlement, in version: SnapshotLayout.Version) -> (field: String, message: String)? {
        guard version.allows(entitlement.kind) else {
            return ("kind", "a \(version.rawValue) snapshot cannot hold an entitlement of kind '\(entitlement.kind.rawValue)' (introduced in 1.1)")
        }
        return nil
    }
}
