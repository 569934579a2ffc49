import OutputEscaping
import SnapshotFormat

/// `convert --to csv`: RFC 4180 (CRLF line ends, fields quoted only when needed), one row per membership
/// grant with the user, organization and role spelled out, for spreadsheets and tools that take CSV only.
/// With `expand`, one row per effective permission instead; a membership whose role implies none (or is
/// unresolved) still gets one row with empty permission columns, so no member disappears from the feed.
/// Cells a spreadsheet would evaluate as a formula are neutralised (`CSVCell`) unless `rawCells` is set.
public enum CSVFeed {
    public static let columns = [
        "user_id", "user_email", "user_name", "organization_id", "organization_name", "organization_slug",
        "role_key", "role_name", "role_resolved", "membership_id", "granted_at",
    ]
    public static let expandedColumns = columns + ["permission_key", "permission_id"]

    public static func write(
        _ index: AccessIndex, expand: Bool, rawCells: Bool = false,
        chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        out.write(CSVCell.row(expand ? expandedColumns : columns, neutraliseFormulas: !rawCells))
        let memberships = index.memberships
        out.writeInOrder(count: memberships.count) { positions, out in
            for position in positions {
                func row(_ fields: [String]) { out.write(CSVCell.row(fields, neutraliseFormulas: !rawCells)) }
                let membership = memberships[position]
                let user = index.user(of: membership)
                let organization = index.organization(of: membership)
                // A redacting index (`--redact-pii`) has already put tokens in place of names and addresses.
                let email = user?.primaryEmail
                let name = index.userName(of: membership)
                let fields = [
                    Resource.clerkID(of: membership.user), email ?? "", name,
                    Resource.clerkID(of: membership.organization), organization?.displayName ?? "",
                    organization?.string("slug") ?? "", membership.roleKey ?? "",
                    membership.role.map { index.displayName($0) } ?? "", membership.role == nil ? "false" : "true",
                    membership.id, membership.grantedAt ?? "",
                ]
                guard expand else {
                    row(fields)
                    continue
                }
                let permissions = index.effectivePermissions(of: membership)
                if permissions.isEmpty { row(fields + ["", ""]) }
                for permission in permissions {
                    row(fields + [permission.permissionKey, Resource.clerkID(of: permission.permission)])
                }
            }
        }
        out.finish()
    }
}
