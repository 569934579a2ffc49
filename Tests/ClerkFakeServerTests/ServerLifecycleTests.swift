import Foundation
import Glibc
import Testing

@testable import ClerkFakeServer

@Suite("HTTP server and lifecycle")
struct ServerLifecycleTests {
    @Test func bindsLoopbackOnAnEphemeralPort() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        let url = try server.start()
        defer { server.stop() }
        #expect(url.scheme == "http")
        #expect(url.host == "127.0.0.1")
        #expect((url.port ?? 0) > 0)
        #expect(url.path.isEmpty)
        #expect(server.baseURL == url)
    }

    @Test func severalServersRunSideBySide() async throws {
        let servers = (0..<4).map { _ in FakeClerkServer(tenant: TestTenants.small) }
        let urls = try servers.map { try $0.start() }
        defer { for server in servers { server.stop() } }
        #expect(Set(urls.map(\.port)).count == 4)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for url in urls {
                group.addTask { try await FakeAPIClient(baseURL: url).get("/v1/users/count").status }
            }
            for try await status in group { #expect(status == 200) }
        }
    }

    @Test func startsOnceAndStopsIdempotently() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        server.stop()  // before start: nothing to do
        let url = try server.start()
        #expect(throws: FakeServerError.alreadyStarted) { try server.start() }
        server.stop()
        server.stop()
        #expect(server.baseURL == nil)
        #expect(throws: (any Error).self) { try RawHTTPConnection(port: url.port!) }
    }

    @Test func stopClosesOpenConnectionsAndJoinsTheirThreads() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        let port = try #require(try server.start().port)
        let connections = try (0..<12).map { _ in try RawHTTPConnection(port: port) }
        for connection in connections { connection.send("GET /v1/users/count HTTP/1.1\r\nHost: x\r\n\r\n") }
        // Every connection is answered while all twelve stay open.
        for connection in connections {
            #expect(connection.readResponses(1).first?.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
        }
        #expect(server.connectionThreadCount == 12)
        server.stop()
        #expect(server.connectionThreadCount == 0)
        for connection in connections { #expect(connection.readUntilClosed().isEmpty) }
    }

    @Test func keepAliveServesPipelinedRequestsOnOneConnection() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        let port = try #require(try server.start().port)
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: port)
        let request = "GET /v1/users/count HTTP/1.1\r\nHost: x\r\n\r\n"
        connection.send(request + request + "GET /v1/organization_roles?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = connection.readResponses(3)
        #expect(responses.count == 3)
        #expect(responses.allSatisfy { $0.contains("Connection: keep-alive\r\n") })
        #expect(responses[0].hasSuffix(#"{"object":"total_count","total_count":57}"#))
        #expect(responses[2].contains(#""total_count":5}"#))
        #expect(server.stats.totalRequests == 3)
        #expect(server.connectionThreadCount == 1)
    }

    @Test func connectionCloseIsHonored() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        let port = try #require(try server.start().port)
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: port)
        connection.send("GET /v1/users/count HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let everything = connection.readUntilClosed()  // returns only because the server closed
        #expect(everything.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(everything.contains("Connection: close\r\n"))
        #expect(everything.hasSuffix(#""total_count":57}"#))

        let old = try RawHTTPConnection(port: port)
        old.send("GET /v1/users/count HTTP/1.0\r\n\r\n")
        #expect(old.readUntilClosed().contains("Connection: close\r\n"))
    }

    @Test func garbageIsA400AndTheConnectionCloses() throws {
        let server = FakeClerkServer(tenant: TestTenants.small)
        let port = try #require(try server.start().port)
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: port)
        connection.send("HELLO\r\n\r\n")
        #expect(connection.readUntilClosed().hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
    }

    @Test func aClientHangingUpMidAnswerDoesNotHurtTheServer() async throws {
        let server = FakeClerkServer(tenant: TestTenants.medium)
        let url = try server.start()
        defer { server.stop() }
        for _ in 0..<5 {
            let connection = try RawHTTPConnection(port: url.port!)
            connection.send("GET /v1/organization_memberships?limit=500 HTTP/1.1\r\nHost: x\r\n\r\n")
            connection.close()
        }
        #expect(try await FakeAPIClient(baseURL: url).get("/v1/users/count").status == 200)
    }

    @Test func manyConcurrentClientsAreServed() async throws {
        try await withFakeServer(TestTenants.medium) { server, _ in
            let url = try #require(server.baseURL)
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await FakeAPIClient(baseURL: url, maximumConnections: 2).readUsersByCursor(limit: 200)
                    }
                }
                for try await ids in group { #expect(ids == TestTenants.medium.users.map(\.id)) }
            }
        }
    }

    @Test func statsCountRequestsByRouteAndBytesSent() async throws {
        try await withFakeServer(TestTenants.small) { server, client in
            let first = try await client.get("/v1/users?limit=3")
            let second = try await client.get("/v1/users/count")
            _ = try await client.get("/v1/users?limit=1")
            let stats = server.stats
            #expect(stats.totalRequests == 3)
            #expect(stats.requestsByPath == ["/v1/users": 2, "/v1/users/count": 1])
            #expect(stats.bytesSent > first.body.count + second.body.count)
            #expect(stats.faultsInjected == 0)
            let log = server.requestLog.sorted { $0.sequence < $1.sequence }
            #expect(log.map(\.query) == ["limit=3", "", "limit=1"])
            #expect(log.map(\.method) == ["GET", "GET", "GET"])
        }
    }
}
