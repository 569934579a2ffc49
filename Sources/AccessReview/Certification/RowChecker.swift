import CanonicalJSON
import OutputEscaping
import SnapshotFormat

/// The state of one `certify` run while rows are checked: decisions accepted so far, memberships a
/// refused row named, and the problems found, in the order the rows came.
struct RowChecker {
    let index: AccessIndex
    /// The organizations certified, in the report's order (every one without `--org`).
    let organizations: [Resource]
    /// Their ids, when the certification covers only some (`--org`); nil for every organization.
    private let scope: Set<String>?
    private var accepted: [String: CertifiedDecision] = [:]
    private var conflicted: Set<String> = []
    /// Memberships a row named correctly but could not decide (invalid decision, unknown role, bad time,
    /// conflict): their problem is reported at that row, not again as a missing decision.
    private var attempted: Set<String> = []
    /// The first row with an empty decision, per membership, for the missing-decision report.
    private var emptyRows: [String: (file: String, line: Int)] = [:]
    private(set) var problems: [CertificationProblem] = []
    /// `organization:<id>` -> the role keys it offers (its role entitlements), filled as changes need it.
    private var offeredRoleKeys: [String: [String]] = [:]
    private var roleIDsByKey: [String: [String]]?

    init(index: AccessIndex, scope: ReviewScope) {
        self.index = index
        organizations = scope.organizations(in: index)
        self.scope = scope.organizationIDs.map(Set.init)
    }

    mutating func check(_ record: CSVReader.Record, columns: [WorkbookColumn: Int], file: String) {
        func cell(_ column: WorkbookColumn) -> String { CSVCell.restored(record.fields[columns[column]!]) }
        let membershipID = cell(.membershipID).trimmingSpaces
        func problem(_ kind: CertificationProblem.Kind, _ detail: String, organization: String? = nil) {
            problems.append(
                CertificationProblem(kind: kind, file: file, line: record.line, membershipID: membershipID, organization: organization, detail: detail))
        }
        let digest = cell(.snapshotDigest).trimmingSpaces
        guard digest == index.snapshot.digest else {
            problem(.otherSnapshot, "snapshot_digest is \(digest.isEmpty ? "empty" : digest), not the certified snapshot's \(index.snapshot.digest)")
            return
        }
        guard !membershipID.isEmpty, let membership = index.membership(id: membershipID) else {
            problem(.unknownMembership, membershipID.isEmpty ? "membership_id is empty" : "no membership of the snapshot has the id \(membershipID)")
            return
        }
        let organization = membership.organization
        var mismatches: [String] = []
        let expected: [(WorkbookColumn, String)] = [
            (.organizationID, Resource.clerkID(of: organization)), (.userID, Resource.clerkID(of: membership.user)),
            (.roleKey, membership.roleKey ?? ""),
        ]
        for (column, value) in expected where cell(column).trimmingSpaces != value {
            let written = cell(column).trimmingSpaces
            mismatches.append("\(column.rawValue) is \(written.isEmpty ? "empty" : written) but the membership's is \(value.isEmpty ? "empty" : value)")
        }
        guard mismatches.isEmpty else {
            problem(.forgedRow, mismatches.joined(separator: "; "), organization: organization)
            return
        }
        if let scope, !scope.contains(organization) {
            problem(.otherOrganization, "\(index.displayName(organization)) is not one of the organizations certified (--org)", organization: organization)
            return
        }
        let decisionCell = cell(.decision).trimmingSpaces
        guard !decisionCell.isEmpty else {
            if emptyRows[membership.id] == nil { emptyRows[membership.id] = (file, record.line) }
            return
        }
        guard let decision = ReviewDecision(cell: decisionCell) else {
            attempted.insert(membership.id)
            problem(.invalidDecision, "decision \(decisionCell) is not keep, revoke or change:<role key>", organization: organization)
            return
        }
        if let target = decision.targetRoleKey {
            if target == membership.roleKey {
                attempted.insert(membership.id)
                problem(.invalidDecision, "decision \(decisionCell) changes to the role the membership has (write keep)", organization: organization)
                return
            }
            let offered = roleKeys(offeredBy: organization)
            guard offered.contains(target) else {
                attempted.insert(membership.id)
                let roles = offered.isEmpty ? "none" : offered.joined(separator: ", ")
                problem(.unknownRole, "\(index.displayName(organization)) has no role \(target) (its roles: \(roles))", organization: organization)
                return
            }
        }
        let reviewer = cell(.reviewer).trimmingSpaces
        guard !reviewer.isEmpty else {
            attempted.insert(membership.id)
            problem(.missingReviewer, "decision \(decision.cell) names no reviewer", organization: organization)
            return
        }
        let reviewedAt = cell(.reviewedAt).trimmingSpaces
        guard reviewedAt.isEmpty || ReviewedAt.milliseconds(reviewedAt) != nil else {
            attempted.insert(membership.id)
            problem(.invalidReviewedAt, "reviewed_at \(reviewedAt) is neither a date like 2026-11-24 nor a UTC time like 2026-11-24T10:00:00Z", organization: organization)
            return
        }
        if let earlier = accepted[membership.id] {
            guard earlier.decision != decision else { return }
            conflicted.insert(membership.id)
            attempted.insert(membership.id)
            problem(
                .conflictingDecision, "decision \(decision.cell) conflicts with \(earlier.decision.cell) at \(earlier.file) line \(earlier.line)",
                organization: organization)
            return
        }
        accepted[membership.id] = CertifiedDecision(
            membership: membership, userName: index.userName(of: membership), email: index.user(of: membership)?.primaryEmail,
            organizationName: index.organizationName(of: membership), decision: decision, reviewer: reviewer,
            reviewedAt: reviewedAt.isEmpty ? nil : reviewedAt, comment: cell(.comment), file: file, line: record.line)
    }

    /// The role keys an organization offers, sorted: those of its role entitlements.
    private mutating func roleKeys(offeredBy organization: String) -> [String] {
        if let known = offeredRoleKeys[organization] { return known }
        if roleIDsByKey == nil {
            var byKey: [String: [String]] = [:]
            let snapshot = index.snapshot
            for position in 0..<snapshot.resourceCount where snapshot.resources[position].type == .role {
                let role = snapshot.resource(at: position)
                if let key = role.string("key") { byKey[key, default: []].append(role.id) }
            }
            roleIDsByKey = byKey
        }
        let keys = roleIDsByKey!.filter { _, roles in
            roles.contains { index.entitlement("\(organization):\($0)") != nil }
        }.keys.sorted(by: codePointPrecedes)
        offeredRoleKeys[organization] = keys
        return keys
    }

    /// The accepted decisions, conflicting ones left out, in workbook order (organization, then user).
    func decisions() -> [CertifiedDecision] {
        var ordered: [CertifiedDecision] = []
        var listed: Set<String> = []
        for organization in organizations {
            for member in ReviewWorkbook.members(of: organization, in: index) {
                guard let decision = accepted[member.membership.id], !conflicted.contains(member.membership.id) else { continue }
                if listed.insert(member.membership.id).inserted { ordered.append(decision) }
            }
        }
        // A membership of an organization the snapshot does not list (a dangling one), by id.
        let rest = accepted.keys.filter { !listed.contains($0) && !conflicted.contains($0) }.sorted(by: codePointPrecedes)
        return ordered + rest.map { accepted[$0]! }
    }

    /// A missing-decision problem for every membership no row decided or tried to, in workbook order.
    func missing() -> [CertificationProblem] {
        var found: [CertificationProblem] = []
        var seen: Set<String> = []
        func report(_ membership: Membership, name: String) {
            guard accepted[membership.id] == nil, !attempted.contains(membership.id), seen.insert(membership.id).inserted else { return }
            let row = emptyRows[membership.id]
            let role = membership.roleKey ?? "no role"
            let what = "\(name) (\(Resource.clerkID(of: membership.user))) in \(index.organizationName(of: membership)) as \(role)"
            found.append(
                CertificationProblem(
                    kind: .missingDecision, file: row?.file, line: row?.line, membershipID: membership.id, organization: membership.organization,
                    detail: row == nil ? "\(what): no row in any file" : "\(what): the decision is empty"))
        }
        for organization in organizations {
            for member in ReviewWorkbook.members(of: organization, in: index) { report(member.membership, name: member.name) }
        }
        // Every membership is in a listed organization (its member entitlement's resource); this only
        // makes sure no membership of a whole-snapshot certification goes unchecked.
        if scope == nil {
            for membership in index.memberships { report(membership, name: index.userName(of: membership)) }
        }
        return found
    }

    /// Each organization's completion with `decisions` (from `decisions()`), in the report's organization order.
    func completion(of decisions: [CertifiedDecision]) -> [OrganizationCompletion] {
        var byOrganization: [String: OrganizationCompletion] = [:]
        for organization in organizations {
            byOrganization[organization.id] = OrganizationCompletion(
                organization: organization.id, name: organization.displayName, memberships: index.memberships(of: organization.id).count)
        }
        for decision in decisions {
            switch decision.decision {
            case .keep: byOrganization[decision.membership.organization]?.keep += 1
            case .revoke: byOrganization[decision.membership.organization]?.revoke += 1
            case .change: byOrganization[decision.membership.organization]?.change += 1
            }
        }
        return organizations.compactMap { byOrganization[$0.id] }
    }
}
