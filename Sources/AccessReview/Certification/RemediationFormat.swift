import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// The renderings of a remediation check (`remediation --format`). A closed set: each case has its writer.
public enum RemediationFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    case json

    public static let schemaName = "clerk-grants.remediation"
    public static let schemaVersion = "1.0"

    /// Writes `remediation` in this format to `emit`; user names and reviewers (as the record holds them)
    /// go through `redactor` when given, tokens already in place kept.
    public func write(_ remediation: Remediation, redactor: PIIRedactor? = nil, emit: @escaping ([UInt8]) -> Void) {
        switch self {
        case .markdown: Self.writeMarkdown(remediation, redactor: redactor, emit: emit)
        case .html: Self.writeHTML(remediation, redactor: redactor, emit: emit)
        case .json: emit(CanonicalJSONWriter.encodePretty(Self.json(remediation, redactor: redactor)))
        }
    }

    /// The header lines of the Markdown and HTML renderings.
    static func summary(_ r: Remediation, escape: (String) -> String, code: (String) -> String) -> [String] {
        var lines = [
            "Certified snapshot: generated \(escape(r.record.snapshotGeneratedAt)), digest \(code(r.record.snapshotDigest)); certified at \(escape(r.record.certifiedAt))",
            "Later snapshot: generated \(escape(r.laterGeneratedAt)), digest \(code(r.laterDigest))",
            "\(Plural.count(r.items.count, "revoke and change decision")): \(r.count(.done)) done, \(r.count(.outstanding)) outstanding, \(r.count(.changedOtherwise)) changed otherwise",
        ]
        if let days = r.withinDays {
            lines.append("Overdue (outstanding more than \(Plural.count(days, "day")) after the decision): \(r.overdueCount)")
        }
        lines.append(r.isSettled ? "Settled: nothing outstanding" : "OUTSTANDING: \(r.count(.outstanding)) decision\(r.count(.outstanding) == 1 ? "" : "s") not carried out yet")
        return lines
    }

    static func statusText(_ item: RemediationItem) -> String {
        let status = item.status == .changedOtherwise ? "changed otherwise" : item.status.rawValue
        return item.isOverdue ? "\(status), OVERDUE" : status
    }

    private static func writeMarkdown(_ r: Remediation, redactor: PIIRedactor?, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let e = MarkdownText.escape
        func cell(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        out.line("# Remediation: \(e(r.record.instance))")
        out.line()
        for line in summary(r, escape: e, code: { MarkdownText.code($0) }) { out.line("- \(line)") }
        out.line()
        guard !r.items.isEmpty else {
            out.line("The certification decided no revocation or change.")
            out.finish()
            return
        }
        out.line("| Status | Organization | User | Decision | Reviewer | Reviewed at | Days | Later snapshot | Membership |")
        out.line("|---|---|---|---|---|---|---:|---|---|")
        for item in r.items {
            let a = item.action
            out.line("| \(item.isOverdue ? "**\(e(statusText(item)))**" : e(statusText(item))) | \(e(a.organizationName)) | \(e(redactor.name(a.userName))) | \(cell(a.decision.cell)) | \(e(redactor.name(a.reviewer))) | \(e(a.reviewedAt ?? "")) | \(item.daysSinceDecision) | \(e(item.finding)) | \(cell(a.membershipID)) |")
        }
        out.finish()
    }

    private static func writeHTML(_ r: Remediation, redactor: PIIRedactor?, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        out.line(HTMLPage.opening(title: "Remediation: " + r.record.instance, style: HTMLReport.style))
        out.line("<h1>Remediation: \(h(r.record.instance))</h1>")
        out.line("<ul class=\"meta\">")
        for line in summary(r, escape: h, code: code) { out.line("<li>\(line)</li>") }
        out.line("</ul>")
        if r.items.isEmpty {
            out.line("<p>The certification decided no revocation or change.</p>")
        } else {
            out.line("<table><thead><tr><th>Status</th><th>Organization</th><th>User</th><th>Decision</th><th>Reviewer</th><th>Reviewed at</th><th class=\"num\">Days</th><th>Later snapshot</th><th>Membership</th></tr></thead><tbody>")
            for item in r.items {
                let a = item.action
                let status = item.isOverdue ? "<strong>\(h(statusText(item)))</strong>" : h(statusText(item))
                out.line("<tr><td>\(status)</td><td>\(h(a.organizationName))</td><td>\(h(redactor.name(a.userName)))</td><td>\(code(a.decision.cell))</td><td>\(h(redactor.name(a.reviewer)))</td><td>\(h(a.reviewedAt ?? ""))</td><td class=\"num\">\(item.daysSinceDecision)</td><td>\(h(item.finding))</td><td>\(code(a.membershipID))</td></tr>")
            }
            out.line("</tbody></table>")
        }
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }

    static func json(_ r: Remediation, redactor: PIIRedactor?) -> JSONValue {
        [
            "schema": .string(schemaName), "schema_version": .string(schemaVersion),
            "certification": [
                "snapshot_digest": .string(r.record.snapshotDigest), "snapshot_generated_at": .string(r.record.snapshotGeneratedAt),
                "certified_at": .string(r.record.certifiedAt), "instance": .string(r.record.instance),
            ],
            "later_snapshot": ["digest": .string(r.laterDigest), "generated_at": .string(r.laterGeneratedAt)],
            "within_days": r.withinDays.map { .int(Int64($0)) } ?? .null,
            "settled": .bool(r.isSettled),
            "counts": [
                "done": .int(Int64(r.count(.done))), "outstanding": .int(Int64(r.count(.outstanding))),
                "changed_otherwise": .int(Int64(r.count(.changedOtherwise))), "overdue": .int(Int64(r.overdueCount)),
            ],
            "items": .array(r.items.map { item in
                let a = item.action
                return [
                    "membership_id": .string(a.membershipID), "organization": .string(a.organization),
                    "organization_name": .string(a.organizationName), "user": .string(a.user), "user_name": .string(redactor.name(a.userName)),
                    "role_key": .optional(a.roleKey), "decision": .string(a.decision.verb.rawValue), "target_role_key": .optional(a.decision.targetRoleKey),
                    "reviewer": .string(redactor.name(a.reviewer)), "reviewed_at": .optional(a.reviewedAt),
                    "status": .string(item.status.rawValue), "finding": .string(item.finding),
                    "days_since_decision": .int(Int64(item.daysSinceDecision)), "overdue": .bool(item.isOverdue),
                ]
            }),
        ]
    }
}
