import AccessReview
import SnapshotFormat
import Testing

/// `convert --to access-file`: the columns of the access file compliance platforms import, one row per user
/// per organization. The golden file is `Golden/access-file.csv` (`OutputFormatTests`).
@Suite struct AccessFileFeedTests {
    static func rows(_ redactor: PIIRedactor? = nil, rawCells: Bool = false) throws -> [[String]] {
        let index = try DemoSnapshot.index()
        let text = DemoSnapshot.text { AccessFileFeed.write(AccessIndex(index.snapshot, redactor: redactor), rawCells: rawCells, emit: $0) }
        // The demo holds no quoted cell (asserted below), so splitting on commas outside quotes is exact.
        #expect(!text.contains("\""))
        return text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func oneRowPerUserPerOrganization() throws {
        let index = try DemoSnapshot.index()
        let rows = try Self.rows()
        #expect(rows.first == AccessFileFeed.columns)
        var pairs = Set<String>()
        for membership in index.memberships { pairs.insert(membership.organization + " " + membership.user) }
        #expect(rows.count - 1 == pairs.count)
        #expect(rows.dropFirst().allSatisfy { $0.count == AccessFileFeed.columns.count })
    }

    @Test func aRowSaysWhoHasWhichRoleAndWhetherTheyCanSignIn() throws {
        let rows = try Self.rows()
        let bob = try #require(rows.first { $0[0] == "bob.baker@example.com" && $0[7] == "Globex" })
        #expect(bob == ["bob.baker@example.com", "bob.baker@example.com", "org:member", "Active", "2024-04-02", bob[5], "Bob Baker", "Globex", "org_2QxGlobex000000000000000000", "user_2NxBobBaker0000000000000000"])
        #expect(["true", "false"].contains(bob[5]))
        // Banned or locked users are Deactivated: the demo has one of each.
        let deactivated = rows.dropFirst().filter { $0[3] == "Deactivated" }.map(\.[9])
        #expect(!deactivated.isEmpty)
        #expect(rows.dropFirst().allSatisfy { ["Active", "Deactivated"].contains($0[3]) })
        #expect(rows.dropFirst().allSatisfy { $0[4].isEmpty || $0[4].count == 10 })
    }

    @Test func redactedRowsHoldNoEmailOrName() throws {
        let redactor = try #require(PIIRedactor(key: Array("0123456789abcdef".utf8)))
        let rows = try Self.rows(redactor)
        #expect(rows.dropFirst().allSatisfy { !$0.joined().contains("@example.com") && !$0.joined().contains("Bob Baker") })
        #expect(rows.contains { $0[0] == redactor.token("bob.baker@example.com", isEmail: true) && $0[9] == "user_2NxBobBaker0000000000000000" })
    }
}
