import CanonicalJSON
import ClerkFakeServer
import Foundation
import GoldenFiles
@testable import ClerkModel
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one-pass memberships reader against the tree decoder: wherever it reads a page, it reads what the
/// tree decoder reads, and it never reads a page the tree decoder refuses (it gives up instead, and the
/// tree decoder then says why, as before).
@Suite struct MembershipPageReaderTests {
    static func read(_ body: [UInt8]) -> ClerkPage? {
        body.withUnsafeBufferPointer { MembershipPageReader.read($0) }
    }

    static func tree(_ body: [UInt8]) -> ClerkPage? {
        try? ClerkPage.decodeTree(Data(body), as: .memberships)
    }

    /// Read by the reader exactly when it should be: equal to the tree's page whenever the reader reads it.
    static func check(_ body: [UInt8], mustRead: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = read(body)
        if mustRead { #expect(fast != nil, "the reader gave up on a page of the common shape", sourceLocation: sourceLocation) }
        guard let fast else { return }
        guard let tree = tree(body) else {
            Issue.record("the reader read a page the tree decoder refuses: \(String(decoding: body.prefix(300), as: UTF8.self))", sourceLocation: sourceLocation)
            return
        }
        #expect(PageKeysTests.same(fast, tree), sourceLocation: sourceLocation)
    }

    static var fixturePages: [[UInt8]] {
        get throws {
            try ["demo", "demo-next"].flatMap { tenant in
                let folder = PageKeysTests.fixtures.appendingPathComponent(tenant).appendingPathComponent("organization_memberships")
                return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page-") }.sorted()
                    .map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
            }
        }
    }

    @Test func everyFixturePageReadsAsTheTreeReadsIt() throws {
        let pages = try Self.fixturePages
        #expect(pages.count == 4)
        for page in pages { Self.check(page, mustRead: true) }
    }

    /// Every memberships page of a generated tenant, as the fake Clerk server serves it over loopback.
    @Test func everyGeneratedPageReadsAsTheTreeReadsIt() async throws {
        let key = "sk_test_FAKE-membershipReaderTestKey00000000"
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 400, organizations: 60, memberships: 1_200, customRoles: 3, customPermissions: 4, seed: 21))
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: key))
        let url = try server.start()
        defer { server.stop() }
        var read = 0
        for offset in stride(from: 0, through: tenant.memberships.count, by: 500) {
            var request = URLRequest(url: URL(string: "\(url.absoluteString)/v1/organization_memberships?limit=500&offset=\(offset)")!)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            Self.check([UInt8](data), mustRead: true)
            if case .memberships(let list)? = Self.read([UInt8](data))?.items { read += list.count }
        }
        #expect(read == tenant.memberships.count)
    }

    /// Seeded damage to real pages: byte flips, cuts, inserted text (escapes, fractions, repeated keys,
    /// nulls, wrong types, deep nesting, bytes that are not UTF-8). The reader reads a damaged page only when
    /// the tree decoder reads it the same; otherwise the tree decoder's verdict stands.
    @Test func damagedPagesAreReadAsTheTreeReadsThemOrLeftToIt() throws {
        let pages = try Self.fixturePages
        let insertions: [String] = [
            "\"x\":1.5,", "\"id\":\"orgmem_2Mx0000000000000000000000\",", "\"name\":\"A\\u00e9\",", "\"role\":null,",
            "\"created_at\":-1,", "\"created_at\":1e3,", "\"banned\":\"yes\",", "\"members_count\":2147483648,",
            String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + ",", "\"\u{1}\":1,", "\"x\":\"\\ud800\",",
            "\"identifier\":null,", "\"role_name\":\"\\\"q\\\"\",", "\"slug\":7,",
        ]
        var random = SplitMix64(seed: 15)
        var readByReader = 0
        for round in 0..<3_000 {
            var body = pages[round % pages.count]
            switch random.next(below: 4) {
            case 0: body[random.next(below: body.count)] = UInt8(random.next(below: 256))
            case 1: body.removeSubrange(random.next(below: body.count)...)
            case 2:
                // After an object's opening brace, so the text lands where a member may stand.
                let braces = body.indices.filter { body[$0] == UInt8(ascii: "{") }
                let at = braces[random.next(below: braces.count)] + 1
                body.insert(contentsOf: Array(insertions[random.next(below: insertions.count)].utf8), at: at)
            default: body.insert(contentsOf: [0xC3, 0x28], at: random.next(below: body.count))
            }
            Self.check(body, mustRead: false)
            if Self.read(body) != nil { readByReader += 1 }
        }
        // Some damage leaves a valid page (a member it does not read, a changed digit): those it still reads.
        #expect(readByReader > 100)
    }

    /// Each field the reader reads, given each kind of wrong value in turn: the reader reads the page only
    /// when the tree decoder reads it the same (so a rule the reader forgot shows here).
    @Test(arguments: [
        "id", "role", "role_name", "name", "slug", "members_count", "created_at", "updated_at", "role_set_key", "user_id",
        "identifier", "username", "first_name", "last_name", "banned",
    ])
    func everyFieldWithEveryWrongValueIsReadAsTheTreeReadsIt(_ field: String) throws {
        let values = [
            "null", "\"\"", "-1", "0", "2147483647", "2147483648", "253402300799999", "253402300800000", "1.5", "1e3", "true",
            "false", "{}", "[]", "\"x\"", "\"a b\"", "\"\\u0001\"", "\"\\u007f\"", "\"\\u0085\"", "\"org:x\"",
            "\"user_\\u0041bc\"", "\"\(String(repeating: "k", count: 257))\"", "\"\(String(repeating: "k", count: 129))\"",
        ]
        let pattern = try Regex("\"\(field)\": *(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9.eE+]+|true|false|null)")
        var replaced = 0
        for page in try Self.fixturePages {
            let text = String(decoding: page, as: UTF8.self)
            guard let match = text.firstMatch(of: pattern) else { continue }
            for value in values {
                Self.check(Array(text.replacingCharacters(in: match.range, with: "\"\(field)\": \(value)").utf8), mustRead: false)
                replaced += 1
            }
        }
        #expect(replaced > 0, "no fixture page has \(field)")
    }

    /// Escaped values are decoded as the tree decoder decodes them; numbers it would read as fractions are
    /// left to it.
    @Test func escapedValuesAreReadAndOddNumbersLeftToTheTreeDecoder() throws {
        let page = try #require(try Self.fixturePages.first)
        let text = String(decoding: page, as: UTF8.self)
        let firstName = try #require(text.firstMatch(of: /"first_name": *"([A-Za-z]+)"/))
        let escaped = Array(text.replacingCharacters(in: firstName.range, with: "\"first_name\":\"\\u0041\\\"\(firstName.1)\"").utf8)
        Self.check(escaped, mustRead: true)
        guard case .memberships(let list)? = Self.read(escaped)?.items else { return }
        #expect(list.contains { $0.user.firstName == "A\"\(firstName.1)" })
        let created = try #require(text.firstMatch(of: /"created_at": *([0-9]+)/))
        let fraction = Array(text.replacingCharacters(in: created.range, with: "\"created_at\":\(created.1).0").utf8)
        #expect(Self.read(fraction) == nil)
        // `ClerkPage.decode` then hands it to the tree decoder, which refuses it with its usual reason.
        #expect {
            try ClerkPage.decode(Data(fraction), as: .memberships)
        } throws: { error in
            "\(error)".contains("is not a timestamp: expected Unix milliseconds within years 1970-9999")
        }
    }
}
