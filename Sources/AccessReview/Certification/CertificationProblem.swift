/// A row `certify` could not take as a decision, or a membership left undecided: what, where (file and
/// line; none for a membership no file has a row for), and which membership.
public struct CertificationProblem: Sendable, Equatable {
    /// The kinds, in the order reports count them.
    public enum Kind: String, Sendable, CaseIterable {
        /// The row's `snapshot_digest` is not the certified snapshot's: it was written for another one.
        case otherSnapshot = "other_snapshot"
        /// The row's membership id is in no membership of the snapshot.
        case unknownMembership = "unknown_membership"
        /// The membership exists, but the row's organization, user or role is not the snapshot's: a row
        /// edited or made up, never taken as a decision.
        case forgedRow = "forged_row"
        /// The membership is in an organization the certification does not cover (`certify --org`).
        case otherOrganization = "other_organization"
        /// The decision is not `keep`, `revoke` or `change:<role key>`, or changes to the role it has.
        case invalidDecision = "invalid_decision"
        /// `change:<role key>` names a role the organization does not offer.
        case unknownRole = "unknown_role"
        /// The decision names no reviewer: a decision nobody owns is no evidence.
        case missingReviewer = "missing_reviewer"
        /// `reviewed_at` is neither a date (`2026-11-24`) nor an RFC 3339 UTC time.
        case invalidReviewedAt = "invalid_reviewed_at"
        /// Two rows decide one membership differently; neither counts.
        case conflictingDecision = "conflicting_decision"
        /// A membership with no decision: no row, or only rows with an empty `decision`.
        case missingDecision = "missing_decision"

        public var title: String {
            switch self {
            case .otherSnapshot: return "Row of another snapshot"
            case .unknownMembership: return "Unknown membership"
            case .forgedRow: return "Row not matching the snapshot"
            case .otherOrganization: return "Row of an organization not certified"
            case .invalidDecision: return "Invalid decision"
            case .unknownRole: return "Change to a role the organization does not have"
            case .missingReviewer: return "Decision without a reviewer"
            case .invalidReviewedAt: return "Invalid reviewed_at"
            case .conflictingDecision: return "Conflicting decisions"
            case .missingDecision: return "Missing decision"
            }
        }
    }

    public var kind: Kind
    /// The decision file as named on the command line, and the row's line; nil for a membership no row names.
    public var file: String?
    public var line: Int?
    /// The membership id the row names (as written), or of the membership left undecided.
    public var membershipID: String
    /// `organization:<id>` when the membership is the snapshot's.
    public var organization: String?
    /// What is wrong, e.g. "user_id is user_2NxEve… but the membership's user is user_2NxBob…".
    public var detail: String

    public init(kind: Kind, file: String?, line: Int?, membershipID: String, organization: String?, detail: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.membershipID = membershipID
        self.organization = organization
        self.detail = detail
    }

    /// `decisions.csv line 7`, or `no row` for a membership no file names.
    public var location: String {
        guard let file else { return "no row" }
        return line.map { "\(file) line \($0)" } ?? file
    }
}
