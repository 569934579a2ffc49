import CanonicalJSON
import ClerkModel

/// Resources, entitlements and grants, each sorted by id, plus the diagnostics gathered building them.
/// This is the part of a snapshot the digest covers (diagnostics excepted).
public struct AccessGraph: Sendable, Equatable {
    public var resources: [Resource]
    public var entitlements: [Entitlement]
    public var grants: [Grant]
    public var diagnostics: [Diagnostic]

    public init(resources: [Resource], entitlements: [Entitlement], grants: [Grant], diagnostics: [Diagnostic]) {
        self.resources = resources
        self.entitlements = entitlements
        self.grants = grants
        self.diagnostics = diagnostics
    }

    /// Sorts every array into canonical order: records by id (code-point order), diagnostics by subject.
    public mutating func canonicalize() {
        resources.sort { codePointPrecedes($0.id, $1.id) }
        entitlements.sort { codePointPrecedes($0.id, $1.id) }
        grants.sort { codePointPrecedes($0.id, $1.id) }
        diagnostics.sort(by: Diagnostic.canonicalOrder)
    }
}
