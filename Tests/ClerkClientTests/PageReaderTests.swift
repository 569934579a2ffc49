import CanonicalJSON
import ClerkFakeServer
import Foundation
import GoldenFiles
@testable import ClerkModel
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one-pass page readers (`MembershipPageReader`, `UserPageReader`) against the tree decoder: wherever
/// a reader reads a page, it reads what the tree decoder reads, and it never reads a page the tree decoder
/// refuses (it gives up instead, and the tree decoder then says why, as before).
@Suite struct PageReaderTests {
    static let collections: [ClerkCollection] = [.memberships, .users]

    static func read(_ body: [UInt8], _ collection: ClerkCollection) -> ClerkPage? {
        body.withUnsafeBufferPointer { ClerkPage.onePassReader(collection)!($0) }
    }

    static func tree(_ body: [UInt8], _ collection: ClerkCollection) -> ClerkPage? {
        try? ClerkPage.decodeTree(Data(body), as: collection)
    }

    /// Read by the reader exactly when it should be: equal to the tree's page whenever the reader reads it.
    static func check(_ body: [UInt8], _ collection: ClerkCollection, mustRead: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = read(body, collection)
        if mustRead { #expect(fast != nil, "the reader gave up on a page of the common shape", sourceLocation: sourceLocation) }
        guard let fast else { return }
        guard let tree = tree(body, collection) else {
            Issue.record("the reader read a page the tree decoder refuses: \(String(decoding: body.prefix(300), as: UTF8.self))", sourceLocation: sourceLocation)
            return
        }
        #expect(PageKeysTests.same(fast, tree), sourceLocation: sourceLocation)
    }

    static func fixturePages(_ collection: ClerkCollection) throws -> [[UInt8]] {
        try ["demo", "demo-next"].flatMap { tenant in
            let folder = PageKeysTests.fixtures.appendingPathComponent(tenant).appendingPathComponent(collection.fixtureFolder)
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("page-") }.sorted()
                .map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
        }
    }

    @Test(arguments: collections)
    func everyFixturePageReadsAsTheTreeReadsIt(_ collection: ClerkCollection) throws {
        let pages = try Self.fixturePages(collection)
        #expect(pages.count == 4)
        for page in pages { Self.check(page, collection, mustRead: true) }
    }

    /// Every page of a generated tenant (with its hostile names: quotes, backslashes, control characters,
    /// bidi marks), as the fake Clerk server serves it over loopback.
    @Test(arguments: collections)
    func everyGeneratedPageReadsAsTheTreeReadsIt(_ collection: ClerkCollection) async throws {
        let key = "sk_test_FAKE-pageReaderTestKey000000000000000"
        let tenant = FakeTenant.generate(FakeTenantSpec(users: 1_200, organizations: 60, memberships: 1_200, customRoles: 3, customPermissions: 4, seed: 21))
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: key))
        let url = try server.start()
        defer { server.stop() }
        let path = collection == .users ? "/v1/users" : "/v1/organization_memberships"
        var read = 0
        for offset in stride(from: 0, through: 1_200, by: 500) {
            var request = URLRequest(url: URL(string: "\(url.absoluteString)\(path)?limit=500&offset=\(offset)")!)
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            Self.check([UInt8](data), collection, mustRead: true)
            read += Self.read([UInt8](data), collection)?.count ?? 0
        }
        #expect(read == 1_200)
    }

    /// Seeded damage to real pages: byte flips, cuts, inserted text (escapes, fractions, repeated keys,
    /// nulls, wrong types, deep nesting, bytes that are not UTF-8). The reader reads a damaged page only when
    /// the tree decoder reads it the same; otherwise the tree decoder's verdict stands.
    @Test(arguments: collections)
    func damagedPagesAreReadAsTheTreeReadsThemOrLeftToIt(_ collection: ClerkCollection) throws {
        let pages = try Self.fixturePages(collection)
        let insertions: [String] = [
            "\"x\":1.5,", "\"id\":\"orgmem_2Mx0000000000000000000000\",", "\"name\":\"A\\u00e9\",", "\"role\":null,",
            "\"created_at\":-1,", "\"created_at\":1e3,", "\"banned\":\"yes\",", "\"members_count\":2147483648,",
            String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + ",", "\"\u{1}\":1,", "\"x\":\"\\ud800\",",
            "\"identifier\":null,", "\"role_name\":\"\\\"q\\\"\",", "\"slug\":7,", "\"verification\":7,", "\"status\":false,",
            "\"email_address\":null,", "\"primary_email_address_id\":null,", "\"email_addresses\":{},",
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
            Self.check(body, collection, mustRead: false)
            if Self.read(body, collection) != nil { readByReader += 1 }
        }
        // Some damage leaves a valid page (a member it does not read, a changed digit): those it still reads.
        #expect(readByReader > 100)
    }

    static let fields: [(ClerkCollection, String)] =
        ["id", "role", "role_name", "name", "slug", "members_count", "created_at", "updated_at", "role_set_key", "user_id",
         "identifier", "username", "first_name", "last_name", "banned"].map { (.memberships, $0) }
        + ["id", "primary_email_address_id", "email_addresses", "email_address", "verification", "status", "username",
           "first_name", "last_name", "external_id", "banned", "locked", "two_factor_enabled", "created_at", "last_sign_in_at",
           "last_active_at"].map { (.users, $0) }

    /// Each field a reader reads, given each kind of wrong value in turn, at each of its first occurrences
    /// in a page: the reader reads the page only when the tree decoder reads it the same (so a rule a reader
    /// forgot shows here).
    @Test(arguments: fields)
    func everyFieldWithEveryWrongValueIsReadAsTheTreeReadsIt(_ collection: ClerkCollection, _ field: String) throws {
        let values = [
            "null", "\"\"", "-1", "0", "2147483647", "2147483648", "253402300799999", "253402300800000", "1.5", "1e3", "true",
            "false", "{}", "[]", "[1]", "[{}]", "{\"status\":\"verified\"}", "{\"status\":7}", "\"x\"", "\"a b\"", "\"verified\"",
            "\"\\u0001\"", "\"\\u007f\"", "\"\\u0085\"", "\"org:x\"", "\"user_\\u0041bc\"",
            "\"\(String(repeating: "k", count: 257))\"", "\"\(String(repeating: "k", count: 129))\"",
        ]
        // A scalar, or a flat object or array (the pages' `verification` and `email_addresses`).
        let pattern = try Regex("\"\(field)\": *(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9.eE+]+|true|false|null|\\{[^{}]*\\}|\\[[^\\[\\]]*\\])")
        var replaced = 0
        for page in try Self.fixturePages(collection) {
            let text = String(decoding: page, as: UTF8.self)
            for match in text.matches(of: pattern).prefix(3) {
                for value in values {
                    Self.check(Array(text.replacingCharacters(in: match.range, with: "\"\(field)\": \(value)").utf8), collection, mustRead: false)
                    replaced += 1
                }
            }
        }
        #expect(replaced > 0, "no fixture page has \(field)")
    }

    /// Escaped values are decoded as the tree decoder decodes them; numbers it would read as fractions are
    /// left to it, which refuses them with its usual reason.
    @Test(arguments: collections)
    func escapedValuesAreReadAndOddNumbersLeftToTheTreeDecoder(_ collection: ClerkCollection) throws {
        let page = try #require(try Self.fixturePages(collection).first)
        let text = String(decoding: page, as: UTF8.self)
        let firstName = try #require(text.firstMatch(of: /"first_name": *"([A-Za-z]+)"/))
        let escaped = Array(text.replacingCharacters(in: firstName.range, with: "\"first_name\":\"\\u0041\\\"\(firstName.1)\"").utf8)
        Self.check(escaped, collection, mustRead: true)
        let created = try #require(text.firstMatch(of: /"created_at": *([0-9]+)/))
        let fraction = Array(text.replacingCharacters(in: created.range, with: "\"created_at\":\(created.1).0").utf8)
        #expect(Self.read(fraction, collection) == nil)
        // `ClerkPage.decode` answers as the tree decoder does: the same page, or the same reason.
        let decoded = Result { try ClerkPage.decode(Data(fraction), as: collection) }
        let tree = Result { try ClerkPage.decodeTree(Data(fraction), as: collection) }
        switch (decoded, tree) {
        case (.success(let a), .success(let b)): #expect(PageKeysTests.same(a, b))
        case (.failure(let a), .failure(let b)): #expect("\(a)" == "\(b)")
        default: Issue.record("decode and the tree decoder disagree: \(decoded) vs \(tree)")
        }
        if collection == .memberships {
            #expect("\(decoded)".contains("is not a timestamp: expected Unix milliseconds within years 1970-9999"))
        }
    }
}
