import CanonicalJSON
import ClerkModel

/// Resources, entitlements and grants, each sorted by id, plus the diagnostics gathered building them.
/// This is the part of a snapshot the digest covers (diagnostics excepted).
public struct AccessGraph: Sendable, Equatable {
    public var resources: [Resource]
    public var entitlements: [Entitlement]
    public var grants: [Grant]
    public var diagnostics: [Diagnostic]
    /// Snapshot 1.1's `access_paths`; empty in a 1.0 file.
    public var accessPaths: [AccessPath]

    public init(
        resources: [Resource], entitlements: [Entitlement], grants: [Grant], diagnostics: [Diagnostic], accessPaths: [AccessPath] = []
    ) {
        self.accessPaths = accessPaths
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
        accessPaths = sortedByID(accessPaths, id: \.id)
        diagnostics.sort(by: Diagnostic.canonicalOrder)
    }

    /// Sorts positions by id and then gathers the records once: going through `String` comparisons (and
    /// moving whole records) costs reference counting at every step.
    func sortedByID<Record>(_ records: [Record], id: (Record) -> String) -> [Record] {
        var ids = ByteStrings(reservingCapacity: records.count, averageLength: 48)
        for record in records { ids.append(id(record)) }
        return ids.sortedIndices().map { records[$0] }
    }
}
