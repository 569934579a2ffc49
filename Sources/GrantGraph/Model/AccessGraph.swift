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

    /// Sorts positions by id and then gathers the records once. The ids' bytes are laid end to end in one
    /// buffer so each comparison is a memcmp: going through `String` (and moving whole records) costs
    /// reference counting at every step, which dominated the export for a million records.
    func sortedByID<Record>(_ records: [Record], id: (Record) -> String) -> [Record] {
        var arena: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(records.count + 1)
        for record in records {
            starts.append(arena.count)
            var text = id(record)
            text.withUTF8 { arena.append(contentsOf: $0) }
        }
        starts.append(arena.count)
        let order = arena.withUnsafeBufferPointer { bytes -> [Int] in
            let base = bytes.baseAddress
            return records.indices.sorted { left, right in
                let leftLength = starts[left + 1] - starts[left]
                let rightLength = starts[right + 1] - starts[right]
                let common = min(leftLength, rightLength)
                if common > 0, let base {
                    let order = memcmp(base + starts[left], base + starts[right], common)
                    if order != 0 { return order < 0 }
                }
                if leftLength != rightLength { return leftLength < rightLength }
                return left < right  // equal ids keep their original order
            }
        }
        return order.map { records[$0] }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
