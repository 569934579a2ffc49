/// What a reader learned about a tenant besides its objects: what was asked for, what could not be read
/// to the end (and why), and the observations made along the way (count mismatches, cursor fallbacks).
public struct TenantReadReport: Sendable {
    public var requested: Set<ClerkCollection>
    /// Collections that could not be read to the end, with the reason.
    public var incomplete: [ClerkCollection: String] = [:]
    public var diagnostics: [Diagnostic] = []
    /// Collections read by default (not named in `--resources`) that the key was not allowed to read
    /// (403, or 404/402 where an older or smaller plan lacks the endpoint), with the reason: they are left
    /// out of the snapshot as if not requested, and a diagnostic says so.
    public var refused: [ClerkCollection: String] = [:]

    /// What the snapshot holds: the requested collections the reader was allowed to read.
    public var exported: Set<ClerkCollection> { requested.subtracting(refused.keys) }

    public init(requested: Set<ClerkCollection>) {
        self.requested = requested
    }

    public var isComplete: Bool { incomplete.isEmpty }

    /// Adds what a later read (the sessions, read after the rest) learned.
    public mutating func merge(_ other: TenantReadReport) {
        requested.formUnion(other.requested)
        incomplete.merge(other.incomplete) { first, _ in first }
        refused.merge(other.refused) { first, _ in first }
        diagnostics += other.diagnostics
    }
}
