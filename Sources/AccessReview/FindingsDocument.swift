import CanonicalJSON
import ClerkModel

/// `review --format json`: the findings as data for ticketing or dashboards, with the snapshot they came
/// from and the policy applied, so a consumer can tell two runs' findings apart.
public enum FindingsDocument {
    public static let schemaName = "clerk-grants.findings"
    /// 2: findings grouped per subject, each listing the memberships it concerns (`grants`).
    public static let schemaVersion = "2.0"
    /// Written for a 1.1 snapshot: adds the access path rules' counts and their thresholds under `policy`.
    public static let accessPathsSchemaVersion = "2.1"

    public static func json(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything
    ) -> JSONValue {
        document(index, policy: policy, findings: findings, scope: scope, listing: .array(findings.map(\.json)))
    }

    /// The document with `listing` as its `findings` member.
    static func document(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope, listing: JSONValue
    ) -> JSONValue {
        let snapshot = index.snapshot
        let counts = FindingCounts(findings)
        let bySeverity = counts.bySeverity
        let byRule = counts.byRule
        let oneOne = snapshot.layout.hasAccessPaths
        let rules = FindingRule.allCases.filter { (oneOne || !FindingRule.accessPathRules.contains($0)) && scope.includes($0) }
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
        var document: JSONValue = [
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
                "memberships_by_rule": .object(JSONObject(rules.map { (key: $0.rawValue, value: .int(Int64(counts.grantsByRule[$0] ?? 0))) })),
            ],
            "findings": listing,
            "rules": .object(JSONObject(rules.map { (key: $0.rawValue, value: ruleJSON($0)) })),
            "figures": ReviewFigures(index, policy: policy, findings: findings, scope: scope).json,
        ]
        // Scope (review --org, --split, --min-severity, --rules): only a partial document has `filters`;
        // only a redacted one has `pii_redacted`.
        if case .object(var members) = document {
            if !scope.isEverything { members["filters"] = filtersJSON(index, scope: scope) }
            if index.redactor != nil { members["pii_redacted"] = .bool(true) }
            document = .object(members)
        }
        return document
    }

    /// A rule's severity, title, reason and the audit controls its findings are evidence against.
    static func ruleJSON(_ rule: FindingRule) -> JSONValue {
        [
            "severity": .string(rule.severity.rawValue), "title": .string(rule.title), "why": .string(rule.whyItMatters),
            "controls": .array(rule.controls.map { JSONValue.string($0.rawValue) }),
        ]
    }

    /// What a partial findings document leaves out; null for a filter not applied.
    static func filtersJSON(_ index: AccessIndex, scope: ReviewScope) -> JSONValue {
        [
            "organizations": scope.organizationIDs == nil
                ? .null : .array(scope.organizations(in: index).map { JSONValue.string($0.id) }),
            "organizationless_findings": .string(scope.organizationIDs == nil ? "included" : "left out"),
            "min_severity": .optional(scope.minimumSeverity?.rawValue),
            "rules": scope.rules.map { .array($0.map { JSONValue.string($0.rawValue) }) } ?? .null,
        ]
    }

    /// Pretty canonical JSON, one member per line, ending in a newline.
    public static func encode(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        write(index, policy: policy, findings: findings, scope: scope) { bytes += $0 }
        return bytes
    }

    /// The same bytes as `encode`, handed out in chunks: the document around the findings is encoded with
    /// a marker in their place, and the findings are worded and written where the marker was, in batches
    /// on every core (`ChunkedOutput.writeInOrder`), so a review of a hundred thousand findings never holds
    /// their text or their JSON.
    public static func write(
        _ index: AccessIndex, policy: ReviewPolicy, findings: FindingList, scope: ReviewScope = .everything,
        chunkSize: Int = ChunkedOutput.defaultChunkSize,
        emit: @escaping ([UInt8]) -> Void
    ) {
        let marker = "\u{1}findings\u{1}"
        let frame = CanonicalJSONWriter.encodePretty(document(index, policy: policy, findings: findings, scope: scope, listing: .string(marker)))
        var encodedMarker = CanonicalJSONWriter()
        encodedMarker.write(.string(marker))
        guard let split = frame.firstRange(of: encodedMarker.bytes) else { preconditionFailure("the findings marker is not in the document") }
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        out.write(Array(frame[..<split.lowerBound]))
        if findings.isEmpty {
            out.write(Array("[]".utf8))
        } else {
            out.write(Array("[\n".utf8))
            out.writeInOrder(count: findings.count) { positions, out in
                var writer = CanonicalJSONWriter()
                for position in positions {
                    writer.removeAll()
                    writer.writeIndent(2)
                    findings[position].writePrettyJSON(to: &writer, indent: 2)
                    writer.writeRaw(position + 1 < findings.count ? ",\n" : "\n")
                    out.write(writer.bytes)
                }
            }
            var closing = CanonicalJSONWriter()
            closing.writeIndent(1)
            closing.writeRaw("]")
            out.write(closing.bytes)
        }
        out.write(Array(frame[split.upperBound...]))
        out.finish()
    }
}
