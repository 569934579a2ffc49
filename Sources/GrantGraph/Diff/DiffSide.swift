import ClerkModel

/// One side of a comparison as `SnapshotDiffer` reads it, so one algorithm serves a decoded `Snapshot`
/// (`GraphDiffSide`) and a file read lean (`IndexedSnapshot`). Records are addressed by position in id
/// order; the differ lines the two sides up with `match`, which each side does over its own storage, and
/// asks for whole records only for what its output shows.
protocol DiffSide {
    var facts: SnapshotDiff.Side { get }
    var diagnostics: [Diagnostic] { get }
    var grantCount: Int { get }

    /// Lines up `old`'s and `new`'s records of one kind. `differing` may hold pairs that turn out equal
    /// field by field (the differ checks), but never leaves out a pair that differs.
    static func match(_ section: RecordMatch.Section, _ old: Self, _ new: Self) -> RecordMatch

    func resource(at position: Int) -> Resource
    func entitlement(at position: Int) -> Entitlement
    func grant(at position: Int) -> Grant
    func resourcePosition(id: String) -> Int?
    func entitlementPosition(id: String) -> Int?

    /// The kind of the grant's entitlement (nil when it names none) and its membership id: read for every
    /// grant when role changes are folded, so cheaper than decoding the grant.
    func entitlementKind(ofGrant position: Int) -> Entitlement.Kind?
    func membershipID(ofGrant position: Int) -> String?
}
