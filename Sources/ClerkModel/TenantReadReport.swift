/// What a reader learned about a tenant besides its objects: what was asked for, what could not be read
/// to the end (and why), and the observations made along the way (count mismatches, cursor fallbacks).
public struct TenantReadReport: Sendable {
    public var requested: Set<ClerkCollection>
    /// Collections that could not be read to the end, with the reason.
    public var incomplete: [ClerkCollection: String] = [:]
    public var diagnostics: [Diagnostic] = []

    public init(requested: Set<ClerkCollection>) {
        self.requested = requested
    }

    public var isComplete: Bool { incomplete.isEmpty }
}
