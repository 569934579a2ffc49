import OutputEscaping
import SnapshotFormat

/// `convert --to access-file`: one CSV row per user per organization in the column layout of the access
/// file compliance platforms import for a system they have no integration with (Vanta's "Access File
/// Uploader" template: `Account name`, `Account owner`, `Role`, `Status`, `Date created (UTC)`), followed
/// by columns of our own (`MFA`, `Owner name`, `Organization`, `Organization ID`, `User ID`) that such an
/// import ignores and a reviewer reads.
///
/// RFC 4180 (CRLF, fields quoted only when needed); cells a spreadsheet would run as formulas get a
/// leading `'` (`CSVCell`) unless `rawCells` is set. A redacting index (`--redact-pii`) gives tokens for emails and names.
public enum AccessFileFeed {
    public static let columns = [
        "Account name", "Account owner", "Role", "Status", "Date created (UTC)", "MFA", "Owner name", "Organization",
        "Organization ID", "User ID",
    ]

    public static func write(
        _ index: AccessIndex, rawCells: Bool = false, chunkSize: Int = ChunkedOutput.defaultChunkSize,
        emit: @escaping ([UInt8]) -> Void
    ) {
        var out = ChunkedOutput(chunkSize: chunkSize, emit: emit)
        func row(_ fields: [String]) {
            out.write(CSVCell.row(fields, neutraliseFormulas: !rawCells))
        }
        row(columns)
        // Decoded once per user, not per membership; bounded by the snapshot's users.
        var accounts: [String: Account] = [:]
        for organization in index.organizations {
            // A user with two memberships of one organization (Clerk allows one) still gets one row, with
            // both role keys; users in the order of their first membership.
            var order: [String] = []
            var roles: [String: [String]] = [:]
            for membership in index.memberships(of: organization.id) {
                if roles[membership.user] == nil {
                    order.append(membership.user)
                    roles[membership.user] = []
                }
                if let key = membership.roleKey, roles[membership.user]?.contains(key) == false { roles[membership.user]?.append(key) }
            }
            for user in order {
                let account = accounts[user] ?? Account(index.resource(user), id: user)
                accounts[user] = account
                row([
                    account.name, account.owner, (roles[user] ?? []).joined(separator: ", "), account.deactivated ? "Deactivated" : "Active",
                    account.createdDate, account.mfa.map { $0 ? "true" : "false" } ?? "", account.ownerName, organization.displayName,
                    organization.clerkID, Resource.clerkID(of: user),
                ])
            }
        }
        out.finish()
    }

    /// One user as the access file shows it.
    struct Account {
        /// The primary email, or the Clerk user id when there is none.
        var name: String
        /// The primary email (the platform matches owners by email); empty when the user has none.
        var owner: String
        var ownerName: String
        /// Banned or locked: the user cannot sign in.
        var deactivated: Bool
        /// `YYYY-MM-DD` of `created_at`; empty when the snapshot does not know it.
        var createdDate: String
        var mfa: Bool?

        /// `user` as a redacting index hands it out (`--redact-pii`) already carries tokens for its names.
        init(_ user: Resource?, id: String) {
            let email = user?.string("primary_email")
            name = email ?? Resource.clerkID(of: id)
            owner = email ?? ""
            ownerName = [user?.string("first_name"), user?.string("last_name")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            deactivated = user?.bool("banned") == true || user?.bool("locked") == true
            let created = user?.string("created_at")
            createdDate = created.flatMap { Timestamp.milliseconds(rfc3339: $0) != nil ? String($0.prefix(10)) : nil } ?? ""
            mfa = user?.bool("two_factor_enabled")
        }
    }
}
