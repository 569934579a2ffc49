import CanonicalJSON

/// `review --format json`: the findings as data for ticketing or dashboards, with the snapshot they came
/// from and the policy applied, so a consumer can tell two runs' findings apart.
public enum FindingsDocument {
    public static let schemaName = "clerk-grants.findings"
    public static let schemaVersion = "1.0"

    public static func json(_ index: AccessIndex, policy: ReviewPolicy, findings: [Finding]) -> JSONValue {
        let snapshot = index.snapshot
        var bySeverity: [FindingSeverity: Int] = [:]
        var byRule: [FindingRule: Int] = [:]
        for finding in findings {
            bySeverity[finding.severity, default: 0] += 1
            byRule[finding.rule, default: 0] += 1
        }
        let ruleCounts = JSONObject(FindingRule.allCases.map { (key: $0.rawValue, value: .int(Int64(byRule[$0] ?? 0))) })
        let severityCounts = JSONObject(
            FindingSeverity.allCases.map { (key: $0.rawValue, value: .int(Int64(bySeverity[$0] ?? 0))) })
        return [
            "schema": .string(schemaName), "schema_version": .string(schemaVersion),
            "snapshot": [
                "generated_at": .string(snapshot.generatedAt), "digest": .string(snapshot.digest),
                "instance": .string(snapshot.source.instance), "complete": .bool(snapshot.complete),
            ],
            "as_of": .string(policy.referenceTime(for: snapshot)),
            "policy": [
                "stale_days": .int(Int64(policy.staleDays)), "max_admins": .int(Int64(policy.maxAdmins)),
                "admin_permissions": .array(AccessIndex.adminPermissionKeys.sorted().map(JSONValue.string)),
                "never_active_counts_as_stale": true,
            ],
            "counts": [
                "total": .int(Int64(findings.count)), "by_severity": .object(severityCounts),
                "by_rule": .object(ruleCounts),
            ],
            "findings": .array(findings.map(\.json)),
        ]
    }

    /// Pretty canonical JSON, one member per line, ending in a newline.
    public static func encode(_ index: AccessIndex, policy: ReviewPolicy, findings: [Finding]) -> [UInt8] {
        CanonicalJSONWriter.encodePretty(json(index, policy: policy, findings: findings))
    }
}
