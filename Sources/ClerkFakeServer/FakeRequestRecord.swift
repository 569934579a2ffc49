/// One request as the server saw it, kept so tests can check what a client sent (including that a secret
/// key went only into the `Authorization` header) and how it was answered.
public struct FakeRequestRecord: Sendable, Equatable {
    /// One header line as received: name in its original case, value with surrounding blanks trimmed.
    public struct HeaderField: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Arrival order, from 1.
    public var sequence: Int
    public var method: String
    /// The path as sent, without the query (`/v1/organizations/org_2.../memberships`).
    public var path: String
    /// The raw query after `?`, still percent-encoded; empty when there was none.
    public var query: String
    /// Nil when the connection was dropped without an answer.
    public var status: Int?
    public var fault: FakeFault?
    public var headers: [HeaderField]

    /// The raw `Authorization` value, for leak checks.
    public var authorization: String? {
        headers.first { $0.name.lowercased() == "authorization" }?.value
    }
}
