import CanonicalJSON
import ClerkModel
import Foundation

/// A validated snapshot file kept as its bytes plus the position of every record and of the few fields
/// `diff` compares by, instead of a `Resource`, `Entitlement` or `Grant` per record: a tenant of a million
/// grants then costs its file and a few dozen bytes per record, and an unchanged record is recognised by
/// its bytes alone. Records are decoded into the model types only when asked for (`resource(at:)`, ...),
/// which `diff` does for the ones its output shows.
///
/// Made by `init?(_:)`, which checks the file exactly as `SnapshotValidator` does; it returns nil for an
/// invalid file and also for a valid one laid out unlike this tool writes them (see `SnapshotIndexer`),
/// so nil means "ask `SnapshotValidator`", not "invalid".
public struct IndexedSnapshot: Sendable {
    package struct ResourceEntry: Sendable, Equatable {
        package var record: ByteSpan
        package var id: ByteSpan
        package var type: Resource.Kind
    }

    package struct EntitlementEntry: Sendable, Equatable {
        package var record: ByteSpan
        /// `<resource>:<slug>`: the resource is the first `resourceLength` bytes.
        package var id: ByteSpan
        package var resourceLength: UInt32
        package var kind: Entitlement.Kind
        package var grantableTo: ResourceKinds
        package var role: ByteSpan?
    }

    package struct GrantEntry: Sendable, Equatable {
        package var record: ByteSpan
        /// `<entitlement>:<principal>`: the entitlement is the first `entitlementLength` bytes.
        package var id: ByteSpan
        package var entitlementLength: UInt32
        /// The entitlement's position in `entitlements`.
        package var entitlement: Int32
        /// The principal's position in `resources` (every principal is a resource of the file).
        package var principal: Int32 = -1
        /// The source's optional fields, `ByteSpan.absent` when absent or null: an optional span would take
        /// four bytes more each, twelve bytes a grant over a million grants.
        private var membershipIDSpan: ByteSpan
        private var roleKeySpan: ByteSpan
        private var grantedAtSpan: ByteSpan

        package init(
            record: ByteSpan, id: ByteSpan, entitlementLength: UInt32, entitlement: Int32, membershipID: ByteSpan?, roleKey: ByteSpan?,
            grantedAt: ByteSpan?
        ) {
            self.record = record
            self.id = id
            self.entitlementLength = entitlementLength
            self.entitlement = entitlement
            membershipIDSpan = membershipID ?? .absent
            roleKeySpan = roleKey ?? .absent
            grantedAtSpan = grantedAt ?? .absent
        }

        package var membershipID: ByteSpan? {
            get { membershipIDSpan.present }
            set { membershipIDSpan = newValue ?? .absent }
        }
        /// The source's `role_key` and `granted_at`, which reports show per membership.
        package var roleKey: ByteSpan? {
            get { roleKeySpan.present }
            set { roleKeySpan = newValue ?? .absent }
        }
        package var grantedAt: ByteSpan? {
            get { grantedAtSpan.present }
            set { grantedAtSpan = newValue ?? .absent }
        }
    }

    /// A set of resource types in one byte: an entitlement's `grantable_to`.
    package struct ResourceKinds: Sendable, Equatable {
        package var bits: UInt8 = 0

        package static func bit(_ kind: Resource.Kind) -> UInt8 {
            switch kind {
            case .user: return 1
            case .organization: return 2
            case .role: return 4
            case .permission: return 8
            case .roleSet: return 16
            case .machine: return 32
            }
        }

        package mutating func insert(_ kind: Resource.Kind) { bits |= Self.bit(kind) }
        package func contains(_ kind: Resource.Kind) -> Bool { bits & Self.bit(kind) != 0 }
    }

    package let bytes: Data
    public let header: SnapshotHeader
    public let digest: String
    public let diagnostics: [Diagnostic]
    /// Record counts as `Snapshot.counts` gives them, in the same order.
    public let counts: [(key: String, value: Int)]
    /// Each list in id order, as the file holds them.
    package let resources: [ResourceEntry]
    package let entitlements: [EntitlementEntry]
    package let grants: [GrantEntry]
    package let resourceTable: SpanTable
    package let entitlementTable: SpanTable
    /// Snapshot 1.1's access paths, decoded (an instance has a few per organization at most), in id order;
    /// empty for a 1.0 file.
    public let accessPaths: [AccessPath]
    /// Every record's bytes are its canonical encoding (the file's bytes hashed to its digest as they
    /// stand), so a feed may copy a record's bytes instead of decoding and re-encoding it.
    package let recordsAreCanonical: Bool
    /// How many grants and resources `SectionTailReader` read on a second core (0: the file was read on one).
    package let recordsReadOnSecondCore: Int

    init(
        recordsAreCanonical: Bool = false, recordsReadOnSecondCore: Int = 0, bytes: Data, header: SnapshotHeader, digest: String, diagnostics: [Diagnostic], counts: [(key: String, value: Int)],
        resources: [ResourceEntry], entitlements: [EntitlementEntry], grants: [GrantEntry], resourceTable: SpanTable,
        entitlementTable: SpanTable, accessPaths: [AccessPath] = []
    ) {
        self.recordsAreCanonical = recordsAreCanonical
        self.recordsReadOnSecondCore = recordsReadOnSecondCore
        self.accessPaths = accessPaths
        self.bytes = bytes
        self.header = header
        self.digest = digest
        self.diagnostics = diagnostics
        self.counts = counts
        self.resources = resources
        self.entitlements = entitlements
        self.grants = grants
        self.resourceTable = resourceTable
        self.entitlementTable = entitlementTable
    }

    /// Reads and checks a snapshot file; nil when it is invalid or not in the shape this reader handles.
    public init?(_ data: Data) {
        guard let indexed = SnapshotIndexer.index(data) else { return nil }
        self = indexed
    }

    /// As `init?(_:)`, with the second reader of the grants placed as given (tests place it anywhere).
    package init?(_ data: Data, placement: SectionTailReader.Placement) {
        guard let indexed = SnapshotIndexer.index(data, placement: placement) else { return nil }
        self = indexed
    }

    /// A snapshot held whole in memory (a valid file the indexer does not read as it stands, or one a test
    /// built) as an indexed one: encoded canonically with its digest recomputed, which the indexer reads
    /// whatever the original file's layout was. Nil only for a graph no valid file could hold.
    public init?(encoding snapshot: Snapshot) {
        let (bytes, _) = SnapshotEncoder.encode(snapshot.header, body: snapshot.graph)
        self.init(Data(bytes))
    }

    public var schemaVersion: String { header.schemaVersion }
    public var generatedAt: String { header.generatedAt }
    public var tool: Snapshot.Tool { header.tool }
    public var source: Snapshot.Source { header.source }
    public var complete: Bool { header.complete }
    /// The layout its file has (`SnapshotHeader.layout`).
    public var layout: SnapshotLayout.Version { header.layout }
    public var resourceCount: Int { resources.count }
    public var entitlementCount: Int { entitlements.count }
    public var grantCount: Int { grants.count }

    /// The whole snapshot decoded, as `SnapshotDecoder` gives it.
    public func decoded() -> Snapshot {
        guard let snapshot = try? SnapshotDecoder.decode(bytes) else {
            preconditionFailure("SnapshotIndexer accepted a file SnapshotValidator rejects")
        }
        return snapshot
    }

    // MARK: - Records

    package func resource(at position: Int) -> Resource { decode(resources[position].record, Resource.init(json:)) }
    package func entitlement(at position: Int) -> Entitlement { decode(entitlements[position].record, Entitlement.init(json:)) }
    package func grant(at position: Int) -> Grant { decode(grants[position].record, Grant.init(json:)) }

    package func resourcePosition(id: String) -> Int? {
        find(id, in: resourceTable) { resources[$0].id }
    }

    /// The position of the resource whose id has these bytes (of this file or any other buffer).
    package func resourcePosition(_ probe: UnsafeBufferPointer<UInt8>) -> Int? {
        withBytes { resourceTable.find(probe, in: $0) { resources[$0].id } }
    }

    package func entitlementPosition(id: String) -> Int? {
        find(id, in: entitlementTable) { entitlements[$0].id }
    }

    package func membershipID(ofGrant position: Int) -> String? {
        grants[position].membershipID.map(string)
    }

    /// Runs `body` over the file's bytes, for comparisons of many records at once.
    package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBytes { body($0.bindMemory(to: UInt8.self)) }
    }

    package func string(_ span: ByteSpan) -> String {
        withBytes { String(decoding: $0[span], as: UTF8.self) }
    }

    private func find(_ id: String, in table: SpanTable, key: (Int) -> ByteSpan) -> Int? {
        var id = id
        return id.withUTF8 { probe in withBytes { table.find(probe, in: $0, key: key) } }
    }

    /// The indexer checked that each record decodes, so a failure here is a bug, not bad input.
    private func decode<Record>(_ span: ByteSpan, _ make: (JSONObject) throws(JSONFieldError) -> Record) -> Record {
        let start = bytes.startIndex + Int(span.start)
        guard case .object(let object)? = try? JSONParser.parse(bytes[start..<(start + Int(span.count))]),
            let record = try? make(object)
        else {
            preconditionFailure("an indexed record no longer decodes")
        }
        return record
    }
}
