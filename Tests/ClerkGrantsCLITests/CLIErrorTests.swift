import ClerkClient
import ClerkGrantsCLI
import Testing

/// The documented exit code of a failed read follows from what kind of failure it is.
@Suite struct CLIErrorTests {
    @Test(arguments: [
        (ClerkReadError.keyRejected(status: 403, keySource: "--secret-key-file key", clerkMessage: nil), ExitCode.clerkRejected),
        (.requestRejected(status: 422, endpoint: "/v1/users", code: nil, message: nil), .clerkRejected),
        (.retriesExhausted(endpoint: "/v1/users", page: "offset 0", attempts: 6, lastFault: "HTTP 500"), .retriesExhausted),
        (.responseTooLarge(endpoint: "/v1/users", page: "offset 0", limit: 1 << 26), .retriesExhausted),
        (.pagingStalled(endpoint: "/v1/users", page: "offset 0"), .retriesExhausted),
        (.redirectRefused(status: 301, endpoint: "/v1/users", target: "https://evil.example:443"), .retriesExhausted),
        (.keyInResponse(endpoint: "/v1/users", page: "offset 0"), .retriesExhausted),
        (.fixtureUnreadable(path: "x", reason: "missing"), .usageOrInput),
        (.insecureAPIURL(shown: "http://10.0.0.5"), .usageOrInput),
        (.recordingFolderInUse(path: "r"), .usageOrInput),
    ] as [(ClerkReadError, ExitCode)])
    func readErrorsExitWithTheirDocumentedCode(error: ClerkReadError, expected: ExitCode) {
        #expect(CLIError.read(error).exitCode == expected)
    }

    @Test func labelledContextReadsByName() {
        let error = CLIError.unknownCollections(names: ["groups"])
        #expect(error.exitCode == .usageOrInput)
        #expect(error.description == "unknown --resources 'groups': choose from users, organizations, roles, permissions, memberships")
    }
}
