import CanonicalJSON
import GoldenFiles
import GrantDiff
import OCSF
import SnapshotFormat
import Testing

/// `diff --format ocsf` on the demo tenant's week (fixtures/demo -> demo-next): each known change of
/// fixtures/demo-next/README.md as its OCSF event, and every event checked against the class definitions
/// committed under `schemas/ocsf/`. The golden file is `Golden/diff-demo.ocsf.ndjson` (`VocabularyTests`).
@Suite struct OCSFDiffEventTests {
    static let product = OCSFProduct(version: "0.0.0-test")
    let diff: SnapshotDiff

    init() throws {
        diff = SnapshotDiffer.diff(old: try DiffGolden.load(DemoSnapshotFiles.demoName), new: try DiffGolden.load(DemoSnapshotFiles.demoNextName))
    }

    static func conformance() throws -> OCSFConformance {
        OCSFConformance(try OCSFClassFiles.all().map { try OCSFClassDefinition(json: $0.bytes) })
    }

    @Test func everyEventCarriesEveryRequiredAttributeOfItsClass() throws {
        let bytes = DiffOCSFRenderer.render(diff, product: Self.product)
        let problems = try Self.conformance().problems(ndjson: bytes)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(bytes.split(separator: 0x0A).count == 12)
    }

    /// The class definitions themselves: one per class the tool writes, of the OCSF release the events name.
    @Test func theCommittedDefinitionsCoverEveryClassOfOneRelease() throws {
        let definitions = try OCSFClassFiles.all().map { try OCSFClassDefinition(json: $0.bytes) }
        #expect(definitions.map(\.classUID).sorted() == OCSFClass.allCases.map(\.uid).sorted())
        #expect(definitions.allSatisfy { $0.ocsfVersion == OCSFSchemaVersion.current })
        for definition in definitions {
            let eventClass = try #require(OCSFClass(rawValue: definition.classUID))
            #expect(definition.className == eventClass.name && definition.categoryUID == eventClass.categoryUID)
            #expect(["activity_id", "category_uid", "class_uid", "metadata", "severity_id", "time", "type_uid"].allSatisfy(definition.required.contains))
        }
    }

    /// Each change of the demo week, as (class, activity, subject) in the renderer's order.
    @Test func eachKnownChangeIsOneEvent() throws {
        let events = DiffOCSFRenderer.events(diff, product: Self.product).map(\.json)
        func subject(_ event: JSONObject) -> String {
            event["user"]?.objectValue?["uid"]?.stringValue ?? event["group"]?.objectValue?["name"]?.stringValue ?? "?"
        }
        let summary = events.map { "\($0["type_uid"]!.int64Value!) \(subject($0)) \($0["privileges"]?.arrayValue?.compactMap(\.stringValue).joined() ?? "")" }
        #expect(
            summary == [
                "300101 user_2NxPeggyPark000000000000000 ",  // a: created
                "300106 user_2NxOscarOrtiz00000000000000 ",  // b: deleted
                "300105 user_2NxHeidiHughes0000000000000 ",  // c: banned = disabled
                "300603 user_2NxPeggyPark000000000000000 ",  // a: added to Umbrella Research
                "300604 user_2NxOscarOrtiz00000000000000 ",  // b: removed from Umbrella Research
                "300501 user_2NxPeggyPark000000000000000 org:member",
                "300502 user_2NxOscarOrtiz00000000000000 org:auditor",
                "300502 user_2NxBobBaker0000000000000000 org:member",  // d: a role change is a revocation...
                "300501 user_2NxBobBaker0000000000000000 org:admin",  // ...and an assignment
                "300502 user_2NxNiajNguyen00000000000000 org:legacy_editor",  // g
                "300501 user_2NxNiajNguyen00000000000000 org:member",
                "300601 org:auditor org:reports:manage",  // e: the role (a group) gains a permission
            ])
        let time = try #require(Timestamp.milliseconds(rfc3339: "2026-11-27T00:00:00Z"))
        #expect(events.allSatisfy { $0["time"] == .int(time) })
        // Privilege increases (d, e) are medium; the rest informational.
        #expect(events.map { $0["severity_id"]!.int64Value! } == [1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 3])
        #expect(events.allSatisfy { $0["metadata"] == ["product": Self.product.json, "version": "1.4.0"] })
    }

    @Test func theSameDiffGivesTheSameBytes() {
        #expect(DiffOCSFRenderer.render(diff, product: Self.product) == DiffOCSFRenderer.render(diff, product: Self.product))
    }

    /// The checker is no formality: an event stripped of a required attribute, of its required object's
    /// attribute, or with a `type_uid` that does not follow from its class and activity is reported, by line,
    /// naming what is missing.
    @Test(arguments: [
        ("user", nil, "missing required attribute 'user'"),
        ("time", nil, "missing required attribute 'time'"),
        ("metadata", "version", "missing required attribute 'metadata.version'"),
        ("type_uid", "wrong", "type_uid is 300199, expected 300105 (class_uid * 100 + activity_id)"),
        ("activity_id", "undefined", "activity_id 42 is not defined for class 3001"),
        ("user", "empty", "'user' has none of account, name, uid (at least one is required)"),
    ] as [(String, String?, String)])
    func theCheckerReportsABrokenEvent(attribute: String, variant: String?, expected: String) throws {
        var event = try #require(DiffOCSFRenderer.events(diff, product: Self.product).first { $0.eventClass == .accountChange && $0.activity == .accountDisable }).json
        switch (attribute, variant) {
        case (_, nil): event[attribute] = nil
        case ("metadata", let member?): event["metadata"] = .object(JSONObject(event["metadata"]!.objectValue!.members.filter { $0.key != member }))
        case ("type_uid", _): event["type_uid"] = 300199
        case ("activity_id", _): event["activity_id"] = 42
        default: event["user"] = ["type_id": 1]
        }
        let problems = try Self.conformance().problems(ndjson: CanonicalJSONWriter.encode(.object(event)) + [0x0A])
        #expect(problems.count >= 1)
        #expect(problems.first?.hasPrefix("line 1 (class 3001, activity ") == true)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
        #expect(problems.allSatisfy { $0.hasSuffix(String(decoding: CanonicalJSONWriter.encode(.object(event)), as: UTF8.self)) })
    }

    @Test func redactedEventsHoldNoEmailOrName() throws {
        let redactor = try #require(PIIRedactor(key: Array("0123456789abcdef".utf8)))
        let text = String(decoding: DiffOCSFRenderer.render(diff.redacted(by: redactor), product: Self.product), as: UTF8.self)
        #expect(!text.contains("@example.com") && !text.contains("Peggy Park"))
        let email = try #require(text.firstMatch(of: /"email_addr":"(hmac:[0-9a-f]{32})"/))
        #expect(text.contains("\"uid\":\"user_2NxPeggyPark000000000000000\""), "\(email.1)")
    }
}
