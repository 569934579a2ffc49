import Foundation
import Testing

@testable import ClerkFakeServer

/// The hostile answers, as bytes on the wire: what a client under test will actually be sent.
@Suite("Hostile answers")
struct HostileAnswerTests {
    /// One raw GET on a fresh connection that asks to be closed; the head and body as received.
    static func rawGet(_ hostile: HostileAnswer, _ target: String, authorization: String = "Bearer sk_test_FAKE-raw") throws -> (head: String, body: String) {
        let server = FakeClerkServer(tenant: TestTenants.small, behavior: FakeServerBehavior(hostile: hostile))
        let url = try server.start()
        defer { server.stop() }
        let connection = try RawHTTPConnection(port: url.port!)
        connection.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(authorization)\r\nConnection: close\r\n\r\n")
        let text = connection.readUntilClosed()
        let parts = text.components(separatedBy: "\r\n\r\n")
        return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func redirectNamesItsTargetAndCarriesNoBody() throws {
        let (head, body) = try Self.rawGet(.redirect(status: 307, location: "http://127.0.0.1:9/v1/users"), "/v1/users")
        #expect(head.hasPrefix("HTTP/1.1 307 Temporary Redirect\r\n"))
        #expect(head.contains("\r\nLocation: http://127.0.0.1:9/v1/users\r\n"))
        #expect(head.contains("\r\nContent-Length: 0\r\n"))
        #expect(body.isEmpty)
    }

    @Test func oversizedBodyIsStreamedWithOrWithoutItsLength() throws {
        let (unannounced, body) = try Self.rawGet(.oversizedBody(bytes: 1 << 20, announced: false), "/v1/organization_roles")
        #expect(unannounced.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(!unannounced.lowercased().contains("content-length"))
        #expect(unannounced.contains("Connection: close"))
        #expect(body.utf8.count == 1 << 20)
        let (announced, _) = try Self.rawGet(.oversizedBody(bytes: 1 << 20, announced: true), "/v1/organization_roles")
        #expect(announced.contains("\r\nContent-Length: 1048576\r\n"))
    }

    @Test func announcedTotalCountReplacesTheRealOneOnly() throws {
        let (_, organizations) = try Self.rawGet(.announcedTotalCount(1_000_000_000), "/v1/organizations?limit=2")
        #expect(organizations.hasSuffix(#"],"total_count":1000000000}"#))
        #expect(organizations.components(separatedBy: #""object":"organization""#).count == 3)
        let (_, count) = try Self.rawGet(.announcedTotalCount(-7), "/v1/users/count")
        #expect(count == #"{"object":"total_count","total_count":-7}"#)
        #expect(FakeClerkAPI.replacingTotalCount(in: Array(#"{"data":[],"total_count":12}"#.utf8), with: 5) == Array(#"{"data":[],"total_count":5}"#.utf8))
    }

    @Test func repeatFirstPageIgnoresOffsetAndCursor() throws {
        let (_, first) = try Self.rawGet(.repeatFirstPage, "/v1/users?limit=5")
        let (_, byOffset) = try Self.rawGet(.repeatFirstPage, "/v1/users?limit=5&offset=5")
        let lastID = try #require(first.components(separatedBy: #""id":""#).last?.prefix { $0 != "\"" })
        let (_, byCursor) = try Self.rawGet(.repeatFirstPage, "/v1/users?limit=5&starting_after=\(lastID)")
        #expect(byOffset == first)
        #expect(byCursor == first)
    }

    @Test func errorBodyEchoesTheAuthorizationAndControls() throws {
        let (head, body) = try Self.rawGet(.errorEchoingAuthorization(status: 422), "/v1/users", authorization: "Bearer sk_test_FAKE-echo")
        #expect(head.hasPrefix("HTTP/1.1 422 "))
        #expect(body.contains(#""long_message":"rejected Bearer sk_test_FAKE-echo \u001b]0;owned\u0007 ‮gnp.exe""#), "\(body)")
        #expect(body.contains(#""code":"hostile\u001b[2J"#))
    }

    @Test func organizationIDsInPathsArePercentDecoded() throws {
        let organization = TestTenants.small.organizations[0].id
        let encoded = organization.replacingOccurrences(of: "_", with: "%5F")
        let (head, _) = try Self.rawGet(.drippedBody(firstAttempts: 0, secondsPerByte: 0), "/v1/organizations/\(encoded)/memberships")
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        let (missing, _) = try Self.rawGet(.drippedBody(firstAttempts: 0, secondsPerByte: 0), "/v1/organizations/\(encoded)%2F..%2Fx/memberships")
        #expect(missing.hasPrefix("HTTP/1.1 404 "))
    }
}
