import CanonicalJSON
import ClerkModel

/// `review --format json`: the findings as data for ticketing or dashboards, with the snapshot they came
/// from and the policy applied, so a consumer can tell two runs' findings apart.
public enum FindingsDocument {
    public static let schemaName = "clerk-grants.findings"
    public static let schemaVersion = "1.0"
    /// Written for a 1.1 snapshot: adds the access path rules' counts and their thresholds under `policy`.
    /// A 1.0 snapshot's findings document stays as it was.
    public static let accessPathsSchemaVersion = "1.1"

    public static func json(_ index: AccessIndex, policy: ReviewPolicy, findings: [Finding]) -> JSONValue {
        let snapshot = index.snapshot
        var bySeverity: [FindingSeverity: Int] = [:]
        var byRule: [FindingRule: Int] = [:]
        for finding in findings {
            bySeverity[finding.severity, default: 0] += 1
            byRule[finding.rule, default: 0] += 1
        }
        let oneOne = snapshot.layout.hasAccessPaths
        let rules = FindingRule.allCases.filter { oneOne || !FindingRule.accessPathRules.contains($0) }
        let ruleCounts = JSONObject(rules.map { (key: $0.rawValue, value: .int(Int64(byRule[$0] ?? 0))) })
        let severityCounts = JSONObject(
            FindingSeverity.allCases.map { (key: $0.rawValue, value: .int(Int64(bySeverity[$0] ?? 0))) })
        var policyObject = JSONObject([
            (key: "stale_days", value: .int(Int64(policy.staleDays))), (key: "max_admins", value: .int(Int64(policy.maxAdmins))),
            (key: "admin_permissions", value: .array(ClerkPermission.adminKeys.sorted().map(JSONValue.string))),
            (key: "never_active_counts_as_stale", value: .bool(true)),
        ])
        if oneOne {
            policyObject["stale_invitation_days"] = .int(Int64(policy.staleInvitationDays))
            policyObject["max_machine_scopes"] = .int(Int64(policy.maxMachineScopes))
        }
        return [
            "schema": .string(schemaName), "schema_version": .string(oneOne ? accessPathsSchemaVersion : schemaVersion),
            "snapshot": [
                "generated_at": .string(snapshot.generatedAt), "digest": .string(snapshot.digest),
                "instance": .string(snapshot.source.instance), "complete": .bool(snapshot.complete),
            ],
            "as_of": .string(policy.referenceTime(for: snapshot)),
            "policy": .object(policyObject),
            "counts": [
                "total": .int(Int64(findings.count)), "by_severity": .object(severityCounts),
                "by_rule": .object(ruleCounts),
            ],
            "findings": .array(findings.map(\.json)),
            // Issue 14: the figures the reports draw, as data.
            "figures": ReviewFigures(index, policy: policy, findings: findings).json,
        ]
    }

    /// Pretty canonical JSON, one member per line, ending in a newline.
    public static func encode(_ index: AccessIndex, policy: ReviewPolicy, findings: [Finding]) -> [UInt8] {
        CanonicalJSONWriter.encodePretty(json(index, policy: policy, findings: findings))
    }
}
