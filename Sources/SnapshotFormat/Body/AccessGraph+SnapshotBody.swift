import CanonicalJSON

extension AccessGraph: SnapshotBody {
    /// Computed in one pass over the graph. A grant whose entitlement is not in the graph counts in
    /// `grants` but under no kind.
    public var counts: [(key: String, value: Int)] {
        var resourceCounts: [Resource.Kind: Int] = [:]
        for resource in resources { resourceCounts[resource.type, default: 0] += 1 }
        var kindOfEntitlement: [String: Entitlement.Kind] = [:]
        kindOfEntitlement.reserveCapacity(entitlements.count)
        for entitlement in entitlements { kindOfEntitlement[entitlement.id] = entitlement.kind }
        var grantCounts: [Entitlement.Kind: Int] = [:]
        for grant in grants {
            if let kind = kindOfEntitlement[grant.entitlement] { grantCounts[kind, default: 0] += 1 }
        }
        return Self.counts(
            resources: resources.count, byType: resourceCounts, entitlements: entitlements.count, grants: grants.count,
            byKind: grantCounts, diagnostics: diagnostics.count,
            accessPaths: accessPaths.count)
    }

    public func recordCount(_ section: SnapshotSection) -> Int {
        switch section {
        case .entitlements: return entitlements.count
        case .grants: return grants.count
        case .resources: return resources.count
        case .accessPaths: return accessPaths.count
        }
    }

    public func writeRecord(_ index: Int, of section: SnapshotSection, to writer: inout CanonicalJSONWriter) {
        switch section {
        case .entitlements: writer.writeRecord(entitlements[index])
        case .grants: writer.writeRecord(grants[index])
        case .resources: writer.writeRecord(resources[index])
        case .accessPaths: writer.writeRecord(accessPaths[index])
        }
    }
}
