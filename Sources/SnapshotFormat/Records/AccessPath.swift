import CanonicalJSON

/// A way to gain access that is not yet a grant (snapshot 1.1 `access_paths`): a pending invitation, a
/// domain whose enrollment lets anyone with a matching email join, an enterprise SSO connection linking an
/// identity provider's accounts into an organization. Kept apart from `grants`, so whoever counts grants
/// counts current access only.
public struct AccessPath: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case invitation
        case domainEnrollment = "domain_enrollment"
        case enterpriseSSO = "enterprise_sso"
    }

    /// `invitation:<id>`, `organization_domain:<id>` or `enterprise_connection:<id>`.
    public var id: String
    public var kind: Kind
    /// The organization's resource id.
    public var organization: String
    /// The role entitlement the path leads to, or the member entitlement when the role cannot be resolved.
    public var entitlement: String
    /// Who can take the path: `email:<lower-cased address>`, `email_domain:<name>`, `enterprise_connection:<id>`.
    public var principal: String
    /// `pending` (invitation), the domain's verification status, `active`/`inactive` (connection).
    public var status: String
    /// For an invitation: the listed user whose primary email is the invited address.
    public var matchingUser: String?
    /// The Clerk fields an auditor needs, per kind (`RecordKind.invitationSource` and its siblings).
    public var source: JSONObject

    public init(
        id: String, kind: Kind, organization: String, entitlement: String, principal: String, status: String,
        matchingUser: String? = nil, source: JSONObject
    ) {
        self.id = id
        self.kind = kind
        self.organization = organization
        self.entitlement = entitlement
        self.principal = principal
        self.status = status
        self.matchingUser = matchingUser
        self.source = source
    }

    public init(json: JSONObject) throws(JSONFieldError) {
        try RecordKind.accessPath.checkFields(json)
        id = try json.requiredString("id")
        let kindName = try json.requiredString("kind")
        guard let kind = Kind(rawValue: kindName) else {
            throw JSONFieldError(path: "kind", problem: "unknown access path kind '\(kindName)'")
        }
        self.kind = kind
        organization = try json.requiredString("organization")
        entitlement = try json.requiredString("entitlement")
        principal = try json.requiredString("principal")
        status = try json.requiredString("status")
        matchingUser = try json.optionalString("matching_user")
        source = try json.requiredObject("source")
        do {
            try kind.sourceKind.checkFields(source)
        } catch {
            throw error.nested(under: "source")
        }
    }

    public var json: JSONValue {
        var writer = CanonicalJSONWriter()
        writer.writeRecord(self)
        // The bytes were just written by the record writer: failing to read them back is a bug.
        guard let value = try? JSONParser.parse(writer.bytes) else { preconditionFailure("an access path record does not read back") }
        return value
    }
}

extension AccessPath.Kind {
    /// The field table of `source` for this kind.
    public var sourceKind: RecordKind {
        switch self {
        case .invitation: return .invitationSource
        case .domainEnrollment: return .domainSource
        case .enterpriseSSO: return .enterpriseSSOSource
        }
    }
}
