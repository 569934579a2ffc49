import ClerkModel
import SnapshotFormat

/// One side of a comparison as `SnapshotDiffer` reads it, so one algorithm serves a decoded `Snapshot`
/// (`GraphDiffSide`) and a file read lean (`IndexedSnapshot`). Records are addressed by position in id
/// order; the differ lines the two sides up with `match`, which each side does over its own storage, and
/// asks for whole records only for what its output shows.
protocol DiffSide {
    var facts: SnapshotDiff.Side { get }
    var diagnostics: [Diagnostic] { get }
    var grantCount: Int { get }
    /// Snapshot 1.1's access paths in id order (a few per organization: always decoded); empty for 1.0.
    var accessPaths: [AccessPath] { get }

    /// Lines up `old`'s and `new`'s records of one kind. `differing` may hold pairs that turn out equal
    /// field by field (the differ checks), but never leaves out a pair that differs.
    static func match(_ section: RecordMatch.Section, _ old: Self, _ new: Self) -> RecordMatch

    func resource(at position: Int) -> Resource
    func entitlement(at position: Int) -> Entitlement
    func grant(at position: Int) -> Grant
    func resourcePosition(id: String) -> Int?
    func entitlementPosition(id: String) -> Int?

    /// The kind of the grant's entitlement (nil when it names none) and its membership id, without
    /// decoding the grant.
    func entitlementKind(ofGrant position: Int) -> Entitlement.Kind?
    func membershipID(ofGrant position: Int) -> String?

    /// Positions of the member grants of the given memberships (the last, should one have two). Role-change
    /// folding asks this of every grant of a side; a side may answer without a `String` per grant.
    func memberGrants(of memberships: Set<String>) -> [String: Int]
}

extension DiffSide {
    func memberGrants(of memberships: Set<String>) -> [String: Int] {
        var positions: [String: Int] = [:]
        for position in 0..<grantCount {
            if entitlementKind(ofGrant: position) == .member, let membership = membershipID(ofGrant: position),
                memberships.contains(membership)
            {
                positions[membership] = position
            }
        }
        return positions
    }
}
