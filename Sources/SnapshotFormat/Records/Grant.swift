import CanonicalJSON

/// An edge of the access graph: `principal` holds `entitlement`. Id is Baton's `<entitlement id>:<principal id>`.
public struct Grant: Sendable, Equatable {
    public var id: String
    public var entitlement: String
    /// `user:<id>` for membership grants, `role:<id>` for a role's permissions.
    public var principal: String
    public var source: Source

    /// Where the grant came from in Clerk, so a reviewer can trace it back.
    public struct Source: Sendable, Equatable {
        public var membershipID: String?
        public var roleKey: String?
        /// RFC 3339: when the membership was created.
        public var grantedAt: String?

        public init(membershipID: String? = nil, roleKey: String? = nil, grantedAt: String? = nil) {
            self.membershipID = membershipID
            self.roleKey = roleKey
            self.grantedAt = grantedAt
        }

        var json: JSONValue {
            var object = JSONObject()
            if let membershipID { object["membership_id"] = .string(membershipID) }
            if let roleKey { object["role_key"] = .string(roleKey) }
            if let grantedAt { object["granted_at"] = .string(grantedAt) }
            return .object(object)
        }

        init(json: JSONObject) throws(JSONFieldError) {
            membershipID = try json.optionalString("membership_id")
            roleKey = try json.optionalString("role_key")
            grantedAt = try json.optionalString("granted_at")
        }
    }

    public init(entitlement: String, principal: String, source: Source) {
        self.id = "\(entitlement):\(principal)"
        self.entitlement = entitlement
        self.principal = principal
        self.source = source
    }

    public var json: JSONValue {
        [
            "id": .string(id), "entitlement": .string(entitlement), "principal": .string(principal),
            "source": source.json,
        ]
    }

    public init(json: JSONObject) throws(JSONFieldError) {
        try RecordKind.grant.checkFields(json)
        id = try json.requiredString("id")
        entitlement = try json.requiredString("entitlement")
        principal = try json.requiredString("principal")
        source = try Source(json: try json.requiredObject("source"))
    }
}
