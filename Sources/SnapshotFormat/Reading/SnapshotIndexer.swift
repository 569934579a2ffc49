import CanonicalJSON
import ClerkModel
import Dispatch
import Foundation
import Synchronization

/// Builds an `IndexedSnapshot`: one pass over the file's bytes that checks its records and notes where they
/// are, then the reference, count and digest checks over those notes. No JSON tree and no `String` per
/// field are made for the records, which is where `SnapshotValidator` spends its time and memory.
///
/// It must never accept a file `SnapshotValidator` rejects, since `diff` and `validate` trust its answer:
/// each record rule below restates one of the validator's (the model types' `init(json:)` and
/// `SnapshotRecordRules`), and the
/// header, top-level names and counts are judged by the validator's own code. It gives up (nil) at the
/// first problem without saying what it is, and also on valid files outside what it reads — `JSONCursor`'s
/// subset of JSON, escapes in ids, keys, timestamps or field names, repeated record arrays — leaving both to
/// `SnapshotValidator`. A key repeated within any object fails the read, as it fails `JSONParser`.
struct SnapshotIndexer {
    /// A record array: `SnapshotLayout`'s, one reader each below.
    private typealias Section = SnapshotLayout.Member

    var cursor: JSONCursor
    private var root = JSONObject()
    private var sectionsRead: [Section] = []
    /// Reads the later parts of the grants and resources sections on another core meanwhile, when the file
    /// is large enough.
    private var tails: SectionTailReader?
    /// Per part: the indexer has met or passed the second reader's start, so the part is settled.
    private var tailsSettled = [false, false]
    private var recordsReadOnSecondCore = 0
    /// The digest of the sections up to the grants, hashed meanwhile; nil when they were not in order.
    private var earlyDigest: EarlyDigest?
    /// How many of the digest's sections (in file order) `earlyDigest` hashes.
    private var earlyDigestSections = 0
    private var diagnostics: [Diagnostic] = []
    private var resources: [IndexedSnapshot.ResourceEntry] = []
    private var entitlements: [IndexedSnapshot.EntitlementEntry] = []
    private(set) var grants: [IndexedSnapshot.GrantEntry] = []
    /// Snapshot 1.1's few access paths and role sets, decoded whole and checked by the validator's rules.
    private var accessPaths: [AccessPath] = []
    private var accessPathRecords: [ByteSpan] = []
    private var roleSets: [Resource] = []
    /// An organization states `manual_invitation_domains`, which a 1.0 file cannot.
    private var sawManualInvitationDomains = false

    private var bytes: UnsafeBufferPointer<UInt8> { cursor.bytes }
    /// Build everything on the calling thread (`SectionTailReader.Placement.onOneCore`).
    private var onOneCore = false

    static func index(_ data: Data, placement: SectionTailReader.Placement = .standard) -> IndexedSnapshot? {
        guard data.count < Int(UInt32.max) else { return nil }
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let tails = SectionTailReader(bytes, placement: placement)
            // The second reader reads these bytes: it is done (or told to stop, and stopped) before they go.
            defer { tails?.finish() }
            var indexer = SnapshotIndexer(cursor: JSONCursor(bytes), tails: tails)
            indexer.onOneCore = placement.onOneCore
            // So does the early digest's thread, whether or not the file reads.
            defer { indexer.earlyDigest?.wait() }
            return indexer.read(data)
        }
    }

    init(cursor: JSONCursor, tails: SectionTailReader? = nil) {
        self.cursor = cursor
        self.tails = tails
    }

    /// What a second reader of one part hands over.
    var tail: SectionTailReader.Tail {
        SectionTailReader.Tail(
            grants: grants, resources: resources, roleSets: roleSets, sawManualInvitationDomains: sawManualInvitationDomains, end: cursor.index)
    }

    private mutating func read(_ data: Data) -> IndexedSnapshot? {
        guard readDocument() else { return nil }
        // The references need every resource and entitlement: the tables and the few checks first, then the
        // grants in two halves, one a core, the first half's core also finishing the digest of the records
        // as they stand (`SnapshotValidator`'s file-order digest, from the spans noted), hashed up to the
        // grants while the resources were read.
        let resourceTable = SpanTable(count: resources.count, bytes: bytes) { [resources] in resources[$0].id }
        let entitlementTable = SpanTable(count: entitlements.count, bytes: bytes) { [entitlements] in entitlements[$0].id }
        let sections = sectionsRead.compactMap(\.section)
        let early = earlyDigest?.result()
        guard checkEntitlementReferences(resourceTable), checkVersion11References(entitlementTable, resourceTable) else { return nil }
        let split = grants.count * 9 / 20
        let digestJob = Mutex<(sections: [SnapshotSection], value: String)?>(nil)
        let halves = Mutex<[ResolvedGrants?]>([nil, nil])
        do {
            // Both jobs only read; this copy shares the lists and is gone before the grants are written to.
            nonisolated(unsafe) let reader = self
            let job: @Sendable (Int) -> Void = { job in
                let range = job == 0 ? 0..<split : split..<reader.grants.count
                let resolved = reader.resolveGrants(range, entitlementTable, resourceTable)
                halves.withLock { $0[job] = resolved }
                if job == 0 {
                    let value = reader.fileOrderDigest(sections, continuing: early)
                    digestJob.withLock { $0 = value }
                }
            }
            if onOneCore {
                job(0)
                job(1)
            } else {
                DispatchQueue.concurrentPerform(iterations: 2, execute: job)
            }
        }
        let (resolvedFirst, resolvedSecond) = halves.withLock { ($0[0], $0[1]) }
        guard let first = resolvedFirst, let second = resolvedSecond else { return nil }
        let fileDigest = digestJob.withLock { $0 }
        for (offset, index) in grants.indices.enumerated() {
            let (part, position) = offset < split ? (first, offset) : (second, offset - split)
            grants[index].entitlement = part.entitlements[position]
            grants[index].principal = part.principals[position]
        }
        var resolvedCounts = first.counts
        for (kind, count) in second.counts { resolvedCounts[kind, default: 0] += count }
        let grantCounts = resolvedCounts
        let allCounts = counts(grantCounts)
        guard let (header, claimed, version) = SnapshotValidator.header(of: root, counts: allCounts),
            Set(sectionsRead.map(\.key)) == Set(version.recordArrays.map(\.key)), fits(version, grantCounts),
            case let recordsAreCanonical = fileDigest?.sections == version.digestSections && fileDigest?.value == claimed,
            recordsAreCanonical || canonicalDigest(version) == claimed
        else { return nil }
        return IndexedSnapshot(
            recordsAreCanonical: recordsAreCanonical, recordsReadOnSecondCore: recordsReadOnSecondCore,
            bytes: data, header: header, digest: claimed, diagnostics: diagnostics, counts: SnapshotLayout.counts(allCounts, of: version),
            resources: resources, entitlements: entitlements, grants: grants, resourceTable: resourceTable,
            entitlementTable: entitlementTable, accessPaths: accessPaths)
    }

    /// `SnapshotValidator`'s file-order digest: the digest sections' records hashed as they stand in the
    /// file, in the order it holds them; nil when that order is not the digest's. `early` has the first
    /// `earlyDigestSections` of them hashed already.
    private func fileOrderDigest(_ sections: [SnapshotSection], continuing early: RecordSpanDigest?) -> (sections: [SnapshotSection], value: String)? {
        guard Self.inDigestOrder(sections) else { return nil }
        var hasher = early ?? RecordSpanDigest(bytes: bytes)
        for section in sections.dropFirst(early == nil ? 0 : earlyDigestSections) {
            switch section {
            case .accessPaths: hasher.section(section, count: accessPathRecords.count) { accessPathRecords[$0] }
            case .entitlements: hasher.section(section, count: entitlements.count) { entitlements[$0].record }
            case .grants: hasher.section(section, count: grants.count) { grants[$0].record }
            case .resources: hasher.section(section, count: resources.count) { resources[$0].record }
            }
        }
        return (sections, hasher.finish())
    }

    /// Sections in `SnapshotSection`'s order, which the file-order digest needs.
    private static func inDigestOrder(_ sections: [SnapshotSection]) -> Bool {
        let order = SnapshotSection.allCases
        return zip(sections, sections.dropFirst()).allSatisfy { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
    }

    /// Once the grants are read (the last section listed): hashes the sections so far on another thread,
    /// when they are in order.
    private mutating func startEarlyDigest() {
        let sections = sectionsRead.compactMap(\.section)
        guard !onOneCore, earlyDigest == nil, Self.inDigestOrder(sections) else { return }
        earlyDigestSections = sections.count
        earlyDigest = EarlyDigest(
            EarlyDigest.Input(sections: sections, accessPathRecords: accessPathRecords, entitlements: entitlements, grants: grants), bytes: bytes)
    }

    /// The validator's `checkVersion`: an earlier version's file holds none of the later ones' types,
    /// kinds and attributes.
    private func fits(_ version: SnapshotLayout.Version, _ grantCounts: [Entitlement.Kind: Int]) -> Bool {
        guard version < .latest else { return true }
        return resources.allSatisfy { version.allows($0.type) } && entitlements.allSatisfy { version.allows($0.kind) }
            && (version.allowsManualInvitationDomains || !sawManualInvitationDomains)
    }

    /// The validator's `checkAccessPaths`, over the decoded paths and role sets with the index's tables.
    private func checkVersion11References(_ entitlementTable: SpanTable, _ resourceTable: SpanTable) -> Bool {
        func resourceType(_ id: String) -> Resource.Kind? {
            var id = id
            return id.withUTF8 { probe in
                resourceTable.find(probe, in: bytes) { [resources] in resources[$0].id }.map { resources[$0].type }
            }
        }
        for roleSet in roleSets where SnapshotRecordRules.roleSetReferenceProblem(roleSet, isRole: { resourceType($0) == .role }) != nil {
            return false
        }
        func entitlement(_ id: String) -> (kind: Entitlement.Kind, resource: String)? {
            var id = id
            guard let position = id.withUTF8({ probe in entitlementTable.find(probe, in: bytes) { [entitlements] in entitlements[$0].id } })
            else { return nil }
            let entry = entitlements[position]
            return (entry.kind, String(decoding: bytes[entry.id.prefix(entry.resourceLength)], as: UTF8.self))
        }
        return accessPaths.allSatisfy {
            SnapshotRecordRules.checkReferences($0, resourceType: resourceType, entitlement: entitlement) == nil
        }
    }

    /// The digest of the records re-encoded canonically, for a file laid out otherwise than this tool writes
    /// (indented, keys reordered, other escapes), whose bytes do not hash to it as they stand. One record
    /// is decoded at a time, from the spans already noted.
    private func canonicalDigest(_ version: SnapshotLayout.Version) -> String {
        SnapshotDigest.digest(version) { section in
            switch section {
            case .entitlements: return entitlements.count
            case .grants: return grants.count
            case .resources: return resources.count
            case .accessPaths: return accessPaths.count
            }
        } write: { writer, section, index in
            let span: ByteSpan
            switch section {
            case .entitlements: span = entitlements[index].record
            case .grants: span = grants[index].record
            case .resources: span = resources[index].record
            case .accessPaths:
                // Decoded whole: written back from the value, as the validator's digest does.
                writer.write(accessPaths[index].json)
                return
            }
            // The cursor checked the record, so it parses; were it not to, the digest simply fails to match.
            if let value = try? JSONParser.parse(Array(bytes[span])) { writer.write(value) }
        }
    }

    // MARK: - The document

    private mutating func readDocument() -> Bool {
        guard cursor.take(UInt8(ascii: "{")), !cursor.take(UInt8(ascii: "}")) else { return false }
        var scope = cursor.keys.open()
        while true {
            guard let keyRange = cursor.key(), cursor.note(key: keyRange, in: &scope) else { return false }
            let key = String(decoding: bytes[ByteSpan(keyRange)], as: UTF8.self)
            if let section = Section(recordArray: key) {
                // A repeated record array is a repeated key, which `note` has refused already.
                guard !sectionsRead.contains(section), cursor.take(UInt8(ascii: "[")), readSection(section, key) else { return false }
                sectionsRead.append(section)
                if section == .grants { startEarlyDigest() }
            } else {
                cursor.skipWhitespace()
                let start = cursor.index
                guard cursor.skipValue(depth: 0),
                    let value = try? JSONParser.parse(Array(bytes[start..<cursor.index]))
                else { return false }
                root.members.append((key: key, value: value))
            }
            guard let more = cursor.continues(before: UInt8(ascii: "}")) else { return false }
            if !more { break }
        }
        cursor.skipWhitespace()
        return cursor.atEnd
    }

    /// The elements of a record array, after its `[`.
    private mutating func readSection(_ section: Section, _ key: String) -> Bool {
        reserveCapacity(section, key)
        if cursor.take(UInt8(ascii: "]")) { return true }
        while true {
            cursor.skipWhitespace()
            let start = cursor.index
            let read: Bool
            switch section {
            case .resources:
                if joinTail(.resources, at: start) { return true }
                read = readResource()
            case .entitlements: read = readEntitlement()
            case .grants:
                if joinTail(.grants, at: start) { return true }
                read = readGrant()
            case .diagnostics: read = readDiagnostic()
            case .accessPaths: read = readAccessPath()
            default: return false
            }
            guard read else { return false }
            guard let more = cursor.continues(before: UInt8(ascii: "]")) else { return false }
            if !more { break }
        }
        return true
    }

    /// At the record starting at `start`: when the second reader started `part` there, takes its records
    /// and moves past the section's `]` (true); once this reader has met or passed its start, the part is
    /// settled either way, and a part not taken is read here (false).
    private mutating func joinTail(_ part: SectionTailReader.Part, at start: Int) -> Bool {
        guard let tails, !tailsSettled[part.rawValue], let tailStart = tails.start(of: part), start >= tailStart else { return false }
        tailsSettled[part.rawValue] = true
        // Started at this very record, it read what this loop would have; its first record must still
        // follow this reader's last.
        if start == tailStart, let tail = tails.join(part) {
            switch part {
            case .grants:
                if let first = tail.grants.first, grants.last.map({ precedes($0.id, first.id) }) ?? true {
                    recordsReadOnSecondCore += tail.grants.count
                    grants += tail.grants
                    cursor.index = tail.end
                    return true
                }
            case .resources:
                if let first = tail.resources.first, resources.last.map({ precedes($0.id, first.id) }) ?? true {
                    recordsReadOnSecondCore += tail.resources.count
                    resources += tail.resources
                    roleSets += tail.roleSets
                    sawManualInvitationDomains = sawManualInvitationDomains || tail.sawManualInvitationDomains
                    cursor.index = tail.end
                    return true
                }
            }
        }
        // Its start was no record of this section, or it found a problem: read on here.
        tails.abandon(part)
        return false
    }

    /// `counts` comes before the record arrays in a canonical file: sizing the lists from it spares copying
    /// them as they grow. The file is not trusted yet, so the size is capped by what its bytes could hold.
    private mutating func reserveCapacity(_ section: Section, _ key: String) {
        guard let claimed = root["counts"]?.objectValue?[key]?.int64Value, claimed > 0 else { return }
        let capacity = Int(min(claimed, Int64((bytes.count - cursor.index) / 64)))
        switch section {
        case .resources: resources.reserveCapacity(capacity)
        case .entitlements: entitlements.reserveCapacity(capacity)
        case .grants: grants.reserveCapacity(capacity)
        case .diagnostics: diagnostics.reserveCapacity(capacity)
        default: break
        }
    }

    // MARK: - Records

    // Each reader restates its model type's `init(json:)` and `SnapshotRecordRules`: required fields present
    // with the right types and known enumeration values, optional ones absent, null or of the right type,
    // ids, keys and timestamps by their rules. Fields the index keeps, compares or checks by a rule must be
    // plain strings, so that their bytes are their values.
    // Field names are matched as static strings for speed; `RecordKindTests` holds them to `RecordKind`
    // by removing and mistyping each declared field and requiring both readers to refuse it alike.

    mutating func readResource() -> Bool {
        let start = cursor.index
        var id: Range<Int>?
        var type: (name: Range<Int>, kind: Resource.Kind)?
        var clerkID: Range<Int>?
        var hasName = false
        var hasAttributes = false
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") {
                return setOnce(&id, cursor.plainString())
            } else if cursor.key(key, is: "type") {
                guard type == nil, let name = cursor.plainString(), let kind = Resource.Kind(rawValue: cursor.text(name)) else { return false }
                type = (name, kind)
            } else if cursor.key(key, is: "clerk_id") {
                return setOnce(&clerkID, cursor.plainString())
            } else if cursor.key(key, is: "display_name") {
                guard !hasName, cursor.string() != nil else { return false }
                hasName = true
            } else if cursor.key(key, is: "attributes") {
                guard !hasAttributes, cursor.peek(UInt8(ascii: "{")), cursor.attributes(sawManualInvitationDomains: &sawManualInvitationDomains)
                else { return false }
                hasAttributes = true
            } else {
                return cursor.skipValue(depth: 1)
            }
            return true
        }
        guard read, let id, let type, let clerkID, hasName, hasAttributes, isJoined(id, type.name, clerkID),
            ClerkID.isValid(bytes: UnsafeBufferPointer(rebasing: bytes[clerkID]))
        else { return false }
        let entry = IndexedSnapshot.ResourceEntry(record: ByteSpan(start..<cursor.index), id: ByteSpan(id), type: type.kind)
        if let previous = resources.last, !precedes(previous.id, entry.id) { return false }
        if type.kind == .roleSet {
            guard case .object(let object)? = try? JSONParser.parse(Array(bytes[start..<cursor.index])),
                let roleSet = try? Resource(json: object), (try? SnapshotRecordRules.check(roleSet)) != nil
            else { return false }
            roleSets.append(roleSet)
        }
        resources.append(entry)
        return true
    }

    private mutating func readEntitlement() -> Bool {
        let start = cursor.index
        var id: Range<Int>?
        var resource: Range<Int>?
        var slug: Range<Int>?
        var kind: Entitlement.Kind?
        var purpose: Entitlement.Purpose?
        var grantable: IndexedSnapshot.ResourceKinds?
        var hasName = false
        var hasRole = false
        var role: Range<Int>?
        var hasRoleKey = false
        var roleKey: (range: Range<Int>?, plain: Bool)?
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") {
                return setOnce(&id, cursor.plainString())
            } else if cursor.key(key, is: "resource") {
                return setOnce(&resource, cursor.plainString())
            } else if cursor.key(key, is: "slug") {
                return setOnce(&slug, cursor.plainString())
            } else if cursor.key(key, is: "kind") {
                guard kind == nil, let name = cursor.plainString(), let value = Entitlement.Kind(rawValue: cursor.text(name)) else { return false }
                kind = value
            } else if cursor.key(key, is: "purpose") {
                guard purpose == nil, let name = cursor.plainString(), let value = Entitlement.Purpose(rawValue: cursor.text(name)) else { return false }
                purpose = value
            } else if cursor.key(key, is: "grantable_to") {
                guard grantable == nil, let kinds = cursor.resourceKinds() else { return false }
                grantable = kinds
            } else if cursor.key(key, is: "display_name") {
                guard !hasName, cursor.string() != nil else { return false }
                hasName = true
            } else if cursor.key(key, is: "role") {
                guard !hasRole, let value = cursor.optionalString(), value.plain else { return false }
                hasRole = true
                role = value.range
            } else if cursor.key(key, is: "role_key") {
                guard !hasRoleKey, let value = cursor.optionalString() else { return false }
                hasRoleKey = true
                roleKey = value
            } else {
                return cursor.skipValue(depth: 1)
            }
            return true
        }
        guard read, let id, let resource, let slug, let kind, let purpose, let grantable, hasName else { return false }
        guard isJoined(id, resource, slug), followsKindRules(kind, purpose, grantable, slug: slug, role: role, roleKey: roleKey?.range.map { ($0, roleKey!.plain) }) else { return false }
        let entry = IndexedSnapshot.EntitlementEntry(
            record: ByteSpan(start..<cursor.index), id: ByteSpan(id), resourceLength: UInt32(resource.count), kind: kind,
            grantableTo: grantable, role: role.map(ByteSpan.init))
        if let previous = entitlements.last, !precedes(previous.id, entry.id) { return false }
        entitlements.append(entry)
        return true
    }

    mutating func readGrant() -> Bool {
        let start = cursor.index
        var id: Range<Int>?
        var entitlement: Range<Int>?
        var principal: Range<Int>?
        var hasSource = false
        var membershipID: Range<Int>?
        var roleKey: Range<Int>?
        var grantedAt: Range<Int>?
        let read = cursor.members { cursor, key in
            if cursor.key(key, is: "id") {
                return setOnce(&id, cursor.plainString())
            } else if cursor.key(key, is: "entitlement") {
                return setOnce(&entitlement, cursor.plainString())
            } else if cursor.key(key, is: "principal") {
                return setOnce(&principal, cursor.plainString())
            } else if cursor.key(key, is: "source") {
                guard !hasSource, cursor.peek(UInt8(ascii: "{")) else { return false }
                hasSource = true
                var seen = (membershipID: false, roleKey: false, grantedAt: false)
                return cursor.members { cursor, key in
                    if cursor.key(key, is: "membership_id") {
                        guard !seen.membershipID, let value = cursor.optionalString(), value.plain else { return false }
                        seen.membershipID = true
                        membershipID = value.range
                        if let range = value.range, !ClerkID.isValid(bytes: UnsafeBufferPointer(rebasing: cursor.bytes[range])) { return false }
                    } else if cursor.key(key, is: "role_key") {
                        guard !seen.roleKey, let value = cursor.optionalString() else { return false }
                        seen.roleKey = true
                        if let range = value.range {
                            guard value.plain, ClerkKey.isValid(bytes: UnsafeBufferPointer(rebasing: cursor.bytes[range])) else { return false }
                        }
                        roleKey = value.range
                    } else if cursor.key(key, is: "granted_at") {
                        guard !seen.grantedAt, let value = cursor.optionalString() else { return false }
                        seen.grantedAt = true
                        if let range = value.range {
                            guard value.plain, Timestamp.milliseconds(rfc3339: UnsafeBufferPointer(rebasing: cursor.bytes[range])) != nil else { return false }
                        }
                        grantedAt = value.range
                    } else {
                        return cursor.skipValue(depth: 2)
                    }
                    return true
                }
            } else {
                return cursor.skipValue(depth: 1)
            }
        }
        guard read, let id, let entitlement, let principal, hasSource, isJoined(id, entitlement, principal) else { return false }
        let entry = IndexedSnapshot.GrantEntry(
            record: ByteSpan(start..<cursor.index), id: ByteSpan(id), entitlementLength: UInt32(entitlement.count),
            entitlement: -1, membershipID: membershipID.map(ByteSpan.init), roleKey: roleKey.map(ByteSpan.init),
            grantedAt: grantedAt.map(ByteSpan.init))
        if let previous = grants.last, !precedes(previous.id, entry.id) { return false }
        grants.append(entry)
        return true
    }

    /// Access paths are few and kept whole: read by `JSONParser`, the validator's decoder and its rules.
    private mutating func readAccessPath() -> Bool {
        let start = cursor.index
        guard cursor.peek(UInt8(ascii: "{")), cursor.skipValue(depth: 0),
            case .object(let object)? = try? JSONParser.parse(Array(bytes[start..<cursor.index])),
            let path = try? AccessPath(json: object), (try? SnapshotRecordRules.check(path)) != nil
        else { return false }
        if let previous = accessPaths.last, !codePointPrecedes(previous.id, path.id) { return false }
        accessPaths.append(path)
        accessPathRecords.append(ByteSpan(start..<cursor.index))
        return true
    }

    /// Diagnostics are few and kept whole: read by `JSONParser` and the validator's own decoder.
    private mutating func readDiagnostic() -> Bool {
        let start = cursor.index
        guard cursor.peek(UInt8(ascii: "{")), cursor.skipValue(depth: 0),
            case .object(let object)? = try? JSONParser.parse(Array(bytes[start..<cursor.index])),
            let diagnostic = try? decodeDiagnostic(object)
        else { return false }
        diagnostics.append(diagnostic)
        return true
    }

    // MARK: - References

    /// Every entitlement's resource exists (a machine for an access entitlement), and its role, when it
    /// names one, is a role.
    private func checkEntitlementReferences(_ resourceTable: SpanTable) -> Bool {
        for entitlement in entitlements {
            guard let resource = resourcePosition(entitlement.id.prefix(entitlement.resourceLength), resourceTable),
                entitlement.kind != .access || resources[resource].type == .machine
            else { return false }
            if let role = entitlement.role {
                guard let position = resourcePosition(role, resourceTable), resources[position].type == .role else { return false }
            }
        }
        return true
    }

    /// Each grant's entitlement and principal, by position, and the number of grants of each entitlement kind.
    private struct ResolvedGrants: Sendable {
        var entitlements: [Int32]
        var principals: [Int32]
        var counts: [Entitlement.Kind: Int]
    }

    /// Finds every grant's entitlement and checks its principal exists and may hold it.
    private func resolveGrants(_ range: Range<Int>, _ entitlementTable: SpanTable, _ resourceTable: SpanTable) -> ResolvedGrants? {
        var counts = [Int](repeating: 0, count: Entitlement.Kind.allCases.count)
        var entitlementPositions = [Int32](repeating: -1, count: range.count)
        var principalPositions = [Int32](repeating: -1, count: range.count)
        // Grants are sorted by id, so runs of them share an entitlement: compare with the last one first.
        var last: (span: ByteSpan, position: Int)?
        for index in range {
            let grant = grants[index]
            let span = grant.id.prefix(grant.entitlementLength)
            let position: Int
            if let last, bytes.bytesEqual(span, bytes, last.span) {
                position = last.position
            } else {
                guard let found = entitlementTable.find(bytes[span], in: bytes, key: { [entitlements] in entitlements[$0].id }) else { return nil }
                position = found
                last = (span, found)
            }
            let entitlement = entitlements[position]
            guard let principal = resourcePosition(grant.id.suffix(after: grant.entitlementLength), resourceTable),
                entitlement.grantableTo.contains(resources[principal].type)
            else { return nil }
            entitlementPositions[index - range.lowerBound] = Int32(position)
            principalPositions[index - range.lowerBound] = Int32(principal)
            counts[Entitlement.Kind.allCases.firstIndex(of: entitlement.kind)!] += 1
        }
        var byKind: [Entitlement.Kind: Int] = [:]
        for (kind, count) in zip(Entitlement.Kind.allCases, counts) where count > 0 { byKind[kind] = count }
        return ResolvedGrants(entitlements: entitlementPositions, principals: principalPositions, counts: byKind)
    }

    private func resourcePosition(_ span: ByteSpan, _ table: SpanTable) -> Int? {
        table.find(bytes[span], in: bytes) { [resources] in resources[$0].id }
    }

    /// `SnapshotLayout.counts`, from the index.
    private func counts(_ grantCounts: [Entitlement.Kind: Int]) -> [(key: String, value: Int)] {
        var types: [Resource.Kind: Int] = [:]
        for resource in resources { types[resource.type, default: 0] += 1 }
        return SnapshotLayout.counts(
            records: { section in
                switch section {
                case .entitlements: return entitlements.count
                case .grants: return grants.count
                case .resources: return resources.count
                case .accessPaths: return accessPaths.count
                }
            }, diagnostics: diagnostics.count, resources: types, grants: grantCounts)
    }

    // MARK: - Bytes

    /// Ids are in strictly increasing code-point order: sorted, and (with the same check) unique.
    private func precedes(_ earlier: ByteSpan, _ later: ByteSpan) -> Bool {
        bytes.compareBytes(earlier, bytes, later) < 0
    }

    /// `Entitlement.init(json:)`'s kind rules over the noted fields; `roleKey` is nil when absent or null.
    private func followsKindRules(
        _ kind: Entitlement.Kind, _ purpose: Entitlement.Purpose, _ grantable: IndexedSnapshot.ResourceKinds, slug: Range<Int>,
        role: Range<Int>?, roleKey: (range: Range<Int>, plain: Bool)?
    ) -> Bool {
        guard purpose == kind.purpose, grantable.bits == IndexedSnapshot.ResourceKinds.bit(kind.grantee),
            SnapshotRecordRules.isValidSlug(UnsafeBufferPointer(rebasing: bytes[slug]), kind: kind)
        else { return false }
        guard kind == .role else { return role == nil && roleKey == nil }
        guard let role, let roleKey, roleKey.plain, bytes.bytesEqual(ByteSpan(role), bytes, ByteSpan(slug)) else { return false }
        return ClerkKey.isValid(bytes: UnsafeBufferPointer(rebasing: bytes[roleKey.range]))
    }

    /// `id` is `<first>:<second>`.
    private func isJoined(_ id: Range<Int>, _ first: Range<Int>, _ second: Range<Int>) -> Bool {
        id.count == first.count + 1 + second.count
            && bytes.bytesEqual(ByteSpan(start: id.lowerBound, count: first.count), bytes, ByteSpan(first))
            && bytes[id.lowerBound + first.count] == UInt8(ascii: ":")
            && bytes.bytesEqual(ByteSpan(start: id.upperBound - second.count, count: second.count), bytes, ByteSpan(second))
    }
}

/// For the record readers' fields that must appear once. The cursor refuses a repeated key before a
/// field is read, so this guards the slots rather than the file.
private func setOnce<Value>(_ slot: inout Value?, _ value: Value?) -> Bool {
    guard slot == nil, let value else { return false }
    slot = value
    return true
}

extension JSONCursor {
    /// A resource's `attributes`, checked by `SnapshotRecordRules`' rules on the attributes `RecordKind`
    /// declares as millisecond timestamps and as counts; notes a `manual_invitation_domains` (1.1 only).
    fileprivate mutating func attributes(sawManualInvitationDomains: inout Bool) -> Bool {
        members { cursor, key in
            if cursor.key(key, is: "manual_invitation_domains") {
                sawManualInvitationDomains = true
                return cursor.skipValue(depth: 2)
            } else if cursor.key(key, isOneOf: AttributeNames.millisecondTimestamps) {
                guard let value = cursor.optionalString() else { return false }
                guard let range = value.range else { return true }
                return value.plain && SnapshotRecordRules.isMillisecondTimestamp(UnsafeBufferPointer(rebasing: cursor.bytes[range]))
            } else if cursor.key(key, isOneOf: AttributeNames.counts) {
                cursor.skipWhitespace()
                switch cursor.next {
                case UInt8(ascii: "n"): return cursor.literal("null")
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return cursor.integer()
                default: return false
                }
            }
            return cursor.skipValue(depth: 2)
        }
    }

    fileprivate func key(_ key: Range<Int>, isOneOf names: [[UInt8]]) -> Bool {
        let key = UnsafeBufferPointer(rebasing: bytes[key])
        return names.contains { $0.count == key.count && $0.elementsEqual(key) }
    }

    /// `grantable_to`: an array of resource type names.
    fileprivate mutating func resourceKinds() -> IndexedSnapshot.ResourceKinds? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var kinds = IndexedSnapshot.ResourceKinds()
        if take(UInt8(ascii: "]")) { return kinds }
        while true {
            // A repeated name is left to the validator, which counts it.
            guard let name = plainString(), let kind = Resource.Kind(rawValue: text(name)), !kinds.contains(kind) else { return nil }
            kinds.insert(kind)
            guard let more = continues(before: UInt8(ascii: "]")) else { return nil }
            if !more { return kinds }
        }
    }
}

/// The rule-bearing attribute names from `RecordKind`, as bytes to match keys with.
private enum AttributeNames {
    static let millisecondTimestamps = RecordKind.millisecondTimestampAttributes.map { Array($0.utf8) }
    static let counts = RecordKind.countAttributes.map { Array($0.utf8) }
}
