import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// The access graph as the export builds it: resources as their canonical bytes, entitlements and grants
/// as references to the objects they come from, all sorted. It holds what the snapshot file will, in a
/// fraction of the memory `AccessGraph`'s values would take for a large instance.
public struct CompactGraph: SnapshotBody {
    let resources: SortedRecords
    let entitlements: EntitlementTable
    let grants: GrantTable
    public let diagnostics: [Diagnostic]
    public let counts: [(key: String, value: Int)]

    init(
        resources: SortedRecords, entitlements: EntitlementTable, grants: GrantTable, diagnostics: [Diagnostic],
        resourceCounts: [Resource.Kind: Int]
    ) {
        self.resources = resources
        self.entitlements = entitlements
        self.grants = grants
        self.diagnostics = diagnostics
        counts = Self.counts(
            resources: resources.count, byType: resourceCounts, entitlements: entitlements.count, grants: grants.count,
            byKind: Dictionary(uniqueKeysWithValues: Entitlement.Kind.allCases.map { ($0, grants.count(of: $0)) }),
            diagnostics: diagnostics.count)
    }

    public func recordCount(_ section: SnapshotSection) -> Int {
        switch section {
        case .entitlements: return entitlements.count
        case .grants: return grants.count
        case .resources: return resources.count
        case .accessPaths: return 0  // TODO(s13-graph)
        }
    }

    public func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter) {
        switch section {
        case .entitlements: entitlements.write(index, to: &writer)
        case .grants: grants.write(index, to: &writer)
        case .resources: resources.write(index, to: &writer)
        case .accessPaths: preconditionFailure("TODO(s13-graph)")
        }
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
            grants: records(.grants, Grant.init(json:)), diagnostics: diagnostics)
    }
}
