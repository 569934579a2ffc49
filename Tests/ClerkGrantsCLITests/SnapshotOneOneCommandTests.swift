import CanonicalJSON
import ClerkGrantsCLI
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// The commands on snapshot 1.1 files, and a 1.0 file against a 1.1 one. The 1.1 file is the demo
/// snapshot with `schema_version` 1.1 and one pending invitation to `org:admin` added, written by the
/// encoder to a temporary folder.
@Suite("Snapshot 1.1 commands")
struct SnapshotOneOneCommandTests {
    /// The demo tenant as the last 1.0 export wrote it (`schemas/examples`).
    static let oneZero = CommandHarness.repositoryRoot.appendingPathComponent("schemas/examples/demo-1.0.snapshot.json").path

    /// The 1.0 demo graph as a 1.1 snapshot with one pending admin invitation; returns the file's path.
    static func writeOneOne(in directory: URL) throws -> String {
        var snapshot = try SnapshotDecoder.decode(Data(contentsOf: URL(fileURLWithPath: oneZero)))
        let admin = try #require(snapshot.graph.entitlements.first { $0.kind == .role && $0.roleKey == "org:admin" })
        var graph = snapshot.graph
        graph.accessPaths = [
            AccessPath(
                id: "invitation:orginv_eve", kind: .invitation, organization: admin.resource, entitlement: admin.id,
                principal: "email:eve@example.com", status: "pending",
                source: JSONObject([
                    (key: "created_at", value: .string("2026-09-01T00:00:00.000Z")), (key: "email_address", value: .string("eve@example.com")),
                    (key: "expires_at", value: .null), (key: "inviter", value: .null), (key: "role_key", value: .string("org:admin")),
                    (key: "role_name", value: .null),
                ]))
        ]
        snapshot = Snapshot(
            generatedAt: snapshot.generatedAt, tool: snapshot.tool, source: snapshot.source, complete: snapshot.complete,
            graph: graph, schemaVersion: "1.1")
        let url = directory.appendingPathComponent("one-one.json")
        try Data(SnapshotEncoder.encode(snapshot)).write(to: url)
        return url.path
    }

    @Test func theNewReviewFlagsAreCheckedAgainstTheirRanges() async throws {
        let harness = CommandHarness()
        let tooFew = await harness.run(["review", Self.oneZero, "--stale-invitation-days", "0"])
        #expect(tooFew.status == 1 && tooFew.stdout.isEmpty)
        #expect(tooFew.stderr.contains("a whole number from 1 to 3650"), "\(tooFew.stderr)")
        let tooMany = await harness.run(["review", Self.oneZero, "--max-machine-scopes", "10001"])
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("a whole number from 0 to 10000"), "\(tooMany.stderr)")
        let fine = await harness.run(["review", Self.oneZero, "--stale-invitation-days", "3650", "--max-machine-scopes", "0"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    /// Every reading command still reads a 1.0 file, and says nothing of what only 1.1 holds.
    @Test func aOneZeroFileReadsAsBefore() async throws {
        let harness = CommandHarness()
        let validate = await harness.run(["validate", Self.oneZero])
        #expect(validate.status == 0 && validate.stdout.contains("valid clerk-grants snapshot v1.0"), "\(validate.stdout)")
        let review = await harness.run(["review", Self.oneZero])
        #expect(review.status == 0 && !review.stdout.contains("Could join") && review.stdout.contains("## Findings"), "\(review.stderr)")
        let findings = await harness.run(["review", Self.oneZero, "--format", "json"])
        let document = try #require(try JSONParser.parse(findings.stdoutBytes).objectValue)
        #expect(findings.status == 0 && document["schema_version"] == .string("2.0"))
        let whoCan = await harness.run(["who-can", Self.oneZero, "org:sys_memberships:manage", "--format", "json"])
        #expect(whoCan.status == 0 && !whoCan.stdout.contains("could_gain"), "\(whoCan.stdout.prefix(300))")
        let access = await harness.run(["access", Self.oneZero, "alice.adams@example.com"])
        #expect(access.status == 0, "\(access.stderr)")
        let feed = await harness.run(["convert", Self.oneZero, "--to", "ndjson"])
        #expect(feed.status == 0 && !feed.stdout.contains("access_path") && feed.stdout.contains("\"schema_version\":\"1.0\""))
    }

    @Test
    func reviewWhoCanAccessAndConvertReadAOneOneFile() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.writeOneOne(in: directory)
        let harness = CommandHarness()
        let review = await harness.run(["review", path, "--format", "json", "--stale-invitation-days", "30"])
        #expect(review.status == 0, "\(review.stderr)")
        let document = try #require(try JSONParser.parse(review.stdoutBytes).objectValue)
        #expect(document["schema_version"] == .string("2.1"))
        let rules = (document["findings"]?.arrayValue ?? []).compactMap { $0.objectValue?["rule"]?.stringValue }
        #expect(rules.contains("pending_admin_invitation") && rules.contains("stale_invitation"))
        let whoCan = await harness.run(["who-can", path, "org:sys_memberships:manage", "--format", "json"])
        #expect(whoCan.status == 0, "\(whoCan.stderr)")
        #expect(whoCan.stdout.contains("\"path\": \"invitation:orginv_eve\""))
        let feed = await harness.run(["convert", path, "--to", "ndjson"])
        #expect(feed.status == 0)
        #expect(feed.stdout.split(separator: "\n").filter { $0.contains("\"record_type\":\"access_path\"") }.count == 1)
    }

    @Test
    func aOneZeroFileDiffsAgainstAOneOneFile() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.writeOneOne(in: directory)
        let outcome = await CommandHarness().run(["diff", Self.oneZero, path, "--no-color"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("  schema 1.0 -> 1.1\n"))
        #expect(outcome.stdout.contains("Access paths\n"))
        #expect(outcome.stdout.contains("+ invitation invitation:orginv_eve: email:eve@example.com -> org:admin"))
        #expect(outcome.stdout.contains("!! privilege increase"))
        let json = await CommandHarness().run(["diff", Self.oneZero, path, "--format", "json"])
        #expect(json.status == 1)
        let document = try #require(try JSONParser.parse(json.stdoutBytes).objectValue)
        #expect(document["access_paths"]?.objectValue?["added"]?.arrayValue?.count == 1)
    }
}
