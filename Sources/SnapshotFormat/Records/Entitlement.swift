import CanonicalJSON

/// Something that can be granted: membership of an organization, a role in an organization, or a
/// permission (granted to roles). Ids follow Baton's `<resource id>:<slug>` convention.
public struct Entitlement: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case member
        case role
        case permission
        /// Calling a machine (snapshot 1.1), granted to the machines whose scope names it.
        case access
    }

    public enum Purpose: String, Sendable, CaseIterable {
        case assignment
        case permission
    }

    public var id: String
    /// The id of the resource the entitlement belongs to (`organization:org_1`, `permission:perm_1`).
    public var resource: String
    public var kind: Kind
    public var slug: String
    public var purpose: Purpose
    public var grantableTo: [Resource.Kind]
    public var displayName: String
    /// For role entitlements: the role's resource id and key.
    public var role: String?
    public var roleKey: String?

    public init(
        resource: String, kind: Kind, slug: String, purpose: Purpose, grantableTo: [Resource.Kind],
        displayName: String, role: String? = nil, roleKey: String? = nil
    ) {
        self.id = "\(resource):\(slug)"
        self.resource = resource
        self.kind = kind
        self.slug = slug
        self.purpose = purpose
        self.grantableTo = grantableTo
        self.displayName = displayName
        self.role = role
        self.roleKey = roleKey
    }

    public static func memberID(organization clerkID: String) -> String { "organization:\(clerkID):member" }
    public static func roleID(organization clerkID: String, role roleClerkID: String) -> String {
        "organization:\(clerkID):role:\(roleClerkID)"
    }
    public static func permissionID(permission clerkID: String) -> String { "permission:\(clerkID):granted" }
    public static func accessID(machine clerkID: String) -> String { "machine:\(clerkID):access" }

    public var json: JSONValue {
        var object: JSONObject = JSONObject([
            (key: "id", value: .string(id)), (key: "resource", value: .string(resource)),
            (key: "kind", value: .string(kind.rawValue)), (key: "slug", value: .string(slug)),
            (key: "purpose", value: .string(purpose.rawValue)),
            (key: "grantable_to", value: .array(grantableTo.map { .string($0.rawValue) })),
            (key: "display_name", value: .string(displayName)),
        ])
        if let role { object["role"] = .string(role) }
        if let roleKey { object["role_key"] = .string(roleKey) }
        return .object(object)
    }

    public init(json: JSONObject) throws(JSONFieldError) {
        try RecordKind.entitlement.checkFields(json)
        id = try json.requiredString("id")
        resource = try json.requiredString("resource")
        let kindName = try json.requiredString("kind")
        guard let kind = Kind(rawValue: kindName) else {
            throw JSONFieldError(path: "kind", problem: "unknown entitlement kind '\(kindName)'")
        }
        self.kind = kind
        slug = try json.requiredString("slug")
        let purposeName = try json.requiredString("purpose")
        guard let purpose = Purpose(rawValue: purposeName) else {
            throw JSONFieldError(path: "purpose", problem: "unknown purpose '\(purposeName)'")
        }
        self.purpose = purpose
        var grantable: [Resource.Kind] = []
        for value in try json.requiredArray("grantable_to") {
            guard let name = value.stringValue, let type = Resource.Kind(rawValue: name) else {
                throw JSONFieldError(path: "grantable_to", problem: "expected resource type names")
            }
            grantable.append(type)
        }
        grantableTo = grantable
        displayName = try json.requiredString("display_name")
        role = try json.optionalString("role")
        roleKey = try json.optionalString("role_key")
    }
}

extension Entitlement.Kind {
    /// The purpose the schema fixes for the kind.
    public var purpose: Entitlement.Purpose { self == .permission ? .permission : .assignment }
    /// The one resource type that may hold the kind.
    public var grantee: Resource.Kind {
        switch self {
        case .member, .role: return .user
        case .permission: return .role
        case .access: return .machine
        }
    }
}
