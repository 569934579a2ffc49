import Foundation
import Testing

@testable import ClerkFakeServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A thin URLSession client for the tests: the same HTTP stack the real reader uses, without its retries,
/// so every fault the server injects is visible.
struct FakeAPIClient {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        }

        /// The `data` array of a list envelope.
        func dataItems() throws -> [[String: Any]] {
            let object = try #require(try json() as? [String: Any])
            return try #require(object["data"] as? [[String: Any]])
        }

        func totalCount() throws -> Int {
            let object = try #require(try json() as? [String: Any])
            return try #require(object["total_count"] as? Int)
        }

        /// The body of `GET /v1/users`: a bare array.
        func users() throws -> [[String: Any]] {
            try #require(try json() as? [[String: Any]])
        }

        func errorCode() throws -> String? {
            let object = try #require(try json() as? [String: Any])
            let errors = try #require(object["errors"] as? [[String: Any]])
            return errors.first?["code"] as? String
        }
    }

    let baseURL: URL
    var secretKey: String? = "sk_test_fake_key_for_tests"
    private let session: URLSession

    init(baseURL: URL, secretKey: String? = "sk_test_fake_key_for_tests", maximumConnections: Int = 4) {
        self.baseURL = baseURL
        self.secretKey = secretKey
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnections
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    func get(_ pathAndQuery: String) async throws -> Answer {
        let url = try #require(URL(string: baseURL.absoluteString + pathAndQuery))
        var request = URLRequest(url: url)
        if let secretKey { request.setValue("Bearer \(secretKey)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return Answer(status: http.statusCode, headers: headers, body: data)
    }

    /// Reads every user by offset pages of `limit`, stopping at the first short page.
    func readUsersByOffset(limit: Int) async throws -> [String] {
        var ids: [String] = []
        var offset = 0
        while true {
            let answer = try await get("/v1/users?limit=\(limit)&offset=\(offset)")
            try #require(answer.status == 200)
            let page = try answer.users().compactMap { $0["id"] as? String }
            ids += page
            offset += limit
            if page.count < limit { return ids }
        }
    }

    /// Reads every user by `starting_after` cursor pages of `limit`.
    func readUsersByCursor(limit: Int) async throws -> [String] {
        var ids: [String] = []
        while true {
            let cursor = ids.last.map { "&starting_after=\($0)" } ?? ""
            let answer = try await get("/v1/users?limit=\(limit)\(cursor)")
            try #require(answer.status == 200)
            let page = try answer.users().compactMap { $0["id"] as? String }
            ids += page
            if page.count < limit { return ids }
        }
    }
}

/// Starts a server for the length of one test body and always stops it, so a failing `#require` leaves no
/// thread or socket behind.
func withFakeServer<Result>(
    _ tenant: FakeTenant, behavior: FakeServerBehavior = FakeServerBehavior(),
    _ body: (FakeClerkServer, FakeAPIClient) async throws -> Result
) async throws -> Result {
    let server = FakeClerkServer(tenant: tenant, behavior: behavior)
    let url = try server.start()
    defer { server.stop() }
    return try await body(server, FakeAPIClient(baseURL: url))
}

/// Small tenants shared by the tests; generating them is cheap but there is no reason to repeat it.
enum TestTenants {
    static let small = FakeTenant.generate(
        FakeTenantSpec(users: 57, organizations: 6, memberships: 120, customRoles: 3, customPermissions: 6, seed: 7))
    static let medium = FakeTenant.generate(
        FakeTenantSpec(
            users: 1_234, organizations: 40, memberships: 3_000, customRoles: 4, customPermissions: 9, seed: 11))
}
