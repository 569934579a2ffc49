import CanonicalJSON
import ClerkModel
import GoldenFiles
import SnapshotFormat
import Testing

@testable import GrantGraph

/// An export writes each listed user's record straight from the page's values (`UserResource.write`);
/// it must be byte for byte the record of the `Resource` value `UserResource.make` builds, which the rest
/// of the tool reads, for every shape of user: names that need escaping, missing values, dates at the
/// edges of the calendar.
@Suite struct UserRecordTests {
    static func randomText(_ random: inout SplitMix64) -> String? {
        let pieces = ["", "Ada", "O'Brien", "\"quoted\"", "back\\slash", "tab\t", "\u{1}", "é", "名前", "😀", " ", "</script>"]
        switch random.next() % 4 {
        case 0: return nil
        default: return (0..<Int(random.next() % 3 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    static func randomTime(_ random: inout SplitMix64) -> Int64 {
        let times: [Int64] = [0, -1, 1, 999, 1_700_000_000_123, 253_402_300_799_999, -62_135_596_800_000]
        return random.next() % 2 == 0 ? times[Int(random.next() % UInt64(times.count))] : Int64(random.next() % 4_000_000_000_000)
    }

    @Test func writtenRecordEqualsTheValuesRecord() {
        var random = SplitMix64(seed: 42)
        for round in 0..<2_000 {
            let user = ClerkUser(
                id: round % 7 == 0 ? "user_\"\(round)\\\u{2}" : "user_\(round)", primaryEmail: Self.randomText(&random), primaryEmailVerified: random.next() % 2 == 0,
                username: Self.randomText(&random), firstName: Self.randomText(&random), lastName: Self.randomText(&random),
                banned: random.next() % 2 == 0, locked: random.next() % 2 == 0, twoFactorEnabled: random.next() % 2 == 0,
                createdAt: Self.randomTime(&random), lastSignInAt: random.next() % 3 == 0 ? nil : Self.randomTime(&random),
                lastActiveAt: random.next() % 3 == 0 ? nil : Self.randomTime(&random))
            let inUserList = random.next() % 2 == 0
            var direct = CanonicalJSONWriter()
            UserResource.write(user, inUserList: inUserList, to: &direct)
            var viaValue = CanonicalJSONWriter()
            viaValue.writeRecord(UserResource.make(user, inUserList: inUserList))
            #expect(direct.bytes == viaValue.bytes, "\(String(decoding: direct.bytes, as: UTF8.self))")
            if direct.bytes != viaValue.bytes { return }
        }
    }
}
