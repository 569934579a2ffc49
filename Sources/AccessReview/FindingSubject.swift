/// What a finding is about, as a position in the `AccessIndex` it was found in.
enum FindingSubject: Sendable, Equatable {
    /// A position in `users`.
    case user(Int32)
    /// A position in `organizations`.
    case organization(Int32)
    /// A position in the snapshot's `diagnostics` (one about a membership).
    case diagnostic(Int32)
    /// A position in `accessPaths`.
    case accessPath(Int32)
    /// A position in `machines`.
    case machine(Int32)
}
