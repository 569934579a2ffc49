import CanonicalJSON
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat
import Testing

@Suite struct SnapshotValidatorTests {
    static func validSnapshotText() -> String {
        let graph = GraphBuilder.build(from: SampleTenant.tenant(memberships: [
            SampleTenant.membership("mem_1", "user_alice", SampleTenant.acme, "org:admin"),
            SampleTenant.membership("mem_2", "user_bob", SampleTenant.globex, "org:gone"),
        ]))
        let snapshot = Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "https://api.clerk.com", instance: "sha256:0123456789abcdef", collections: ClerkCollection.allCases),
            complete: true, graph: graph)
        return String(decoding: SnapshotEncoder.encode(snapshot), as: UTF8.self)
    }

    static func problems(_ text: String) -> [SnapshotProblem] {
        SnapshotValidator.validate(Data(text.utf8)).problems
    }

    @Test func writtenSnapshotIsValidAndRoundTrips() throws {
        let text = Self.validSnapshotText()
        let report = SnapshotValidator.validate(Data(text.utf8))
        #expect(report.problems.isEmpty)
        let snapshot = try #require(report.snapshot)
        #expect(String(decoding: SnapshotEncoder.encode(snapshot), as: UTF8.self) == text)
    }

    @Test func reformattedButUnchangedSnapshotIsStillValid() throws {
        // Same values, another layout (every member on its own line): the digest is over canonical values.
        let pretty = CanonicalJSONWriter.encodePretty(try JSONParser.parse(Self.validSnapshotText()))
        #expect(String(decoding: pretty, as: UTF8.self) != Self.validSnapshotText())
        #expect(SnapshotValidator.validate(Data(pretty)).problems.isEmpty)
    }

    @Test func tamperedRecordBreaksTheDigest() {
        let text = Self.validSnapshotText().replacingOccurrences(of: "alice@example.com", with: "mallory@example.com")
        #expect(Self.problems(text).map(\.kind) == [.digest])
    }

    @Test func grantPointingAtNothingIsReported() {
        let text = Self.validSnapshotText().replacingOccurrences(
            of: #""entitlement":"organization:org_acme:member""#, with: #""entitlement":"organization:org_nowhere:member""#)
        let kinds = Self.problems(text).map(\.kind)
        #expect(kinds.contains(.reference))
        #expect(Self.problems(text).contains { $0.message.contains("organization:org_nowhere:member, which does not exist") })
    }

    @Test func repeatedIDsAreReported() throws {
        var lines = Self.validSnapshotText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains(#""id":"user:user_alice""#) && $0.contains("clerk_id") })
        lines.insert(lines[index], at: index)
        let problems = Self.problems(lines.joined(separator: "\n"))
        #expect(problems.contains { $0.kind == .reference && $0.message == "duplicate resource id user:user_alice" })
    }

    @Test func unknownMajorVersionIsRefused() {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""schema_version": "1.2""#, with: #""schema_version": "2.0""#)
        #expect(Self.problems(text).map(\.kind) == [.unsupportedVersion])
    }

    /// `1` reads as 1.0; a later minor than this tool knows reads as the latest, since minors only add.
    @Test func minorVersionIsAccepted() throws {
        let later = Self.validSnapshotText().replacingOccurrences(of: #""schema_version": "1.2""#, with: #""schema_version": "1.3""#)
        #expect(later != Self.validSnapshotText())
        #expect(Self.problems(later).isEmpty)
        let oneZero = String(decoding: try SnapshotVersionTests.frozenOneZero(), as: UTF8.self)
        let one = oneZero.replacingOccurrences(of: #""schema_version": "1.0""#, with: #""schema_version": "1""#)
        #expect(one != oneZero)
        #expect(Self.problems(one).isEmpty)
        let asLater = oneZero.replacingOccurrences(of: #""schema_version": "1.0""#, with: #""schema_version": "1.3""#)
        #expect(
            Self.problems(asLater).map(\.description) == [
                "provenance: missing or not an object", "chain: missing: a 1.2 snapshot states its chain link, or null",
                "signature: missing: a 1.2 snapshot states its signature, or null",
            ])
    }

    @Test func foreignAndBrokenDocumentsAreRefused() {
        #expect(Self.problems(#"{"openapi":"3.0.0"}"#).map(\.kind) == [.foreignDocument])
        #expect(Self.problems("[1,2]").map(\.kind) == [.foreignDocument])
        #expect(Self.problems(String(Self.validSnapshotText().prefix(500))).map(\.kind) == [.notJSON])
    }

    @Test func wrongCountsAndMissingFieldsAreReported() {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""users":2"#, with: #""users":3"#)
        #expect(Self.problems(text).map(\.description) == ["counts.users: says 3 but the file holds 2"])
        let missing = Self.validSnapshotText().replacingOccurrences(of: #""complete": true,"#, with: "")
        #expect(Self.problems(missing).map(\.description) == ["complete: missing or not a boolean"])
    }

    /// What the schema says beyond types: each edit (resealed, so only the rule can catch it) gives exactly
    /// this problem among those reported, and the index refuses the file too.
    @Test(arguments: [
        ("user_alice", "user alice", ".clerk_id", #""user alice" is not a Clerk id: expected 1-128 characters of A-Z a-z 0-9 _ -"#),
        ("user_alice", "user_\\u001b[31m", ".clerk_id", #""user_\u{1B}[31m" is not a Clerk id: expected 1-128 characters of A-Z a-z 0-9 _ -"#),
        (#""granted_at":"2023-11-14T22:13:20.000Z""#, #""granted_at":"1969-12-31T23:59:59.999Z""#, ".source.granted_at",
            #""1969-12-31T23:59:59.999Z" is not an RFC 3339 UTC timestamp within years 1970-9999"#),
        (#""granted_at":"2023-11-14T22:13:20.000Z""#, #""granted_at":"2023-02-29T22:13:20.000Z""#, ".source.granted_at",
            #""2023-02-29T22:13:20.000Z" is not an RFC 3339 UTC timestamp within years 1970-9999"#),
        (#""membership_id":"mem_1""#, #""membership_id":"../mem_1""#, ".source.membership_id",
            #""../mem_1" is not a Clerk id: expected 1-128 characters of A-Z a-z 0-9 _ -"#),
        (#""membership_id":"mem_1""#, #""membership_id":"""#, ".source.membership_id",
            #""" is not a Clerk id: expected 1-128 characters of A-Z a-z 0-9 _ -"#),
        (#""role_key":"org:admin""#, #""role_key":"""#, ".role_key", #""" is not a valid key: expected 1-256 bytes without control characters"#),
        (#""kind":"member","purpose":"assignment""#, #""kind":"member","purpose":"permission""#, ".purpose",
            "a member entitlement has purpose 'assignment', not 'permission'"),
        (#""grantable_to":["role"]"#, #""grantable_to":["user","role"]"#, ".grantable_to", "a permission entitlement is grantable to [role] only"),
        (#""slug":"member"}"#, #""role":"role:role_admin","slug":"member"}"#, ".role", "only a role entitlement carries it"),
        (#""slug":"member"}"#, #""slug":"members"}"#, ".slug", #""members" is not the slug of a member entitlement"#),
        (#""created_at":"2023-11-14T22:13:20.000Z","email_verified""#, #""created_at":"2023-11-14T22:13:20Z","email_verified""#,
            ".attributes.created_at", #""2023-11-14T22:13:20Z" is not an RFC 3339 UTC timestamp with milliseconds within years 1970-9999"#),
        (#""members_count":2"#, #""members_count":-2"#, ".attributes.members_count", "expected null or a whole number from 0"),
        (#""instance":"sha256:0123456789abcdef""#, #""instance":"sk_live_0123456789abcdef""#, "source.instance",
            #""sk_live_0123456789abcdef" is not an instance name: expected sha256:<8-64 lowercase hex digits> or fixture:<printable name without spaces>"#),
        (#""generated_at": "2026-11-20T00:00:00Z""#, #""generated_at": "2026-13-20T00:00:00Z""#, "generated_at",
            #""2026-13-20T00:00:00Z" is not an RFC 3339 UTC timestamp within years 1970-9999"#),
    ])
    func schemaRulesAreChecked(from: String, to: String, location: String, message: String) throws {
        let text = Self.validSnapshotText()
        try #require(text.contains(from))
        let edited = IndexedSnapshotTests.resealed(text.replacingOccurrences(of: from, with: to))
        let problems = Self.problems(edited)
        #expect(problems.contains { $0.location.hasSuffix(location) && $0.message == message }, "\(problems)")
        #expect(IndexedSnapshot(Data(edited.utf8)) == nil)
    }

    @Test func aRepeatedKeyMakesTheFileInvalidForBothReaders() throws {
        let text = Self.validSnapshotText().replacingOccurrences(of: #""display_name":"Acme""#, with: #""display_name":"Acme","display_name":"Evil""#)
        let problems = Self.problems(IndexedSnapshotTests.resealed(text))
        #expect(problems.map(\.kind) == [.notJSON])
        #expect(problems.first?.message.hasPrefix("the file is not valid JSON: a key repeated within one object at byte") == true)
        #expect(IndexedSnapshot(Data(text.utf8)) == nil)
        let topLevel = Self.validSnapshotText().replacingOccurrences(of: #""complete": true,"#, with: #""complete": true, "complete": false,"#)
        #expect(Self.problems(topLevel).map(\.kind) == [.notJSON])
        #expect(IndexedSnapshot(Data(topLevel.utf8)) == nil)
    }

    /// Problems about hostile ids show them bounded and escaped: no control character or 10 KB value
    /// reaches the terminal or log that prints them.
    @Test func problemsShowHostileValuesBoundedAndEscaped() {
        let hostile = #"user:user_bob\u001b]0;owned\u0007\n"# + String(repeating: "x", count: 10_000)
        let text = Self.validSnapshotText().replacingOccurrences(of: #""principal":"user:user_bob""#, with: #""principal":"\#(hostile)""#)
        let problems = Self.problems(IndexedSnapshotTests.resealed(text))
        #expect(problems.contains { $0.message.contains(#"has principal "user:user_bob\u{1B}]0;owned\u{7}\u{A}xxxxxxxxxxxxxxxx"... (10024 bytes), which does not exist"#) }, "\(problems)")
        for problem in problems {
            #expect(problem.description.utf8.count < 400)
            #expect(problem.description.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) })
        }
    }
}
