import CanonicalJSON
import SnapshotFormat

/// A certification record (`certify --format json`) read back for `remediation`: the certified snapshot
/// and the revoke and change decisions. The file is untrusted input like any other: its schema name and
/// major version are checked, and every field the check reads is typed.
public struct CertificationRecord: Sendable {
    /// One revoke or change decision as the record holds it.
    public struct Action: Sendable, Equatable {
        public var membershipID: String
        /// `organization:<id>` and `user:<id>`.
        public var organization: String
        public var organizationName: String
        public var user: String
        public var userName: String
        public var roleKey: String?
        public var decision: ReviewDecision
        public var reviewer: String
        public var reviewedAt: String?
    }

    public var snapshotDigest: String
    public var snapshotGeneratedAt: String
    public var instance: String
    public var certifiedAt: String
    /// The revoke and change decisions, in the record's order.
    public var actions: [Action]

    /// Reads a record; a document of another schema or major version, or missing a field, is refused.
    public init(_ bytes: [UInt8]) throws(CertificationRecordError) {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(bytes)
        } catch {
            throw CertificationRecordError(reason: "it is not JSON: \(error)")
        }
        guard let root = parsed.objectValue else { throw CertificationRecordError(reason: "it is JSON but not an object") }
        do throws(JSONFieldError) {
            let schema = try root.requiredString("schema")
            guard schema == CertificationDocument.schemaName else {
                throw JSONFieldError(path: "schema", problem: "\(JSONFieldError.shown(schema)), not \(CertificationDocument.schemaName) (give the JSON record certify --format json wrote)")
            }
            let version = try root.requiredString("schema_version")
            guard version.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) == CertificationDocument.majorVersion else {
                throw JSONFieldError(path: "schema_version", problem: "\(JSONFieldError.shown(version)); this version reads \(CertificationDocument.majorVersion).x")
            }
            let snapshot = try root.requiredObject("snapshot")
            snapshotDigest = try snapshot.requiredString("digest")
            snapshotGeneratedAt = try snapshot.requiredString("generated_at")
            instance = try snapshot.requiredString("instance")
            certifiedAt = try root.requiredString("certified_at")
            guard Timestamp.milliseconds(rfc3339: snapshotGeneratedAt) != nil, Timestamp.milliseconds(rfc3339: certifiedAt) != nil else {
                throw JSONFieldError(path: "certified_at", problem: "it or snapshot.generated_at is not an RFC 3339 UTC time")
            }
            let decisions = try root.objects("decisions") { (decision) throws(JSONFieldError) -> Action? in
                let verb = try decision.requiredString("decision")
                let target = try decision.optionalString("target_role_key")
                let parsed: ReviewDecision
                switch (verb, target) {
                case ("keep", nil): return nil
                case ("revoke", nil): parsed = .revoke
                case ("change", let key?) where !key.isEmpty: parsed = .change(roleKey: key)
                default: throw JSONFieldError(path: "decision", problem: "expected keep, revoke, or change with a target_role_key")
                }
                let reviewedAt = try decision.optionalString("reviewed_at")
                if let reviewedAt, ReviewedAt.milliseconds(reviewedAt) == nil {
                    throw JSONFieldError(path: "reviewed_at", problem: "not a date or an RFC 3339 UTC time")
                }
                return Action(
                    membershipID: try decision.requiredString("membership_id"), organization: try decision.requiredString("organization"),
                    organizationName: try decision.requiredString("organization_name"), user: try decision.requiredString("user"),
                    userName: try decision.requiredString("user_name"), roleKey: try decision.optionalString("role_key"), decision: parsed,
                    reviewer: try decision.requiredString("reviewer"), reviewedAt: reviewedAt)
            }
            actions = decisions.compactMap { $0 }
        } catch {
            throw CertificationRecordError(reason: "\(error)")
        }
    }
}
