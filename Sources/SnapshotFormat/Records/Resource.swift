import CanonicalJSON

/// A node of the access graph: a user, organization, role, permission, role set or machine.
public struct Resource: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case user
        case organization
        case role
        case permission
        /// A role set (snapshot 1.1): which roles the organizations using it offer.
        case roleSet = "role_set"
        /// A machine (snapshot 1.1), which other machines' scopes let call it.
        case machine
    }

    /// `<type>:<clerk id>`, e.g. `user:user_2abc`.
    public var id: String
    public var type: Kind
    public var clerkID: String
    public var displayName: String
    /// Type-specific facts (email, banned, slug, permission ids, ...); see `schemas/snapshot.v1.schema.json`.
    public var attributes: JSONObject

    public init(type: Kind, clerkID: String, displayName: String, attributes: JSONObject) {
        self.id = Resource.id(type, clerkID)
        self.type = type
        self.clerkID = clerkID
        self.displayName = displayName
        self.attributes = attributes
    }

    public static func id(_ type: Kind, _ clerkID: String) -> String { "\(type.rawValue):\(clerkID)" }

    /// The Clerk id of a `<type>:<clerk id>` resource id (the id itself when it holds no type).
    public static func clerkID(of id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    public var json: JSONValue {
        [
            "id": .string(id), "type": .string(type.rawValue), "clerk_id": .string(clerkID),
            "display_name": .string(displayName), "attributes": .object(attributes),
        ]
    }

    public init(json: JSONObject) throws(JSONFieldError) {
        try RecordKind.resource.checkFields(json)
        id = try json.requiredString("id")
        let typeName = try json.requiredString("type")
        guard let kind = Kind(rawValue: typeName) else {
            throw JSONFieldError(path: "type", problem: "unknown resource type '\(typeName)'")
        }
        type = kind
        clerkID = try json.requiredString("clerk_id")
        displayName = try json.requiredString("display_name")
        attributes = try json.requiredObject("attributes")
    }

    public func string(_ attribute: String) -> String? { attributes[attribute]?.stringValue }
    public func bool(_ attribute: String) -> Bool? { attributes[attribute]?.boolValue }
}
