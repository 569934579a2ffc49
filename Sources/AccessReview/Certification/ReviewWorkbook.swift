import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// `review --format workbook`: a CSV a reviewer fills in, one row per membership grant with what they
/// need to decide (organization, user, email, role, admin, the findings on that membership, last active)
/// and empty `decision`, `reviewer`, `reviewed_at` and `comment` columns (`WorkbookColumn`).
///
/// RFC 4180 with CRLF line ends, as `CSVFeed` writes and as the RFC says, so Excel and LibreOffice open it
/// as they save it; every cell formula-safe (`CSVCell`), since the reviewer opens it in a spreadsheet.
/// Rows are in organization order (the report's: name, then id), then by user name, user id and
/// membership id, so two workbooks of one snapshot are the same bytes. `certify` reads it back.
public enum ReviewWorkbook {
    /// The columns of `review --split`'s `index.csv`.
    public static let indexColumns = ["organization_id", "organization_name", "organization_slug", "file", "members", "admins", "high", "medium", "low"]

    /// Writes the workbook of the organizations in `scope`, with the rule ids of `findings` (as filtered
    /// by the scope) on each membership they concern. Names and emails are the index's: a redacting index
    /// (`--redact-pii`) has tokens in their place.
    public static func write(
        _ index: AccessIndex, findings: FindingList, scope: ReviewScope = .everything,
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var rulesByMembership: [String: Set<FindingRule>] = [:]
        for position in findings.indices {
            for row in findings.rows(at: position) {
                rulesByMembership[index.membershipID(row: Int(row)), default: []].insert(findings.rule(at: position))
            }
        }
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        out.write(CSVCell.row(WorkbookColumn.allCases.map(\.rawValue)))
        let digest = index.snapshot.digest
        for organization in scope.organizations(in: index) {
            for (membership, user, name) in members(of: organization, in: index) {
                let rules = rulesByMembership[membership.id] ?? []
                let cells: [WorkbookColumn: String] = [
                    .snapshotDigest: digest, .membershipID: membership.id,
                    .organizationID: organization.clerkID, .organizationName: organization.displayName,
                    .userID: Resource.clerkID(of: membership.user), .userName: name,
                    .email: user?.primaryEmail ?? "",
                    .roleKey: membership.roleKey ?? "", .admin: membership.isAdmin ? "true" : "false",
                    .findings: FindingRule.allCases.filter(rules.contains).map(\.rawValue).joined(separator: ";"),
                    .lastActiveAt: user?.lastActiveAt ?? "",
                ]
                out.write(CSVCell.row(WorkbookColumn.allCases.map { cells[$0] ?? "" }))
            }
        }
        out.finish()
    }

    /// An organization's memberships in workbook order (user name, user id, membership id), with the
    /// user's facts and name: the order `certify` lists decisions in too.
    static func members(of organization: Resource, in index: AccessIndex) -> [(membership: Membership, user: UserFacts?, name: String)] {
        index.memberships(of: organization.id).map { membership in
            (membership: membership, user: index.user(of: membership), name: index.userName(of: membership))
        }.sorted { lhs, rhs in
            if lhs.name != rhs.name { return codePointPrecedes(lhs.name, rhs.name) }
            if lhs.membership.user != rhs.membership.user { return codePointPrecedes(lhs.membership.user, rhs.membership.user) }
            return codePointPrecedes(lhs.membership.id, rhs.membership.id)
        }
    }

    /// `index.csv` of a `review --split` folder: one row per organization file with its counts.
    public static func writeIndex(_ split: ReviewSplit, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        out.write(CSVCell.row(indexColumns))
        for entry in split.entries {
            out.write(CSVCell.row([
                entry.clerkID, entry.name, entry.slug ?? "", entry.fileName, String(entry.members), String(entry.admins),
                String(entry.findingCount(.high)), String(entry.findingCount(.medium)), String(entry.findingCount(.low)),
            ]))
        }
        out.finish()
    }
}
