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
        resources = sortedByID(resources, id: \.id)
        entitlements = sortedByID(entitlements, id: \.id)
        grants = sortedByID(grants, id: \.id)
        diagnostics.sort(by: Diagnostic.canonicalOrder)
    }

    /// Sorts positions by id and then gathers the records once: moving whole records through a merge
    /// sort retains and releases each of their strings at every step.
    private func sortedByID<Record>(_ records: [Record], id: (Record) -> String) -> [Record] {
        let ids = records.map(id)
        let order = ids.indices.sorted { codePointPrecedes(ids[$0], ids[$1]) }
        return order.map { records[$0] }
    }
}
