import CanonicalJSON

/// A machine (`GET /v1/machines`) with the machines it may call (`scoped_machines`): machine-to-machine
/// access that no user membership shows.
public struct ClerkMachine: Sendable, Equatable {
    /// A machine as another machine's scope embeds it.
    public struct Scoped: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var id: String
    public var name: String
    public var createdAt: Int64
    /// Seconds; absent means Clerk's default.
    public var defaultTokenTTL: Int64?
    /// The machines this one may call.
    public var scopedMachines: [Scoped]

    public init(id: String, name: String, createdAt: Int64 = 0, defaultTokenTTL: Int64? = nil, scopedMachines: [Scoped] = []) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.defaultTokenTTL = defaultTokenTTL
        self.scopedMachines = scopedMachines
    }

    /// The members `init(json:)` reads: a page is parsed keeping only these (`ClerkCollection.pageKeys`).
    public static let jsonKeys: Set<String> = ["id", "name", "created_at", "default_token_ttl", "scoped_machines"]

    public init(json: JSONObject) throws(JSONFieldError) {
        id = try json.requiredClerkID("id")
        name = try json.requiredString("name")
        createdAt = try json.requiredTimestamp("created_at")
        defaultTokenTTL = try json.optionalCount("default_token_ttl")
        scopedMachines = try json.objects("scoped_machines") { (object) throws(JSONFieldError) in
            Scoped(id: try object.requiredClerkID("id"), name: try object.requiredString("name"))
        }
    }
}
