import CanonicalJSON
import SnapshotFormat

/// `certify --format json`: the certification record, the machine evidence of a review and what
/// `remediation` reads. A versioned document like the findings JSON (`schemas/certification.v1.md`).
public enum CertificationDocument {
    public static let schemaName = "clerk-grants.certification"
    public static let schemaVersion = "1.0"
    /// The major version this tool reads; a record of another major is refused.
    public static let majorVersion = "1"

    /// The record; names, emails and reviewers go through `redactor` when given (ids stay, and so do
    /// values that are tokens already, from a redacting index). Comments are free text and stay as typed.
    public static func json(_ certification: Certification, redactor: PIIRedactor? = nil) -> JSONValue {
        let c = certification
        return [
            "schema": .string(schemaName), "schema_version": .string(schemaVersion),
            "snapshot": [
                "digest": .string(c.snapshotDigest), "generated_at": .string(c.snapshotGeneratedAt),
                "instance": .string(c.instance), "complete": .bool(c.snapshotComplete),
            ],
            "certified_at": .string(c.certifiedAt),
            "scope": c.organizationScope.map { ["organizations": .array($0.map(JSONValue.string))] } ?? .null,
            "complete": .bool(c.isComplete),
            "files": .array(c.files.map { ["name": .string($0.name), "rows": .int(Int64($0.rows))] }),
            "counts": [
                "memberships": .int(Int64(c.membershipCount)), "decided": .int(Int64(c.decisions.count)),
                "keep": .int(Int64(c.count(.keep))), "revoke": .int(Int64(c.count(.revoke))), "change": .int(Int64(c.count(.change))),
                "undecided": .int(Int64(c.membershipCount - c.decisions.count)),
                "problems": .object(JSONObject(CertificationProblem.Kind.allCases.map { (key: $0.rawValue, value: .int(Int64(c.problemCount($0)))) })),
            ],
            "organizations": .array(c.organizations.map { organization in
                [
                    "id": .string(organization.organization), "name": .string(organization.name),
                    "memberships": .int(Int64(organization.memberships)), "keep": .int(Int64(organization.keep)),
                    "revoke": .int(Int64(organization.revoke)), "change": .int(Int64(organization.change)),
                    "undecided": .int(Int64(organization.undecided)), "complete": .bool(organization.isComplete),
                ]
            }),
            "decisions": .array(c.decisions.map { json($0, redactor: redactor) }),
            "problems": .array(c.problems.map { problem in
                [
                    "kind": .string(problem.kind.rawValue), "file": .optional(problem.file),
                    "line": problem.line.map { .int(Int64($0)) } ?? .null, "membership_id": .string(problem.membershipID),
                    "organization": .optional(problem.organization), "detail": .string(problem.detail),
                ]
            }),
        ]
    }

    static func json(_ decision: CertifiedDecision, redactor: PIIRedactor?) -> JSONValue {
        let membership = decision.membership
        return [
            "membership_id": .string(membership.id), "organization": .string(membership.organization),
            "organization_name": .string(decision.organizationName), "user": .string(membership.user),
            "user_name": .string(redactor.name(decision.userName)),
            "email": .optional(redactor.email(decision.email)),
            "role_key": .optional(membership.roleKey), "admin": .bool(membership.isAdmin),
            "decision": .string(decision.decision.verb.rawValue), "target_role_key": .optional(decision.decision.targetRoleKey),
            "reviewer": .string(redactor.name(decision.reviewer)),
            "reviewed_at": .optional(decision.reviewedAt), "comment": .string(decision.comment),
            "file": .string(decision.file), "line": .int(Int64(decision.line)),
        ]
    }

    /// Pretty canonical JSON ending in a newline.
    public static func encode(_ certification: Certification, redactor: PIIRedactor? = nil) -> [UInt8] {
        CanonicalJSONWriter.encodePretty(json(certification, redactor: redactor))
    }
}
