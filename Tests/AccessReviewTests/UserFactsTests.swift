import AccessReview
import CanonicalJSON
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// The byte reader of user records gives exactly the facts the decoded resource gives, whatever the
/// attributes' values and types, or declines (nil) so the caller decodes instead.
@Suite("User facts")
struct UserFactsTests {
    static let keys = [
        "primary_email", "last_active_at", "active_sessions_last_active_at", "banned", "locked", "two_factor_enabled",
        "email_verified", "in_user_list", "active_sessions", "first_name",
    ]
    /// Values of every JSON type a hostile or odd file may hold, as the file would spell them.
    static let values = [
        #""ann@example.com""#, #""2026-11-01T00:00:00.000Z""#, #""Ann \"Q\" \u00e9\u2028\\""#, "true", "false", "null", "0", "7",
        "-3", "1.0", "2e3", "[]", "{\"a\":1}", #""""#, #""2026-11-01T12:30:00.5Z""#, #""2026-02-30T00:00:00Z""#,
        #""2026-11-01T12:30:00\u005a""#,
    ]

    static func facts(_ text: String) -> (bytes: UserFacts?, decoded: UserFacts?) {
        let bytes = Array(text.utf8)
        let fromBytes = bytes.withUnsafeBufferPointer { UserFacts(record: $0) }
        guard case .object(let object)? = try? JSONParser.parse(bytes), let resource = try? Resource(json: object) else {
            return (fromBytes, nil)
        }
        return (fromBytes, UserFacts(resource))
    }

    @Test func everyDemoUserReadsAsItsDecodedResource() throws {
        let snapshot = try DemoSnapshot.load()
        var writer = CanonicalJSONWriter()
        for user in snapshot.graph.resources where user.type == .user {
            writer.removeAll()
            writer.write(user.json)
            let read = Self.facts(String(decoding: writer.bytes, as: UTF8.self))
            #expect(read.bytes == UserFacts(user))
        }
    }

    /// The time a user was last active is read once, from the file's bytes, as the string it reads back as.
    @Test func lastActiveTimesReadFromTheFileAreTheirStrings() throws {
        for file in [DemoSnapshotFiles.demo, DemoSnapshotFiles.demoNext, DemoSnapshotFiles.demoOneZero] {
            let index = AccessIndex(try #require(IndexedSnapshot(try Data(contentsOf: file))))
            #expect(index.users.contains { $0.lastActiveMilliseconds != nil } && index.users.contains { $0.lastActiveAt == nil })
            for user in index.users {
                #expect(user.lastActiveMilliseconds == user.lastActiveAt.flatMap(Timestamp.milliseconds(rfc3339:)), "\(user.id)")
            }
        }
    }

    /// Two thousand seeded records: each attribute absent or any value; the reader agrees or declines.
    @Test func randomAttributesReadAsTheDecoderReadsThem() {
        var random = SplitMix64(seed: 14)
        var agreed = 0
        var declined = 0
        for _ in 0..<2000 {
            var members: [String] = []
            for key in Self.keys.shuffled(using: &random) where random.next(below: 3) > 0 {
                members.append("\"\(key)\":\(Self.values[random.next(below: Self.values.count)])")
            }
            let name = random.next(below: 2) == 0 ? "\"Ann\"" : #""A\u006en\t""#
            let record = "{\"attributes\":{\(members.joined(separator: ","))},\"clerk_id\":\"user_1\",\"display_name\":\(name),\"id\":\"user:user_1\",\"type\":\"user\"}"
            let read = Self.facts(record)
            guard let decoded = read.decoded else { continue }
            if let bytes = read.bytes {
                #expect(bytes == decoded, "\(record)")
                agreed += 1
            } else {
                // It declines only what its cursor does not read: numbers with a fraction or an exponent.
                #expect(record.contains("1.0") || record.contains("2e3"), "\(record)")
                declined += 1
            }
        }
        #expect(agreed > 500 && declined > 500, "agreed \(agreed), declined \(declined)")
    }
}
