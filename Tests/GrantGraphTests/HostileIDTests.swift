import CanonicalJSON
import ClerkModel
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// Ids are data, never syntax: whatever ids a server sends, a page is either refused as malformed, naming
/// the field and showing at most a short escaped prefix of the value, or it becomes a snapshot that both
/// of the tool's validators accept.
@Suite struct HostileIDTests {
    static let pieces = [
        ":", "/", "..", " ", "\n", "\u{1B}", "|", "\"", "\\", "é", "\u{0}", "\u{85}", "", String(repeating: "a", count: 10_000),
        "user_", "org_2Qx", "A-9", "abc", "_", "-",
    ]

    /// A Clerk-like id three times in four, else up to three hostile pieces (which may still spell a valid id).
    static func hostileID(_ random: inout SplitMix64) -> String {
        guard random.next(below: 4) == 0 else {
            let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")
            let length = random.next(below: 8) == 0 ? 128 : 1 + random.next(below: 30)
            return String((0..<length).map { _ in alphabet[random.next(below: alphabet.count)] })
        }
        return (0..<random.next(below: 4)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
    }

    /// The pages of a one-membership tenant, with the ids and keys given.
    static func pages(user: String, organization: String, role: String, roleKey: String, permission: String, membership: String)
        -> [(ClerkCollection, JSONValue)]
    {
        let created: JSONValue = .int(1_700_000_000_000)
        let permissionObject: JSONValue = ["id": .string(permission), "key": "org:reports:read", "name": "Read", "type": "user"]
        let organizationObject: JSONValue = ["id": .string(organization), "name": "Org", "slug": "org", "created_at": created]
        return [
            (.users, [["id": .string(user), "email_addresses": [], "banned": false, "locked": false, "two_factor_enabled": false, "created_at": created]]),
            (.organizations, ["data": [organizationObject], "total_count": 1]),
            (.roles, ["data": [["id": .string(role), "key": .string(roleKey), "name": "Role", "permissions": [permissionObject]]], "total_count": 1]),
            (.permissions, ["data": [permissionObject], "total_count": 1]),
            (.memberships, ["data": [[
                "id": .string(membership), "role": .string(roleKey), "organization": organizationObject,
                "public_user_data": ["user_id": .string(user)], "created_at": created, "updated_at": created,
            ]], "total_count": 1]),
        ]
    }

    static let fieldsHoldingIDs: Set<String> = [
        "[0].id", "data[0].id", "data[0].organization.id", "data[0].public_user_data.user_id", "data[0].key", "data[0].role",
        "data[0].permissions[0].id",
    ]

    @Test func hostileIDsAreRefusedOrGiveASnapshotBothValidatorsAccept() throws {
        var random = SplitMix64(seed: 0x1D5)
        var (refused, written) = (0, 0)
        for _ in 0..<300 {
            let roleKey = random.next(below: 3) == 0 ? Self.hostileID(&random) : "org:role"
            let pages = Self.pages(
                user: Self.hostileID(&random), organization: Self.hostileID(&random), role: Self.hostileID(&random), roleKey: roleKey,
                permission: Self.hostileID(&random), membership: Self.hostileID(&random))
            var decoded: [ClerkPage] = []
            for (collection, page) in pages {
                do {
                    decoded.append(try ClerkPage.decode(Data(CanonicalJSONWriter.encode(page)), as: collection))
                } catch {
                    guard let problem = error.fieldProblem else {
                        Issue.record("expected a shape error, found \(error)")
                        continue
                    }
                    #expect(Self.fieldsHoldingIDs.contains(problem.path), "\(problem)")
                    // The value is shown as a bounded, escaped prefix: one short line of printable ASCII.
                    #expect(problem.description.utf8.count < 220, "\(problem)")
                    #expect(problem.description.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }, "\(problem)")
                }
            }
            guard decoded.count == pages.count else {
                refused += 1
                continue
            }
            written += 1
            let data = Data(StreamingBuildTests.encoded(decoded.map { ($0, PagePosition(offset: 0)) }))
            let report = SnapshotValidator.validate(data)
            #expect(report.isValid, "\(report.problems)")
            // The index reads values it checks by a rule only when written without escapes; otherwise it
            // leaves the file to the validator (nil means "ask the validator", never "invalid").
            let escaped = roleKey.unicodeScalars.contains { $0 == "\"" || $0 == "\\" }
            #expect((IndexedSnapshot(data) != nil) == !escaped, "\(String(decoding: data, as: UTF8.self))")
        }
        #expect(refused > 50)
        #expect(written > 30, "the generator should make some valid ids, or this test checks little")
    }

    @Test(arguments: [
        ("user_a:b", #""user_a:b" is not a Clerk id"#),
        ("user_../x", #""user_../x" is not a Clerk id"#),
        ("", #""" is not a Clerk id"#),
        ("user_\n\u{1B}[31m", #""user_\u{A}\u{1B}[31m" is not a Clerk id"#),
        (String(repeating: "a", count: 10_000), #""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (10000 bytes) is not a Clerk id"#),
        (String(repeating: "a", count: 129), #""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"... (129 bytes) is not a Clerk id"#),
    ])
    func malformedIDsAreNamedWithABoundedEscapedPrefix(id: String, shown: String) throws {
        let page: JSONValue = [["id": .string(id), "email_addresses": [], "banned": false, "locked": false, "two_factor_enabled": false, "created_at": 0]]
        #expect(throws: ClerkPageError.unexpectedShape(problem: JSONFieldError(
            path: "[0].id", problem: "\(shown): expected 1-128 characters of A-Z a-z 0-9 _ -"))) {
            try ClerkPage.decode(Data(CanonicalJSONWriter.encode(page)), as: .users)
        }
    }

    @Test func longestAcceptedIDIs128Bytes() throws {
        let id = String(repeating: "a", count: 128)
        let page: JSONValue = [["id": .string(id), "email_addresses": [], "banned": false, "locked": false, "two_factor_enabled": false, "created_at": 0]]
        #expect(try ClerkPage.decode(Data(CanonicalJSONWriter.encode(page)), as: .users).ids == [id])
    }

    @Test(arguments: ["", "org:\u{1}", "org:\u{9B}x", String(repeating: "k", count: 257)])
    func malformedRoleKeysAreRefused(key: String) throws {
        let page: JSONValue = ["data": [["id": "role_1", "key": .string(key), "name": "Role", "permissions": []]], "total_count": 1]
        #expect {
            try ClerkPage.decode(Data(CanonicalJSONWriter.encode(page)), as: .roles)
        } throws: { error in
            guard let problem = (error as? ClerkPageError)?.fieldProblem else { return false }
            return problem.path == "data[0].key" && problem.problem.hasSuffix("is not a valid key: expected 1-256 bytes without control characters")
        }
    }

    /// Every id of the bundled fixtures and of the fake server's tenants already follows the rule.
    @Test func everyFixtureIDFollowsTheRule() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures").standardized
        var pagesRead = 0
        for tenant in ["demo", "demo-next"] {
            for collection in ClerkCollection.allCases where !collection.isOptIn {
                let folder = fixtures.appendingPathComponent(tenant).appendingPathComponent(collection.fixtureFolder)
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("page-") {
                    let page = try ClerkPage.decode(try Data(contentsOf: folder.appendingPathComponent(name)), as: collection)
                    #expect(page.ids.allSatisfy(ClerkID.isValid))
                    pagesRead += 1
                }
            }
        }
        #expect(pagesRead >= 10)
    }
}
