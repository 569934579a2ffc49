/// A session as the fake server knows it; rendered as Clerk's `Session` object. Timestamps are Unix
/// milliseconds.
public struct FakeSession: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var clientID: String
    /// `active`, `ended`, `revoked`, `expired`, ... (the spec's `Session.status`).
    public var status: String
    public var lastActiveAt: Int64
    public var createdAt: Int64

    public init(id: String, userID: String, clientID: String, status: String, lastActiveAt: Int64, createdAt: Int64) {
        self.id = id
        self.userID = userID
        self.clientID = clientID
        self.status = status
        self.lastActiveAt = lastActiveAt
        self.createdAt = createdAt
    }
}

/// Sessions for generated users, from a random stream of their own, so a seed's other objects stay as they
/// were. Most users have none or a few; about half the banned or locked users keep an active session (what
/// `active_session_blocked_user` is about); the first `manySessionsUsers` users by id that are neither banned nor locked have over 500 active, to
/// exercise paging.
enum SessionGenerator {
    static let statuses = ["active", "ended", "revoked", "expired", "removed", "abandoned", "replaced"]

    static func make(users: [FakeUser], seed: UInt64, manySessionsUsers: Int) -> [FakeSession] {
        var random = SeededRandom(seed: SeededRandom.mix(seed ^ 0x5E55_1045))
        var sessions: [FakeSession] = []
        var many = manySessionsUsers
        for user in users.sorted(by: { $0.id < $1.id }) {
            let count = random.below(4)
            var active = 0
            if user.banned || user.locked, random.chance(0.5) { active = 1 + random.below(2) }
            if many > 0, !user.banned, !user.locked {
                many -= 1
                active = 501 + random.below(40)
            }
            for index in 0..<(count + active) {
                let created = user.createdAt + random.below(max(1, TenantGenerator.epochNow - user.createdAt))
                let lastActive = created + random.below(max(1, TenantGenerator.epochNow - created))
                let status = index < active ? "active" : random.pick(statuses)
                let suffix = "\(user.id.dropFirst("user_".count))_\(index)"
                sessions.append(
                    FakeSession(
                        id: "sess_" + suffix, userID: user.id, clientID: "client_" + suffix, status: status,
                        lastActiveAt: lastActive, createdAt: created))
            }
        }
        return sessions.sorted { TenantGenerator.isListedBefore($0.createdAt, $0.id, $1.createdAt, $1.id) }
    }
}
