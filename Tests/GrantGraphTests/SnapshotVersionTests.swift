import CanonicalJSON
import ClerkModel
import Foundation
import GoldenFiles
@testable import SnapshotFormat
import Testing

/// Snapshot 1.0 and 1.1 side by side: a 1.0 encode is byte-identical to what this tool always wrote, a
/// 1.1 graph with one record of every new kind goes through encoder, validator, indexer and decoder, the
/// digest and counts are framed per version, and both readers refuse alike what a version cannot hold.
@Suite struct SnapshotVersionTests {
    static func object(_ value: JSONValue) -> JSONObject { value.objectValue! }

    static let org = "organization:org_1"
    static let member = "organization:org_1:member"
    static let admin = "organization:org_1:role:role_admin"

    /// One record of every 1.1 kind, around a 1.0 core: a user and an organization with a member and an
    /// admin role, a role set, two machines (one may call the other), and a path of each kind.
    static func graph11() -> AccessGraph {
        let user = Resource(type: .user, clerkID: "user_1", displayName: "Alice", attributes: object([
            "banned": false, "created_at": "2026-01-01T00:00:00.000Z", "email_verified": true, "first_name": "Alice",
            "in_user_list": true, "last_active_at": nil, "last_name": nil, "last_sign_in_at": nil, "locked": false,
            "primary_email": "Alice@Example.com", "two_factor_enabled": false, "username": nil,
        ]))
        let organization = Resource(type: .organization, clerkID: "org_1", displayName: "Acme", attributes: object([
            "created_at": "2026-01-01T00:00:00.000Z", "in_organization_list": true, "manual_invitation_domains": ["manual.example.com"],
            "members_count": 1, "name": "Acme", "role_set_key": "default", "slug": "acme",
        ]))
        func role(_ id: String, _ key: String) -> Resource {
            Resource(type: .role, clerkID: id, displayName: key, attributes: object([
                "description": nil, "key": .string(key), "name": .string(key), "permission_ids": [], "permission_keys": [],
            ]))
        }
        let roleSet = Resource(type: .roleSet, clerkID: "rs_1", displayName: "Default", attributes: object([
            "created_at": "2026-01-01T00:00:00.000Z", "creator_role_id": "role_admin", "default_role_id": "role_member",
            "key": "default", "migration": ["destination_role_set_id": nil, "source_role_set_id": "rs_0", "status": "in_progress", "trigger": "manual"],
            "name": "Default", "role_ids": ["role_admin", "role_member"], "role_keys": ["org:admin", "org:member"], "type": "custom",
        ]))
        func machine(_ id: String) -> Resource {
            Resource(type: .machine, clerkID: id, displayName: id, attributes: object([
                "created_at": "2026-01-01T00:00:00.000Z", "default_token_ttl": 3600, "name": .string(id),
            ]))
        }
        let entitlements = [
            Entitlement(resource: "machine:mch_b", kind: .access, slug: "access", purpose: .assignment, grantableTo: [.machine], displayName: "Call mch_b"),
            Entitlement(resource: org, kind: .member, slug: "member", purpose: .assignment, grantableTo: [.user], displayName: "Member of Acme"),
            Entitlement(
                resource: org, kind: .role, slug: "role:role_admin", purpose: .assignment, grantableTo: [.user], displayName: "Admin in Acme",
                role: "role:role_admin", roleKey: "org:admin"),
        ]
        let grants = [
            Grant(entitlement: "machine:mch_b:access", principal: "machine:mch_a", source: .init()),
            Grant(entitlement: member, principal: "user:user_1", source: .init(membershipID: "mem_1", grantedAt: "2026-01-01T00:00:00.000Z")),
        ]
        let paths = [
            AccessPath(
                id: "invitation:inv_1", kind: .invitation, organization: org, entitlement: admin, principal: "email:alice@example.com",
                status: "pending", matchingUser: "user:user_1", source: object([
                    "created_at": "2026-02-01T00:00:00.000Z", "email_address": "Alice@Example.com", "expires_at": nil, "inviter": nil,
                    "role_key": "org:admin", "role_name": "Admin",
                ])),
            AccessPath(
                id: "organization_domain:dom_1", kind: .domainEnrollment, organization: org, entitlement: member,
                principal: "email_domain:example.com", status: "verified", source: object([
                    "created_at": "2026-02-01T00:00:00.000Z", "default_role_key": nil, "enrollment_mode": "automatic_invitation",
                    "name": "example.com", "total_pending_invitations": 0, "total_pending_suggestions": 0, "verified": true,
                ])),
            AccessPath(
                id: "enterprise_connection:ent_1", kind: .enterpriseSSO, organization: org, entitlement: admin,
                principal: "enterprise_connection:ent_1", status: "active", source: object([
                    "active": true, "allow_organization_account_linking": true, "created_at": "2026-02-01T00:00:00.000Z",
                    "default_role_key": "org:admin", "domains": ["example.com"], "name": "Okta", "provider": "saml_okta",
                ])),
        ]
        var graph = AccessGraph(
            resources: [user, organization, role("role_admin", "org:admin"), role("role_member", "org:member"), roleSet, machine("mch_a"), machine("mch_b")],
            entitlements: entitlements, grants: grants,
            diagnostics: [Diagnostic(code: .roleSetMigration, severity: .warning, message: "role set rs_1 is migrating", subject: "role_set:rs_1")],
            accessPaths: paths)
        graph.canonicalize()
        return graph
    }

    static func snapshot(_ graph: AccessGraph, version: SnapshotLayout.Version) -> Snapshot {
        Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "test"),
            source: .init(apiURL: "fixture:example", instance: "fixture:example", collections: ClerkCollection.defaultSet.sorted()), complete: true,
            graph: graph, schemaVersion: version.rawValue)
    }

    static func encoded11() -> Data { Data(SnapshotEncoder.encode(snapshot(graph11(), version: .v1_1))) }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas/examples")

    // MARK: - 1.0 unchanged

    /// The frozen 1.0 demo (the demo golden as the last 1.0 export wrote it), decoded and encoded again, is
    /// the very same bytes: a 1.0 graph encodes as 1.0 did.
    @Test func aOneZeroEncodeIsByteIdenticalToTheGolden() throws {
        let frozen = try Self.frozenOneZero()
        let snapshot = try SnapshotDecoder.decode(frozen)
        #expect(snapshot.schemaVersion == "1.0" && snapshot.layout == .v1_0)
        #expect(Data(SnapshotEncoder.encode(snapshot)) == frozen)
        #expect(SnapshotDigest.compute(snapshot.graph, version: .v1_0) == snapshot.digest)
        #expect(snapshot.digest == "sha256:ee4c9e2cf68d75994e397f990a03271ae65aad5e46776fa1371d66fffd3b01cf")
    }

    /// `schemas/examples/demo-1.0.snapshot.json`: the demo tenant as the last 1.0 export wrote it.
    static func frozenOneZero() throws -> Data {
        try Data(contentsOf: examples.appendingPathComponent("demo-1.0.snapshot.json"))
    }

    // MARK: - 1.1 round trip

    @Test func aOneOneGraphRoundTripsThroughEveryReader() throws {
        let data = Self.encoded11()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"access_paths\": [\n    {\"entitlement\":\"organization:org_1:role:role_admin\",\"id\":\"enterprise_connection:ent_1\""))
        let report = SnapshotValidator.validate(data)
        #expect(report.problems == [])
        let decoded = try #require(report.snapshot)
        #expect(decoded.graph == Self.graph11())
        #expect(decoded.schemaVersion == "1.1")
        let indexed = try #require(IndexedSnapshot(data))
        #expect(indexed.accessPaths == Self.graph11().accessPaths)
        #expect(indexed.digest == decoded.digest)
        #expect(indexed.counts.map(\.key) == decoded.counts.map(\.key) && indexed.counts.map(\.value) == decoded.counts.map(\.value))
        #expect(indexed.decoded() == decoded)
        #expect(Data(SnapshotEncoder.encode(decoded)) == data)
    }

    /// `schemas/examples/example-1.1.snapshot.json` is the encoder's output for the hand-made graph.
    @Test func theOneOneExampleIsTheEncodersOutput() throws {
        let url = Self.examples.appendingPathComponent("example-1.1.snapshot.json")
        if ProcessInfo.processInfo.environment["CLERK_GRANTS_RECORD_EXAMPLES"] == "1" { try Self.encoded11().write(to: url) }
        let example = try Data(contentsOf: url)
        #expect(String(decoding: example, as: UTF8.self) == String(decoding: Self.encoded11(), as: UTF8.self))
    }

    // MARK: - Digest and counts per version

    @Test func theDigestFramesTheVersionsSections() throws {
        var graph = Self.graph11()
        let digest11 = SnapshotDigest.compute(graph, version: .v1_1)
        func hash(_ text: String) -> String { "sha256:" + SHA256.hex(SHA256.hash(Array(text.utf8))) }
        func joined(_ records: [String]) -> String { "[" + records.joined(separator: ",") + "]" }
        func written<T>(_ records: [T], _ write: (inout CanonicalJSONWriter, T) -> Void) -> String {
            joined(records.map { record in
                var writer = CanonicalJSONWriter()
                write(&writer, record)
                return String(decoding: writer.bytes, as: UTF8.self)
            })
        }
        let paths = written(graph.accessPaths) { $0.writeRecord($1) }
        let entitlements = written(graph.entitlements) { $0.writeRecord($1) }
        let grants = written(graph.grants) { $0.writeRecord($1) }
        let resources = written(graph.resources) { $0.writeRecord($1) }
        #expect(digest11 == hash(#"{"access_paths":\#(paths),"entitlements":\#(entitlements),"grants":\#(grants),"resources":\#(resources)}"#))
        graph.accessPaths = []
        // A 1.1 file without paths still frames the empty section, so it differs from 1.0's digest.
        #expect(SnapshotDigest.compute(graph, version: .v1_1) == hash(#"{"access_paths":[],"entitlements":\#(entitlements),"grants":\#(grants),"resources":\#(resources)}"#))
        #expect(SnapshotDigest.compute(graph, version: .v1_0) == hash(#"{"entitlements":\#(entitlements),"grants":\#(grants),"resources":\#(resources)}"#))
    }

    @Test func countsAreTheVersions() throws {
        let snapshot = Self.snapshot(Self.graph11(), version: .v1_1)
        #expect(snapshot.counts.map(\.key) == [
            "resources", "entitlements", "grants", "diagnostics", "users", "organizations", "roles", "permissions", "memberships",
            "member_grants", "role_grants", "permission_grants", "access_paths", "role_sets", "machines", "machine_grants",
        ])
        #expect(snapshot.counts.map(\.value) == [7, 3, 2, 1, 1, 1, 2, 0, 1, 1, 0, 0, 3, 1, 2, 1])
        let root = try #require(try JSONParser.parse(Self.encoded11()).objectValue)
        let stated = try #require(root["counts"]?.objectValue)
        #expect(stated.keys == snapshot.counts.map(\.key).sorted(by: codePointPrecedes))
        for (key, value) in snapshot.counts { #expect(stated[key] == .int(Int64(value)), "\(key)") }
        let golden = try SnapshotDecoder.decode(Self.frozenOneZero())
        #expect(golden.counts.count == 12)
        #expect(SnapshotLayout.Version.v1_0.counts.map(\.key) == Array(snapshot.counts.map(\.key).prefix(12)))
    }

    // MARK: - Refusals, alike for both readers

    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let version: SnapshotLayout.Version
        let edit: @Sendable (inout JSONObject) -> Void
        let problem: String
        var testDescription: String { name }
    }

    static func records(_ root: JSONObject, _ key: String) -> [JSONObject] { root[key]!.arrayValue!.map { $0.objectValue! } }

    static func editRecord(_ root: inout JSONObject, _ key: String, _ id: String, _ edit: (inout JSONObject) -> Void) {
        var list = records(root, key)
        let index = list.firstIndex { $0["id"] == .string(id) }!
        edit(&list[index])
        root[key] = .array(list.map(JSONValue.object))
    }

    static let damages: [Damage] = [
        Damage(name: "access_paths in 1.0", version: .v1_0, edit: { root in
            root["access_paths"] = []
        }, problem: "access_paths: a 1.0 snapshot has no access_paths (introduced in 1.1)"),
        Damage(name: "a machine in 1.0", version: .v1_0, edit: { root in
            var list = records(root, "resources")
            list.append(object(["attributes": [:], "clerk_id": "mch_9", "display_name": "x", "id": "machine:mch_9", "type": "machine"]))
            root["resources"] = .array(list.map(JSONValue.object))
        }, problem: "resources[35].type: a 1.0 snapshot cannot hold a resource of type 'machine' (introduced in 1.1)"),
        Damage(name: "manual_invitation_domains in 1.0", version: .v1_0, edit: { root in
            editRecord(&root, "resources", "organization:org_2QxAcmeCorp0000000000000000") { record in
                var attributes = record["attributes"]!.objectValue!
                attributes["manual_invitation_domains"] = []
                record["attributes"] = .object(attributes)
            }
        }, problem: "resources[0].attributes.manual_invitation_domains: a 1.0 snapshot's organization has no manual_invitation_domains (introduced in 1.1)"),
        Damage(name: "an access entitlement in 1.0", version: .v1_0, edit: { root in
            var list = records(root, "entitlements")
            list.append(object([
                "display_name": "x", "grantable_to": ["machine"], "id": "permission:perm_2PxSysBillingRead0000000000:access", "kind": "access",
                "purpose": "assignment", "resource": "permission:perm_2PxSysBillingRead0000000000", "slug": "access",
            ]))
            root["entitlements"] = .array(list.map(JSONValue.object))
        }, problem: "entitlements[33].kind: a 1.0 snapshot cannot hold an entitlement of kind 'access' (introduced in 1.1)"),
        Damage(name: "1.1 without access_paths", version: .v1_1, edit: { root in
            root["access_paths"] = nil
        }, problem: "access_paths: missing or not an array"),
        Damage(name: "unsorted access paths", version: .v1_1, edit: { root in
            root["access_paths"] = .array(root["access_paths"]!.arrayValue!.reversed())
        }, problem: "access_paths[1]: invitation:inv_1 comes after organization_domain:dom_1: records must be sorted by id"),
        Damage(name: "duplicate access path", version: .v1_1, edit: { root in
            let list = root["access_paths"]!.arrayValue!
            root["access_paths"] = .array(list + [list[2]])
        }, problem: "access_paths[3]: duplicate access path id organization_domain:dom_1"),
        Damage(name: "path to a missing organization", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { $0["organization"] = "organization:org_9" }
        }, problem: "access_paths[1]: access path invitation:inv_1 leads into organization organization:org_9, which is not a listed organization"),
        Damage(name: "path to a missing entitlement", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { $0["entitlement"] = "organization:org_1:role:role_member" }
        }, problem: "access_paths[1]: access path invitation:inv_1 leads to entitlement organization:org_1:role:role_member, which does not exist"),
        Damage(name: "path to a machine's entitlement", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { $0["entitlement"] = "machine:mch_b:access" }
        }, problem: "access_paths[1]: access path invitation:inv_1 leads to machine:mch_b:access, which is not a member or role entitlement of organization:org_1"),
        Damage(name: "matching user not listed", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { $0["matching_user"] = "user:user_9" }
        }, problem: "access_paths[1]: access path invitation:inv_1 names matching user user:user_9, which is not a listed user"),
        Damage(name: "upper-case email principal", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { $0["principal"] = "email:Alice@example.com" }
        }, problem: "access_paths[1].principal: \"email:Alice@example.com\" is not the principal of a path of kind 'invitation': expected email:<lower-cased address>"),
        Damage(name: "domain principal of another kind", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "organization_domain:dom_1") { $0["principal"] = "email:a@example.com" }
        }, problem: "access_paths[2].principal: \"email:a@example.com\" is not the principal of a path of kind 'domain_enrollment': expected email_domain:<lower-cased domain name>"),
        Damage(name: "connection principal not its own id", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "enterprise_connection:ent_1") { $0["principal"] = "enterprise_connection:ent_2" }
        }, problem: "access_paths[0].principal: \"enterprise_connection:ent_2\" is not the principal of a path of kind 'enterprise_sso': expected the connection's own id"),
        Damage(name: "id of another kind", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "organization_domain:dom_1") { $0["kind"] = "invitation" }
        }, problem: "access_paths[2].source.email_address: required field is missing"),
        Damage(name: "matching user on a domain path", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "organization_domain:dom_1") { $0["matching_user"] = "user:user_1" }
        }, problem: "access_paths[2].matching_user: only an invitation path carries it"),
        Damage(name: "unknown status", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "enterprise_connection:ent_1") { $0["status"] = "pending" }
        }, problem: "access_paths[0].status: a path of kind 'enterprise_sso' has status 'active' or 'inactive', not \"pending\""),
        Damage(name: "bad source timestamp", version: .v1_1, edit: { root in
            editRecord(&root, "access_paths", "invitation:inv_1") { record in
                var source = record["source"]!.objectValue!
                source["created_at"] = "2026-02-01T00:00:00Z"
                record["source"] = .object(source)
            }
        }, problem: "access_paths[1].source.created_at: \"2026-02-01T00:00:00Z\" is not an RFC 3339 UTC timestamp with milliseconds within years 1970-9999"),
        Damage(name: "role set naming an unlisted role", version: .v1_1, edit: { root in
            editRecord(&root, "resources", "role_set:rs_1") { record in
                var attributes = record["attributes"]!.objectValue!
                attributes["role_ids"] = ["role_admin", "role_zz"]
                record["attributes"] = .object(attributes)
            }
        }, problem: "resources[5]: role set role_set:rs_1 names role role_zz, which is not a listed role"),
        Damage(name: "role set roles unsorted", version: .v1_1, edit: { root in
            editRecord(&root, "resources", "role_set:rs_1") { record in
                var attributes = record["attributes"]!.objectValue!
                attributes["role_ids"] = ["role_member", "role_admin"]
                record["attributes"] = .object(attributes)
            }
        }, problem: "resources[5].attributes.role_ids: expected sorted names without repeats"),
        Damage(name: "access entitlement of a role set", version: .v1_1, edit: { root in
            var list = records(root, "entitlements")
            list.append(object([
                "display_name": "x", "grantable_to": ["machine"], "id": "role_set:rs_1:access", "kind": "access", "purpose": "assignment",
                "resource": "role_set:rs_1", "slug": "access",
            ]))
            root["entitlements"] = .array(list.map(JSONValue.object))
        }, problem: "entitlements[3]: access entitlement role_set:rs_1:access belongs to role_set:rs_1, which is not a machine"),
        Damage(name: "machine grant to a user", version: .v1_1, edit: { root in
            var list = records(root, "grants")
            list.insert(object([
                "entitlement": "machine:mch_b:access", "id": "machine:mch_b:access:user:user_1", "principal": "user:user_1", "source": [:],
            ]), at: 1)
            root["grants"] = .array(list.map(JSONValue.object))
        }, problem: "grants[1]: grant machine:mch_b:access:user:user_1: a user cannot hold machine:mch_b:access (grantable to machine)"),
    ]

    /// The damaged file with its digest and counts recomputed for its version, so only the damage is wrong.
    static func damaged(_ damage: Damage) throws -> Data {
        let base = damage.version == .v1_0 ? try Self.frozenOneZero() : encoded11()
        var root = try #require(try JSONParser.parse(base).objectValue)
        damage.edit(&root)
        var sections: [SnapshotSection: [JSONValue]] = [:]
        for section in SnapshotSection.allCases { sections[section] = root[section.rawValue]?.arrayValue ?? [] }
        root["digest"] = .string(SnapshotDigest.compute(sections, version: damage.version))
        var counts = root["counts"]!.objectValue!
        for section in SnapshotSection.allCases where counts[section.rawValue] != nil {
            counts[section.rawValue] = .int(Int64(sections[section]!.count))
        }
        root["counts"] = .object(counts)
        return Data(CanonicalJSONWriter.encode(.object(root)))
    }

    @Test(arguments: damages)
    func bothReadersRefuse(damage: Damage) throws {
        let data = try Self.damaged(damage)
        let problems = SnapshotValidator.validate(data).problems.map(\.description)
        #expect(problems.contains(damage.problem), "\(problems)")
        #expect(IndexedSnapshot(data) == nil)
    }

    @Test func theUndamagedFilesAreValidForBothReaders() throws {
        for version in SnapshotLayout.Version.allCases {
            let data = try Self.damaged(Damage(name: "none", version: version, edit: { _ in }, problem: ""))
            #expect(SnapshotValidator.validate(data).problems == [])
            #expect(IndexedSnapshot(data) != nil)
        }
    }
}
