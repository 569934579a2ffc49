import SnapshotFormat

/// `remediation`: each revoke and change decision of a certification, checked against a later snapshot
/// of the same instance.
public struct Remediation: Sendable {
    public var record: CertificationRecord
    public var laterDigest: String
    public var laterGeneratedAt: String
    /// `--within-days`: an item outstanding for longer is overdue; nil when not given.
    public var withinDays: Int?
    public var items: [RemediationItem]

    public func count(_ status: RemediationStatus) -> Int { items.count { $0.status == status } }
    public var overdueCount: Int { items.count(where: \.isOverdue) }
    /// Nothing outstanding: `remediation` exits 0 only then.
    public var isSettled: Bool { count(.outstanding) == 0 }

    /// Checks `record`'s actions against `later`; refuses a snapshot of another instance or one older
    /// than the certified snapshot, where "done" would mean nothing.
    public static func check(_ record: CertificationRecord, later: AccessIndex, withinDays: Int?) throws(RemediationRefusal) -> Remediation {
        let snapshot = later.snapshot
        guard snapshot.source.instance == record.instance else {
            throw .otherInstance(certified: record.instance, later: snapshot.source.instance)
        }
        let laterTime = Timestamp.milliseconds(rfc3339: snapshot.generatedAt) ?? 0
        let certifiedTime = Timestamp.milliseconds(rfc3339: record.snapshotGeneratedAt) ?? 0
        guard laterTime >= certifiedTime else {
            throw .olderSnapshot(certified: record.snapshotGeneratedAt, later: snapshot.generatedAt)
        }
        let certifiedAt = Timestamp.milliseconds(rfc3339: record.certifiedAt) ?? certifiedTime
        let day: Int64 = 86_400_000
        let items = record.actions.map { action in
            let (status, finding) = Self.status(of: action, in: later)
            let decided = action.reviewedAt.flatMap(ReviewedAt.milliseconds) ?? certifiedAt
            let elapsed = laterTime - decided
            let overdue = status == .outstanding && withinDays.map { elapsed > Int64($0) * day } == true
            return RemediationItem(
                action: action, status: status, finding: finding, daysSinceDecision: Int(elapsed.floorDivided(by: day)),
                isOverdue: overdue)
        }
        return Remediation(record: record, laterDigest: snapshot.digest, laterGeneratedAt: snapshot.generatedAt, withinDays: withinDays, items: items)
    }

    static func status(of action: CertificationRecord.Action, in later: AccessIndex) -> (RemediationStatus, String) {
        let current = later.membership(id: action.membershipID).flatMap {
            $0.organization == action.organization && $0.user == action.user ? $0 : nil
        }
        let role = { (membership: Membership) in membership.roleKey ?? "no role" }
        let rejoined = later.memberships(ofUser: action.user).first { $0.organization == action.organization && $0.id != action.membershipID }
        let userGone = later.userFacts(action.user) == nil
        switch action.decision {
        case .keep:
            return (.done, "kept")
        case .revoke:
            if let current {
                return current.roleKey == action.roleKey
                    ? (.outstanding, "still a member as \(role(current))")
                    : (.changedOtherwise, "still a member, now as \(role(current))")
            }
            if let rejoined { return (.changedOtherwise, "membership gone, but a member again through \(rejoined.id) as \(role(rejoined))") }
            return (.done, userGone ? "membership gone, user deleted" : "membership gone")
        case .change(let target):
            if let current {
                if current.roleKey == target { return (.done, "role now \(target)") }
                if current.roleKey == action.roleKey { return (.outstanding, "role still \(role(current))") }
                return (.changedOtherwise, "role now \(role(current)), not \(target)")
            }
            if let rejoined { return (.changedOtherwise, "membership gone, a member through \(rejoined.id) as \(role(rejoined))") }
            return (.changedOtherwise, userGone ? "membership gone, user deleted" : "membership gone")
        }
    }
}

extension Int64 {
    /// The quotient rounded down, also for a negative dividend (a decision dated after the snapshot).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}
