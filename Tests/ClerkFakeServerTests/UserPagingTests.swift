import Foundation
import Testing

@testable import ClerkFakeServer

@Suite("GET /v1/users paging")
struct UserPagingTests {
    @Test func offsetPagingReadsEveryUserOnceInOrder() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let ids = try await client.readUsersByOffset(limit: 100)
            #expect(ids == TestTenants.medium.users.map(\.id))
        }
    }

    @Test func cursorPagingReadsEveryUserOnceInOrder() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let ids = try await client.readUsersByCursor(limit: 100)
            #expect(ids == TestTenants.medium.users.map(\.id))
        }
    }

    @Test(arguments: [(limit: "501", expected: 10), ("0", 10), ("-3", 10), ("100000", 10), ("500", 500), ("1", 1)])
    func outOfRangeLimitGivesADefaultPage(limit: String, expected: Int) async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let answer = try await client.get("/v1/users?limit=\(limit)")
            #expect(answer.status == 200)
            #expect(try answer.users().count == expected)
        }
    }

    @Test func noLimitGivesTen() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let page = try await client.get("/v1/users")
            #expect(try page.users().count == 10)
        }
    }

    @Test func countIsTheNumberOfUsers() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let object = try #require(try await client.get("/v1/users/count").json() as? [String: Any])
            #expect(object["object"] as? String == "total_count")
            #expect(object["total_count"] as? Int == 1_234)
        }
    }

    @Test func cursorWithNonZeroOffsetIs422() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let first = TestTenants.medium.users[0].id
            let answer = try await client.get("/v1/users?starting_after=\(first)&offset=5")
            #expect(answer.status == 422)
            #expect(try answer.errorCode() == "form_param_value_invalid")
            #expect(try await client.get("/v1/users?starting_after=\(first)&offset=0").status == 200)
        }
    }

    @Test func cursorNamingNoUserIs422() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let answer = try await client.get("/v1/users?starting_after=user_doesnotexist")
            #expect(answer.status == 422)
            #expect(try answer.errorCode() == "form_param_value_invalid")
        }
    }

    @Test func cursorAfterTheLastUserIsAnEmptyPage() async throws {
        try await withFakeServer(TestTenants.medium) { _, client in
            let last = TestTenants.medium.users.last!.id
            let page = try await client.get("/v1/users?starting_after=\(last)")
            #expect(try page.users().isEmpty)
        }
    }

    @Test func ignoredCursorAnswersTheFirstPageAgain() async throws {
        try await withFakeServer(TestTenants.medium, behavior: FakeServerBehavior(ignoreUserCursor: true)) {
            _, client in
            let users = TestTenants.medium.users
            let answer = try await client.get("/v1/users?limit=5&starting_after=\(users[4].id)&offset=0")
            #expect(try answer.users().compactMap { $0["id"] as? String } == users.prefix(5).map(\.id))
        }
    }

    /// After the second page, three users sign up. They are the newest, so they push every existing user
    /// three places down: offset paging reads the three users at positions 17...19 twice, and never sees the
    /// new users; cursor paging reads every original user exactly once.
    @Test func usersInsertedMidPagingRepeatOffsetRowsButNotCursorRows() async throws {
        let behavior = FakeServerBehavior(insertUsersDuringPaging: .init(count: 3, afterUserRequests: 2))
        let original = TestTenants.small.users.map(\.id)

        let server = FakeClerkServer(tenant: TestTenants.small, behavior: behavior)
        let client = FakeAPIClient(baseURL: try server.start())
        defer { server.stop() }
        let offsetIDs = try await client.readUsersByOffset(limit: 10)
        let countAfter = try await client.get("/v1/users/count")
        #expect(offsetIDs.count == 60)
        #expect(Set(offsetIDs) == Set(original))
        #expect(Self.idsReadTwice(offsetIDs) == Set(original[17..<20]))
        #expect(server.stats.usersInserted == 3)
        let truth = server.currentTenant.users
        #expect(truth.count == 60)
        #expect(truth.dropFirst(3).map(\.id) == original)
        #expect(truth.prefix(3).allSatisfy { $0.createdAt > TestTenants.small.users[0].createdAt })
        let countObject = try #require(try countAfter.json() as? [String: Any])
        #expect(countObject["total_count"] as? Int == 60)

        let cursorServer = FakeClerkServer(tenant: TestTenants.small, behavior: behavior)
        let cursorClient = FakeAPIClient(baseURL: try cursorServer.start())
        defer { cursorServer.stop() }
        let cursorIDs = try await cursorClient.readUsersByCursor(limit: 10)
        #expect(cursorIDs == original)
        #expect(cursorServer.stats.usersInserted == 3)
    }

    private static func idsReadTwice(_ ids: [String]) -> Set<String> {
        var seen: [String: Int] = [:]
        for id in ids { seen[id, default: 0] += 1 }
        return Set(seen.filter { $0.value == 2 }.keys)
    }

    @Test func insertedUsersAreTheSameOnEveryRun() async throws {
        let behavior = FakeServerBehavior(insertUsersDuringPaging: .init(count: 2, afterUserRequests: 1))
        var runs: [[FakeUser]] = []
        for _ in 0..<2 {
            try await withFakeServer(TestTenants.small, behavior: behavior) { server, client in
                _ = try await client.get("/v1/users")
                runs.append(Array(server.currentTenant.users.prefix(2)))
            }
        }
        #expect(runs[0] == runs[1])
        #expect(Set(runs[0].map(\.id)).isDisjoint(with: TestTenants.small.users.map(\.id)))
    }
}
