import CanonicalJSON
import ClerkModel
import SnapshotFormat

/// A decoded `Snapshot` as one side of a diff: records compared as values, found by id through
/// dictionaries. Positions are in id order; a graph's lists normally already are (a decoded snapshot's are
/// checked, a built one's canonicalized), and one that is not is walked through a sorted order.
struct GraphDiffSide: DiffSide {
    let facts: SnapshotDiff.Side
    let diagnostics: [Diagnostic]
    let accessPaths: [AccessPath]
    private let graph: AccessGraph
    /// Index in the graph's list of the record at each position; nil when the list is in id order.
    private let resourceOrder: [Int]?
    private let entitlementOrder: [Int]?
    private let grantOrder: [Int]?
    private let resourcePositions: [String: Int]
    private let entitlementPositions: [String: Int]

    init(_ snapshot: Snapshot) {
        facts = SnapshotDiff.Side(
            generatedAt: snapshot.generatedAt, digest: snapshot.digest, instance: snapshot.source.instance,
            apiURL: snapshot.source.apiURL, complete: snapshot.complete,
            schemaVersion: snapshot.schemaVersion)
        diagnostics = snapshot.graph.diagnostics
        accessPaths = snapshot.graph.accessPaths.sorted { codePointPrecedes($0.id, $1.id) }
        graph = snapshot.graph
        resourceOrder = Self.order(graph.resources.map(\.id))
        entitlementOrder = Self.order(graph.entitlements.map(\.id))
        grantOrder = Self.order(graph.grants.map(\.id))
        resourcePositions = Self.positions(graph.resources.count, resourceOrder) { [graph] in graph.resources[$0].id }
        entitlementPositions = Self.positions(graph.entitlements.count, entitlementOrder) { [graph] in graph.entitlements[$0].id }
    }

    var grantCount: Int { graph.grants.count }

    func resource(at position: Int) -> Resource { graph.resources[resourceOrder?[position] ?? position] }
    func entitlement(at position: Int) -> Entitlement { graph.entitlements[entitlementOrder?[position] ?? position] }
    func grant(at position: Int) -> Grant { graph.grants[grantOrder?[position] ?? position] }
    func resourcePosition(id: String) -> Int? { resourcePositions[id] }
    func entitlementPosition(id: String) -> Int? { entitlementPositions[id] }

    func entitlementKind(ofGrant position: Int) -> Entitlement.Kind? {
        entitlementPositions[grant(at: position).entitlement].map { entitlement(at: $0).kind }
    }

    func membershipID(ofGrant position: Int) -> String? { grant(at: position).source.membershipID }

    static func match(_ section: RecordMatch.Section, _ old: GraphDiffSide, _ new: GraphDiffSide) -> RecordMatch {
        switch section {
        case .resources:
            return merge(old.graph.resources.count, new.graph.resources.count, old.resource(at:), new.resource(at:), id: \.id)
        case .entitlements:
            return merge(old.graph.entitlements.count, new.graph.entitlements.count, old.entitlement(at:), new.entitlement(at:), id: \.id)
        case .grants:
            return merge(old.graph.grants.count, new.graph.grants.count, old.grant(at:), new.grant(at:), id: \.id)
        }
    }

    private static func merge<Record: Equatable>(
        _ oldCount: Int, _ newCount: Int, _ old: (Int) -> Record, _ new: (Int) -> Record, id: KeyPath<Record, String>
    ) -> RecordMatch {
        RecordMatch.merge(oldCount: oldCount, newCount: newCount) { i, j in
            let (a, b) = (old(i)[keyPath: id], new(j)[keyPath: id])
            return a == b ? 0 : codePointPrecedes(a, b) ? -1 : 1
        } identical: { i, j in
            old(i) == new(j)
        }
    }

    /// Indices of `ids` in id order, or nil when they already are (always, for a decoded snapshot).
    private static func order(_ ids: [String]) -> [Int]? {
        if zip(ids, ids.dropFirst()).allSatisfy({ codePointPrecedes($0, $1) || $0 == $1 }) { return nil }
        return ids.indices.sorted { codePointPrecedes(ids[$0], ids[$1]) }
    }

    private static func positions(_ count: Int, _ order: [Int]?, id: (Int) -> String) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(count)
        for position in 0..<count { positions[id(order?[position] ?? position)] = position }
        return positions
    }
}
