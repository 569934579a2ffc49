import CanonicalJSON
import ClerkModel
import Foundation
import SnapshotFormat
import Testing

/// Timestamps and counts from pages are range-checked before they are converted or used: outside the
/// rule, the page is malformed and the error names the field.
@Suite struct ClerkFieldRuleTests {
    static func organizationsPage(createdAt: String, membersCount: String = "null", totalCount: String = "1") -> Data {
        Data(#"{"data":[{"id":"org_1","name":"Org","slug":"org","created_at":\#(createdAt),"members_count":\#(membersCount)}],"total_count":\#(totalCount)}"#.utf8)
    }

    static func problem(_ body: Data, as collection: ClerkCollection) -> JSONFieldError? {
        do {
            _ = try ClerkPage.decode(body, as: collection)
            return nil
        } catch {
            return error.fieldProblem ?? JSONFieldError(path: "?", problem: "\(error)")
        }
    }

    @Test(arguments: [
        ("-1", "-1"),
        ("-86400000", "-86400000"),  // 1969-12-31
        ("253402300800000", "253402300800000"),  // 10000-01-01
        ("1e300", "1e+300"),
        ("1.5", "1.5"),
        ("1700000000000.0", "1700000000000.0"),
        ("-9223372036854775808", "-9223372036854775808"),
        (#""1700000000000""#, #""1700000000000""#),
    ])
    func timestampsOutsideYears1970To9999AreMalformed(value: String, shown: String) {
        #expect(Self.problem(Self.organizationsPage(createdAt: value), as: .organizations)
            == JSONFieldError(path: "data[0].created_at", problem: "\(shown) is not a timestamp: expected Unix milliseconds within years 1970-9999"))
    }

    @Test func timestampsAtTheEdgesAreAccepted() throws {
        for value in ["0", "253402300799999"] {
            let page = try ClerkPage.decode(Self.organizationsPage(createdAt: value), as: .organizations)
            guard case .organizations(let organizations) = page.items else {
                Issue.record("expected organizations")
                return
            }
            #expect(organizations.map(\.createdAt) == [Int64(value)!])
        }
        #expect(Timestamp.rfc3339(milliseconds: 253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
    }

    @Test func membershipAndUserTimestampsAreCheckedToo() {
        let membership = Data(#"{"data":[{"id":"orgmem_1","role":"org:admin","organization":{"id":"org_1","name":"O","slug":"o","created_at":0},"public_user_data":{"user_id":"user_1"},"created_at":0,"updated_at":-5}],"total_count":1}"#.utf8)
        #expect(Self.problem(membership, as: .memberships)?.path == "data[0].updated_at")
        let user = Data(#"[{"id":"user_1","email_addresses":[],"banned":false,"locked":false,"two_factor_enabled":false,"created_at":0,"last_active_at":1e300}]"#.utf8)
        #expect(Self.problem(user, as: .users)?.path == "[0].last_active_at")
    }

    @Test(arguments: ["-1", "2147483648", "1e300", "2.5"])
    func countsOutOfRangeAreMalformed(value: String) {
        let shown = value == "1e300" ? "1e+300" : value
        let expected = "\(shown) is not a count: expected a whole number from 0 to 2147483647"
        #expect(Self.problem(Self.organizationsPage(createdAt: "0", membersCount: value), as: .organizations)
            == JSONFieldError(path: "data[0].members_count", problem: expected))
        #expect(Self.problem(Self.organizationsPage(createdAt: "0", totalCount: value), as: .organizations)
            == JSONFieldError(path: "total_count", problem: expected))
        #expect(throws: ClerkPageError.unexpectedShape(problem: JSONFieldError(path: "total_count", problem: expected))) {
            try ClerkPage.decodeTotalCount(Data(#"{"object":"total_count","total_count":\#(value)}"#.utf8))
        }
    }

    @Test func aRepeatedKeyMakesThePageMalformed() {
        let body = Data(#"{"data":[{"id":"org_1","id":"org_2","name":"Org","slug":"org","created_at":0}],"total_count":1}"#.utf8)
        #expect(throws: ClerkPageError.invalidJSON(reason: JSONParseError(.duplicateKey, at: 23))) {
            try ClerkPage.decode(body, as: .organizations)
        }
    }

    @Test(arguments: [
        ("2026-11-20T09:30:00Z", 1_795_167_000_000 as Int64?),
        ("2026-11-20T09:30:00.5Z", 1_795_167_000_500),
        ("2026-11-20T09:30:00.123456789Z", 1_795_167_000_123),
        ("1970-01-01T00:00:00.000Z", 0),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1969-12-31T23:59:59.999Z", nil),
        ("2023-02-29T00:00:00Z", nil),
        ("2026-13-01T00:00:00Z", nil),
        ("2026-11-31T00:00:00Z", nil),
        ("2026-11-20T24:00:00Z", nil),
        ("2026-11-20T09:60:00Z", nil),
        ("2026-11-20T09:30:60Z", nil),
        ("2026-11-20T09:30:00.Z", nil),
        ("2026-11-20T09:30:00.1234567890Z", nil),
        ("2026-11-20 09:30:00Z", nil),
        ("2026-11-20T09:30:00+01:00", nil),
    ])
    func snapshotTimestampsAreReadByTheSchemasRule(text: String, milliseconds: Int64?) {
        #expect(Timestamp.milliseconds(rfc3339: text) == milliseconds)
    }

    @Test(arguments: [
        ("sha256:0123456789abcdef", true), ("fixture:demo-tenant", true), ("fixture:démo", true),
        ("sha256:0123456", false), ("sha256:0123456789ABCDEF", false), ("fixture:", false), ("fixture:my tenant", false),
        ("fixture:a\u{1B}[2J", false), ("fixture:sk_live_abc", false), ("sk_test_abc", false), ("demo", false),
        ("fixture:" + String(repeating: "a", count: 300), false),
    ])
    func instanceNamesFollowTheSchema(name: String, valid: Bool) {
        #expect(InstanceName.isValid(name) == valid)
    }

    @Test func aFixtureFolderNameBecomesAValidInstanceName() {
        #expect(InstanceName.fixture(folderName: "demo") == "fixture:demo")
        #expect(InstanceName.fixture(folderName: "my tenant\n") == "fixture:my_tenant_")
        #expect(InstanceName.fixture(folderName: "") == "fixture:_")
        #expect(InstanceName.fixture(folderName: "sk_live_123") == "fixture:unnamed")
    }
}
