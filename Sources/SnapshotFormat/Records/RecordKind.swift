import CanonicalJSON
import ClerkModel

/// The fields of each kind of snapshot record, declared once, in the file's key order (code-point order of
/// the names). The decoders (`init(json:)` of `Resource`, `Entitlement`, `Grant`, and the diagnostics')
/// check presence, JSON types and enumerations from these tables, and through them `SnapshotValidator`;
/// `SnapshotRecordRules` takes the rule-bearing attributes from them; the encoders keep their specialised
/// code and `SnapshotIndexer` its byte readers, and both are held to these tables by `RecordKindTests`.
/// Adding a field is one edit here, the field's model property and its writer, plus tests.
public enum RecordKind: CaseIterable, Sendable {
    case resource, entitlement, grant, grantSource, diagnostic
    /// A resource's `attributes`, one kind per resource type.
    case userAttributes, organizationAttributes, roleAttributes, permissionAttributes, roleSetAttributes, machineAttributes
    /// A role set's `migration`, when one is in flight.
    case roleSetMigration
    /// Snapshot 1.1: an access path, and its `source` per path kind.
    case accessPath, invitationSource, domainSource, enterpriseSSOSource

    /// The user attributes only the users of an `export --sessions` scope carry (snapshot 1.1).
    public static let sessionAttributes: Set<String> = ["active_sessions", "active_sessions_last_active_at"]

    /// The fields a record of this kind may hold, in key order.
    public var fields: [RecordField] {
        switch self {
        case .resource:
            return [
                .init("attributes", .object(nil)), .init("clerk_id", .clerkID), .init("display_name", .string),
                .init("id", .recordID), .init("type", .choice(Resource.Kind.allCases.map(\.rawValue), naming: "resource type")),
            ]
        case .entitlement:
            return [
                .init("display_name", .string),
                // Only a type some kind of entitlement is granted to; which one each kind takes is a rule.
                .init("grantable_to", .choiceList(grantees, naming: "the names of grantee types (\(grantees.joined(separator: ", ")))")),
                .init("id", .recordID), .init("kind", .choice(Entitlement.Kind.allCases.map(\.rawValue), naming: "entitlement kind")),
                .init("purpose", .choice(Entitlement.Purpose.allCases.map(\.rawValue), naming: "purpose")),
                .init("resource", .recordID), .init("role", .recordID, .optional), .init("role_key", .key, .optional),
                .init("slug", .string),
            ]
        case .grant:
            return [.init("entitlement", .recordID), .init("id", .recordID), .init("principal", .recordID), .init("source", .object(.grantSource))]
        case .grantSource:
            return [.init("granted_at", .timestamp, .optional), .init("membership_id", .clerkID, .optional), .init("role_key", .key, .optional)]
        case .diagnostic:
            return [
                .init("code", .string), .init("message", .string),
                .init("severity", .choice(Diagnostic.Severity.allCases.map(\.rawValue), naming: "severity")), .init("subject", .string),
            ]
        case .userAttributes:
            return [
                // Snapshot 1.1, only for users in an `export --sessions` scope.
                .init("active_sessions", .count, .optional),
                .init("active_sessions_last_active_at", .millisecondTimestamp, .optionalNullable),
                .init("banned", .bool), .init("created_at", .millisecondTimestamp, .nullable), .init("email_verified", .bool),
                .init("first_name", .string, .nullable), .init("in_user_list", .bool),
                .init("last_active_at", .millisecondTimestamp, .nullable), .init("last_name", .string, .nullable),
                .init("last_sign_in_at", .millisecondTimestamp, .nullable), .init("locked", .bool),
                .init("primary_email", .string, .nullable), .init("two_factor_enabled", .bool), .init("username", .string, .nullable),
            ]
        case .organizationAttributes:
            return [
                .init("created_at", .millisecondTimestamp), .init("in_organization_list", .bool),
                // Snapshot 1.1: the names of the organization's `manual_invitation` domains (no access path).
                .init("manual_invitation_domains", .stringList, .optional),
                .init("members_count", .count, .nullable), .init("name", .string), .init("role_set_key", .string, .nullable),
                .init("slug", .string),
            ]
        case .roleAttributes:
            return [
                .init("description", .string, .nullable), .init("key", .key), .init("name", .string),
                .init("permission_ids", .stringList), .init("permission_keys", .stringList),
            ]
        case .permissionAttributes:
            return [.init("description", .string, .nullable), .init("key", .key), .init("name", .string), .init("type", .string)]
        case .roleSetAttributes:
            return [
                .init("created_at", .millisecondTimestamp), .init("creator_role_id", .clerkID, .nullable),
                .init("default_role_id", .clerkID, .nullable), .init("key", .key),
                .init("migration", .object(.roleSetMigration), .nullable), .init("name", .string),
                .init("role_ids", .stringList), .init("role_keys", .stringList),
                .init("type", .string),
            ]
        case .roleSetMigration:
            return [
                .init("destination_role_set_id", .clerkID, .nullable), .init("source_role_set_id", .clerkID),
                .init("status", .string), .init("trigger", .string),
            ]
        case .machineAttributes:
            return [.init("created_at", .millisecondTimestamp), .init("default_token_ttl", .count, .nullable), .init("name", .string)]
        case .accessPath:
            return [
                .init("entitlement", .recordID), .init("id", .recordID),
                .init("kind", .choice(AccessPath.Kind.allCases.map(\.rawValue), naming: "access path kind")),
                .init("matching_user", .recordID, .optional), .init("organization", .recordID), .init("principal", .string),
                .init("source", .object(nil)), .init("status", .string),
            ]
        case .invitationSource:
            return [
                .init("created_at", .millisecondTimestamp), .init("email_address", .string),
                .init("expires_at", .millisecondTimestamp, .nullable), .init("inviter", .recordID, .nullable),
                .init("role_key", .key), .init("role_name", .string, .nullable),
            ]
        case .domainSource:
            return [
                .init("created_at", .millisecondTimestamp), .init("default_role_key", .key, .nullable),
                .init("enrollment_mode", .string), .init("name", .string), .init("total_pending_invitations", .count),
                .init("total_pending_suggestions", .count), .init("verified", .bool),
            ]
        case .enterpriseSSOSource:
            return [
                .init("active", .bool), .init("allow_organization_account_linking", .bool), .init("created_at", .millisecondTimestamp),
                .init("default_role_key", .key, .nullable), .init("domains", .stringList), .init("name", .string),
                .init("provider", .string),
            ]
        }
    }

    /// The resource types an entitlement can be granted to, in `Resource.Kind` order.
    private var grantees: [String] {
        Resource.Kind.allCases.filter { type in Entitlement.Kind.allCases.contains { $0.grantee == type } }.map(\.rawValue)
    }

    /// The kind of a resource type's `attributes`.
    public static func attributes(of type: Resource.Kind) -> RecordKind {
        switch type {
        case .user: return .userAttributes
        case .organization: return .organizationAttributes
        case .role: return .roleAttributes
        case .permission: return .permissionAttributes
        case .roleSet: return .roleSetAttributes
        case .machine: return .machineAttributes
        }
    }

    /// Presence, JSON type and enumeration of every declared field of `object`, first failure thrown, in
    /// the decoders' words (`required field is missing`, `expected string or null, found number`). Value
    /// rules (ids, keys, timestamps) are `SnapshotRecordRules`' business; a name not declared is ignored,
    /// as a later minor version may add optional content. Attribute kinds are not checked here: a
    /// snapshot's attributes are checked only by the rules on the fields that carry one.
    package func checkFields(_ object: JSONObject) throws(JSONFieldError) {
        for field in fields {
            guard let value = object[field.name] else {
                if field.presence.mayBeAbsent { continue }
                throw JSONFieldError(path: field.name, problem: "required field is missing")
            }
            if value.isNull {
                if field.presence == .required {
                    throw JSONFieldError(path: field.name, problem: "expected \(field.value.jsonType), found null")
                }
                continue
            }
            try field.check(value)
        }
    }

    /// Names of the attributes holding a timestamp with milliseconds, over every resource type.
    static let millisecondTimestampAttributes: [String] = {
        var names: [String] = []
        for kind in Resource.Kind.allCases.map(attributes(of:)) {
            for field in kind.fields where field.value == .millisecondTimestamp && !names.contains(field.name) {
                names.append(field.name)
            }
        }
        return names
    }()

    /// Names of the attributes holding a count, over every resource type.
    static let countAttributes: [String] = Array(Set(Resource.Kind.allCases.flatMap { type in
        attributes(of: type).fields.filter { $0.value == .count }.map(\.name)
    })).sorted()
}

/// One field of a snapshot record: its JSON name, what its value is, and whether it must be there.
public struct RecordField: Sendable, Equatable {
    /// What a field's value is: its JSON type and the rule its text follows.
    public enum Value: Sendable, Equatable {
        /// Any string.
        case string
        /// A record's id or a reference to one (`<type>:<clerk id>`, `<resource>:<slug>`,
        /// `<entitlement>:<principal>`), checked against its parts and the records it names.
        case recordID
        /// A string in `ClerkID`'s alphabet.
        case clerkID
        /// A role or permission key (`ClerkKey`).
        case key
        /// An RFC 3339 UTC timestamp within years 1970-9999, any fraction.
        case timestamp
        /// The same with exactly three fractional digits, as the tool writes Clerk's times.
        case millisecondTimestamp
        /// One of `names`; `naming` says what they are in an error.
        case choice([String], naming: String)
        /// An array whose members are each one of `names`.
        case choiceList([String], naming: String)
        /// An array of strings.
        case stringList
        /// `true` or `false`.
        case bool
        /// A whole number from 0.
        case count
        /// An object, with its own table when it has one (`attributes` depend on the resource type).
        case object(RecordKind?)

        /// The JSON type's name as `JSONValue.typeName` gives it.
        var jsonType: String {
            switch self {
            case .string, .recordID, .clerkID, .key, .timestamp, .millisecondTimestamp, .choice: return "string"
            case .choiceList, .stringList: return "array"
            case .bool: return "boolean"
            case .count: return "integer"
            case .object: return "object"
            }
        }
    }

    /// Whether a record must carry the field.
    public enum Presence: Sendable, Equatable {
        /// Present and never null.
        case required
        /// Absent, null, or a value.
        case optional
        /// Present, null or a value (the writer always writes it).
        case nullable
        /// Absent, or present as null or a value: an attribute only some records carry, null when it holds
        /// nothing (`active_sessions_last_active_at` of a user in the session scope without a session).
        case optionalNullable

        /// Whether a record may leave the field out.
        public var mayBeAbsent: Bool { self == .optional || self == .optionalNullable }

        /// Whether the published schema lets it be null (`optional` fields the writer never writes as null).
        public var isNullableInSchema: Bool { self == .nullable || self == .optionalNullable }
    }

    /// The field's key in the record's JSON object.
    public let name: String
    /// What the field holds.
    public let value: Value
    /// Whether a record must carry it.
    public let presence: Presence

    init(_ name: String, _ value: Value, _ presence: Presence = .required) {
        self.name = name
        self.value = value
        self.presence = presence
    }

    /// The JSON type and enumeration of a non-null value.
    func check(_ json: JSONValue) throws(JSONFieldError) {
        let expected = presence == .required ? value.jsonType : "\(value.jsonType) or null"
        let mismatch = JSONFieldError(path: name, problem: "expected \(expected), found \(json.typeName)")
        switch value {
        case .string, .recordID, .clerkID, .key, .timestamp, .millisecondTimestamp:
            guard json.stringValue != nil else { throw mismatch }
        case .choice(let names, let naming):
            guard let text = json.stringValue else { throw mismatch }
            guard names.contains(text) else {
                throw JSONFieldError(path: name, problem: "unknown \(naming) '\(text)'")
            }
        case .choiceList(let names, let naming):
            guard let elements = json.arrayValue else { throw mismatch }
            for element in elements {
                guard let text = element.stringValue, names.contains(text) else {
                    throw JSONFieldError(path: name, problem: "expected \(naming)")
                }
            }
        case .stringList:
            guard let elements = json.arrayValue else { throw mismatch }
            guard elements.allSatisfy({ $0.stringValue != nil }) else { throw JSONFieldError(path: name, problem: "expected strings") }
        case .bool:
            guard json.boolValue != nil else { throw mismatch }
        case .count:
            guard case .int(let number) = json, number >= 0 else { throw mismatch }
        case .object(let kind):
            guard let object = json.objectValue else { throw mismatch }
            guard let kind, !kind.isAttributes else { return }
            do {
                try kind.checkFields(object)
            } catch {
                throw error.nested(under: name)
            }
        }
    }
}

extension RecordKind {
    var isAttributes: Bool {
        switch self {
        case .userAttributes, .organizationAttributes, .roleAttributes, .permissionAttributes, .roleSetAttributes,
            .machineAttributes:
            return true
        default: return false
        }
    }
}
