/// A machine and the machines it may call. A scope names a machine by id and name, as Clerk embeds it; one
/// whose id the tenant does not list is a dangling scope (a machine deleted after being scoped).
public struct FakeMachine: Sendable, Equatable {
    public struct Scope: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var id: String
    public var name: String
    public var defaultTokenTTL: Int
    public var scopes: [Scope]
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: String, name: String, defaultTokenTTL: Int, scopes: [Scope], createdAt: Int64, updatedAt: Int64) {
        self.id = id
        self.name = name
        self.defaultTokenTTL = defaultTokenTTL
        self.scopes = scopes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
