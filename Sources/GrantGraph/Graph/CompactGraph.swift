import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// The access graph as the export builds it: resources as their canonical bytes, entitlements and grants
/// as references to the objects they come from, all sorted. It holds what the snapshot file will, in a
/// fraction of the memory `AccessGraph`'s values would take for a large instance.
///
/// Machine entitlements and grants (snapshot 1.1) are few and kept as values ahead of the tables: every
/// `machine:` id sorts before every `organization:` and `permission:` id, so they are the first records of
/// their sections.
public struct CompactGraph: SnapshotBody {
    let resources: SortedRecords
    let machineEntitlements: [Entitlement]
    let entitlements: EntitlementTable
    let machineGrants: [Grant]
    let grants: GrantTable
    /// Sorted by id.
    let accessPaths: [AccessPath]
    public let diagnostics: [Diagnostic]
    public let counts: [(key: String, value: Int)]

    init(
        resources: SortedRecords, machineEntitlements: [Entitlement] = [], entitlements: EntitlementTable,
        machineGrants: [Grant] = [], grants: GrantTable, accessPaths: [AccessPath] = [], diagnostics: [Diagnostic],
        resourceCounts: [Resource.Kind: Int]
    ) {
        self.resources = resources
        self.machineEntitlements = machineEntitlements
        self.entitlements = entitlements
        self.machineGrants = machineGrants
        self.grants = grants
        self.accessPaths = accessPaths
        self.diagnostics = diagnostics
        var byKind = Dictionary(uniqueKeysWithValues: Entitlement.Kind.allCases.map { ($0, grants.count(of: $0)) })
        byKind[.access, default: 0] += machineGrants.count
        counts = Self.counts(
            resources: resources.count, byType: resourceCounts, entitlements: machineEntitlements.count + entitlements.count,
            grants: machineGrants.count + grants.count, byKind: byKind, diagnostics: diagnostics.count,
            accessPaths: accessPaths.count)
    }

    public func recordCount(_ section: SnapshotSection) -> Int {
        switch section {
        case .entitlements: return machineEntitlements.count + entitlements.count
        case .grants: return machineGrants.count + grants.count
        case .resources: return resources.count
        case .accessPaths: return accessPaths.count
        }
    }

    public func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter) {
        switch section {
        case .entitlements:
            if index < machineEntitlements.count {
                writer.writeRecord(machineEntitlements[index])
            } else {
                entitlements.write(index - machineEntitlements.count, to: &writer)
            }
        case .grants:
            if index < machineGrants.count {
                writer.writeRecord(machineGrants[index])
            } else {
                grants.write(index - machineGrants.count, to: &writer)
            }
        case .resources: resources.write(index, to: &writer)
        case .accessPaths: writer.writeRecord(accessPaths[index])
        }
    }

    public func blockWriter(for section: SnapshotSection, range: Range<Int>) -> (any SnapshotBlockWriter)? {
        guard section == .grants else { return nil }
        let tableRange = max(range.lowerBound, machineGrants.count)..<max(range.upperBound, machineGrants.count)
        return GrantBlockWriter(machineGrants: machineGrants, table: grants, gathered: grants.gather(tableRange.lowerBound - machineGrants.count..<tableRange.upperBound - machineGrants.count))
    }

    /// The same graph as values, read back from the records' bytes: for tests and small tenants.
    public func accessGraph() -> AccessGraph {
        func records<Record>(_ section: SnapshotSection, _ make: (JSONObject) throws(JSONFieldError) -> Record) -> [Record] {
            (0..<recordCount(section)).map { index in
                var writer = CanonicalJSONWriter()
                writeRecord(index, of: section, to: &writer)
                // The bytes were just written by this module's own writers: failing to read them back is a bug.
                guard let object = try? JSONParser.parse(writer.bytes).objectValue, let record = try? make(object) else {
                    preconditionFailure("a compact \(section) record does not read back: \(String(decoding: writer.bytes, as: UTF8.self))")
                }
                return record
            }
        }
        return AccessGraph(
            resources: records(.resources, Resource.init(json:)), entitlements: records(.entitlements, Entitlement.init(json:)),
            grants: records(.grants, Grant.init(json:)), diagnostics: diagnostics,
            accessPaths: records(.accessPaths, AccessPath.init(json:)))
    }
}
