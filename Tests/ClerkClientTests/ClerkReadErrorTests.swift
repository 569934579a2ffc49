import ClerkClient
import ClerkModel
import Testing

/// Read errors are told apart by what they say about the failure (refusal, fault, untrusted answer, local input)
/// and carry their context by name, so callers never match on a case's position.
@Suite struct ClerkReadErrorTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var kind: String
        var status: Int?
        var endpoint: String?
        var page: String?
        var testDescription: String { kind }
    }

    static let shapeProblem = ClerkPageError.unexpectedShape(problem: .init(path: "data[0].id", problem: "expected string"))

    @Test(arguments: [
        (ClerkReadError.keyRejected(status: 401, keySource: "CLERK_SECRET_KEY", clerkMessage: nil),
         Expected(kind: "refusal", status: 401)),
        (.requestRejected(status: 404, endpoint: "/v1/organization_memberships", code: "resource_not_found", message: nil),
         Expected(kind: "refusal", status: 404, endpoint: "/v1/organization_memberships")),
        (.retriesExhausted(endpoint: "/v1/users", page: "offset 500", attempts: 6, lastFault: "HTTP 503"),
         Expected(kind: "fault", endpoint: "/v1/users", page: "offset 500")),
        (.responseTooLarge(endpoint: "/v1/organizations", page: "offset 0", limit: 64 << 20),
         Expected(kind: "fault", endpoint: "/v1/organizations", page: "offset 0")),
        (.pagingStalled(endpoint: "/v1/organization_roles", page: "offset 1000"),
         Expected(kind: "fault", endpoint: "/v1/organization_roles", page: "offset 1000")),
        (.redirectRefused(status: 302, endpoint: "/v1/users", target: "https://elsewhere.example:443"),
         Expected(kind: "untrusted answer", status: 302, endpoint: "/v1/users")),
        (.keyInResponse(endpoint: "/v1/organizations", page: "offset 0"),
         Expected(kind: "untrusted answer", endpoint: "/v1/organizations", page: "offset 0")),
        (.fixtureUnreadable(path: "fixtures/none", reason: "no such folder"), Expected(kind: "local input")),
        (.malformedFixturePage(path: "users/page-0001.json", problem: shapeProblem), Expected(kind: "local input")),
        (.insecureAPIURL(shown: "http://10.0.0.5"), Expected(kind: "local input")),
        (.invalidAPIURL(shown: "ftp://api.clerk.com"), Expected(kind: "local input")),
        (.apiURLHasCredentials(shown: "https://***@api.clerk.com"), Expected(kind: "local input")),
        (.recordingFolderInUse(path: "recording"), Expected(kind: "local input")),
    ] as [(ClerkReadError, Expected)])
    func eachErrorSaysWhatKindOfFailureItIsAndWhere(error: ClerkReadError, expected: Expected) {
        let kinds = [
            ("refusal", error.isRefusal), ("fault", error.isFault), ("untrusted answer", error.isUntrustedAnswer),
            ("local input", error.isLocalInput),
        ].filter(\.1).map(\.0)
        #expect(kinds == [expected.kind])
        #expect(error.status == expected.status)
        #expect(error.endpoint == expected.endpoint)
        #expect(error.page == expected.page)
    }

    @Test func aPageProblemNamesItsFieldByProperty() {
        #expect(Self.shapeProblem.fieldProblem?.path == "data[0].id")
        #expect(Self.shapeProblem.parseProblem == nil)
    }
}
