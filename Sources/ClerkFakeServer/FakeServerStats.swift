/// What the server has done since it started; read it through `FakeClerkServer.stats`.
public struct FakeServerStats: Sendable, Equatable {
    public var totalRequests = 0
    /// Keyed by route: `/v1/users`, `/v1/users/count`, ..., with organization ids written as
    /// `/v1/organizations/{organization_id}/memberships` so the key set stays small. Unknown paths appear as sent.
    public var requestsByPath: [String: Int] = [:]
    public var unauthorized = 0
    /// 429 answers sent.
    public var rateLimited = 0
    public var serverErrorsInjected = 0
    public var truncatedBodies = 0
    public var malformedBodies = 0
    public var droppedConnections = 0
    /// Status lines, headers and bodies handed to sockets; an answer cut off by a client hanging up counts
    /// in full.
    public var bytesSent = 0
    public var usersInserted = 0

    public init() {}

    /// Injected faults of every kind; 401 and 429 answers are behavior, not faults, and are not counted.
    public var faultsInjected: Int {
        serverErrorsInjected + truncatedBodies + malformedBodies + droppedConnections
    }
}
