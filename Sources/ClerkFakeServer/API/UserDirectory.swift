/// The users as the list endpoint sees them. Stored oldest first so that inserting the newest users is an
/// append and a user's stored position never changes, which keeps cursor lookups a dictionary read.
struct UserDirectory: Sendable {
    private var oldestFirst: [FakeUser]
    private var positionByID: [String: Int]

    init(_ users: [FakeUser]) {
        oldestFirst = TenantCatalog.inListOrder(users) { ($0.createdAt, $0.id) }.reversed()
        positionByID = Dictionary(minimumCapacity: users.count)
        for (position, user) in oldestFirst.enumerated() { positionByID[user.id] = position }
    }

    var count: Int { oldestFirst.count }

    var newestFirst: [FakeUser] { oldestFirst.reversed() }

    func page(_ window: ListWindow) -> [FakeUser] {
        window.range(in: oldestFirst.count).map { oldestFirst[oldestFirst.count - 1 - $0] }
    }

    /// The users listed after `userID`, or nil when no such user exists.
    func page(after userID: String, limit: Int) -> [FakeUser]? {
        guard let position = positionByID[userID] else { return nil }
        return stride(from: position - 1, through: max(0, position - limit), by: -1).map { oldestFirst[$0] }
    }

    /// `users` must be newest first and newer than every user already listed.
    mutating func insertNewest(_ users: [FakeUser]) {
        for user in users.reversed() {
            positionByID[user.id] = oldestFirst.count
            oldestFirst.append(user)
        }
    }
}
