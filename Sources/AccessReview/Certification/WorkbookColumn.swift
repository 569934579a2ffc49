/// The columns of a decision workbook (`review --format workbook`), in the order they are written. The
/// one place their names are spelled: the writer writes them, `certify` finds its columns by them.
public enum WorkbookColumn: String, Sendable, CaseIterable {
    /// The digest of the snapshot the workbook was written from: `certify` refuses a row of another one.
    case snapshotDigest = "snapshot_digest"
    /// Clerk's `orgmem_...` id: the row key `certify` matches decisions by.
    case membershipID = "membership_id"
    case organizationID = "organization_id"
    case organizationName = "organization_name"
    case userID = "user_id"
    case userName = "user_name"
    case email
    case roleKey = "role_key"
    /// `true` when the role makes the user an organization admin.
    case admin
    /// The rule ids of the findings that concern this membership, `;`-joined in rule order.
    case findings
    case lastActiveAt = "last_active_at"
    /// The reviewer's columns, written empty: `keep`, `revoke` or `change:<role key>`.
    case decision
    case reviewer
    /// When the reviewer decided: `2026-11-24` or `2026-11-24T10:00:00Z`.
    case reviewedAt = "reviewed_at"
    case comment

    /// The columns `certify` needs to find in every file; the rest are for the reviewer's eyes.
    public static let required: [WorkbookColumn] = [
        .snapshotDigest, .membershipID, .organizationID, .userID, .roleKey, .decision, .reviewer, .reviewedAt, .comment,
    ]

    /// What a reviewer fills in; the workbook writes these empty.
    public var isReviewerColumn: Bool { [.decision, .reviewer, .reviewedAt, .comment].contains(self) }
}
