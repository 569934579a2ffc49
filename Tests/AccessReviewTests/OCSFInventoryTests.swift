import AccessReview
import CanonicalJSON
import GoldenFiles
import OCSF
import SnapshotFormat
import Testing

/// `convert --to ocsf` on the demo snapshot: one User Inventory Info record per user, each checked against
/// the class definition committed under `schemas/ocsf/`. The golden file is `Golden/inventory.ocsf.ndjson`
/// (`OutputFormatTests`).
@Suite struct OCSFInventoryTests {
    static let product = OCSFProduct(version: "0.0.0-test")

    @Test func everyRecordCarriesEveryRequiredAttributeOfItsClass() throws {
        let index = try DemoSnapshot.index()
        let bytes = DemoSnapshot.collect { OCSFInventoryFeed.write(index, product: Self.product, emit: $0) }.bytes
        let conformance = OCSFConformance(try OCSFClassFiles.all().map { try OCSFClassDefinition(json: $0.bytes) })
        let problems = conformance.problems(ndjson: bytes)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // fixtures/demo/README.md: 13 listed users and one known only through a membership.
        #expect(bytes.split(separator: 0x0A).count == index.users.count)
        #expect(index.users.count == 14)
    }

    @Test func aUserRecordCarriesTheUserAndTheirOrganizations() throws {
        let index = try DemoSnapshot.index()
        let events = OCSFInventoryFeed.events(index, product: Self.product).map(\.json)
        #expect(events.allSatisfy { $0["type_uid"] == 500302 && $0["category_uid"] == 5 && $0["time"] == .int(Timestamp.milliseconds(rfc3339: "2026-11-20T00:00:00Z")!) })
        let bob = try #require(events.first { $0["user"]?.objectValue?["uid"] == "user_2NxBobBaker0000000000000000" }?["user"]?.objectValue)
        #expect(bob["email_addr"] == "bob.baker@example.com" && bob["full_name"] == "Bob Baker")
        #expect(bob["created_time"] == .int(Timestamp.milliseconds(rfc3339: "2024-04-02T11:20:00.000Z")!))
        let groups = try #require(bob["groups"]?.arrayValue)
        #expect(groups.count == index.memberships(ofUser: "user:user_2NxBobBaker0000000000000000").count)
        #expect(groups.contains { $0.objectValue?["uid"] == "org_2QxGlobex000000000000000000" && $0.objectValue?["privileges"] == ["org:member"] })
    }

    @Test func redactedRecordsHoldNoEmailOrName() throws {
        let index = try DemoSnapshot.index()
        let redactor = try #require(PIIRedactor(key: Array("0123456789abcdef".utf8)))
        let text = DemoSnapshot.text { OCSFInventoryFeed.write(AccessIndex(index.snapshot, redactor: redactor), product: Self.product, emit: $0) }
        #expect(!text.contains("@example.com") && !text.contains("Bob Baker"))
        #expect(text.contains("\"email_addr\":\"\(redactor.token("bob.baker@example.com", isEmail: true))\""))
        #expect(text.contains("\"uid\":\"user_2NxBobBaker0000000000000000\""))
    }
}
