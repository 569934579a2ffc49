/// The shape of a snapshot file, declared once per schema version: its top-level members in file order,
/// which of them are record arrays and which of those the digest covers, the counts it states and which
/// record types it may hold. The encoder writes from this list, the validator and the byte-level indexer
/// read by it, and the digest frames the sections it names (`DigestHasher`), so a new member, section,
/// count or version is one edit here plus tests.
public enum SnapshotLayout {
    /// A schema version this tool writes and reads. Minor versions only add: a 1.1 file is a 1.0 file plus
    /// `access_paths`, four counts, and the resource types and entitlement kind 1.0 cannot hold; a 1.2 file
    /// is a 1.1 file plus the evidence members `provenance`, `chain` and `signature`, none of which the
    /// digest covers.
    public enum Version: String, CaseIterable, Sendable, Comparable {
        case v1_0 = "1.0"
        case v1_1 = "1.1"
        case v1_2 = "1.2"

        /// What an export writes.
        public static let latest = Version.v1_2

        /// The layout a file stating `schemaVersion` is read by: this major's `1.0`, `1.1` and `1.2` as
        /// themselves, `1` as 1.0, and a later minor (`1.3`) as the latest this tool knows, since minors
        /// only add. Nil for another major or a version that is not `<major>[.<minor>...]` in digits.
        public init?(reading schemaVersion: String) {
            if let exact = Version(rawValue: schemaVersion) {
                self = exact
                return
            }
            let parts = schemaVersion.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                let major = Int(parts[0]), major == Snapshot.supportedMajor
            else { return nil }
            let minor = parts.count > 1 ? Int(parts[1]) : 0
            guard let minor else { return nil }
            self = Self.allCases.first { $0.rawValue == "\(major).\(minor)" } ?? .latest
        }

        public static func < (left: Version, right: Version) -> Bool {
            allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
        }

        /// The top-level members of a file of this version, in file order.
        public var members: [Member] { Member.allCases.filter { $0.introduced <= self } }
        /// Its record arrays, in file order.
        public var recordArrays: [Member] { members.filter(\.isRecordArray) }
        /// The sections its digest frames, in order.
        public var digestSections: [SnapshotSection] { members.compactMap(\.section) }
        /// The names of its members; any other name makes a file of this version invalid.
        public var memberKeys: Set<String> { Set(members.map(\.key)) }
        /// The entries of its `counts`, in the order they are computed.
        public var counts: [(key: String, counted: Counted)] {
            SnapshotLayout.counts.filter { $0.introduced <= self }.map { (key: $0.key, counted: $0.counted) }
        }

        /// Whether a file of this version may hold resources of `type`.
        public func allows(_ type: Resource.Kind) -> Bool {
            switch type {
            case .user, .organization, .role, .permission: return true
            case .roleSet, .machine: return self >= .v1_1
            }
        }

        /// Whether a file of this version may hold entitlements of `kind`.
        public func allows(_ kind: Entitlement.Kind) -> Bool {
            switch kind {
            case .member, .role, .permission: return true
            case .access: return self >= .v1_1
            }
        }

        /// Whether a file of this version has `access_paths`, role sets and machines (1.1 and later).
        public var hasAccessPaths: Bool { self >= .v1_1 }

        /// Whether its organizations may carry `manual_invitation_domains`.
        public var allowsManualInvitationDomains: Bool { self >= .v1_1 }

        /// Whether its users may carry `active_sessions` and `active_sessions_last_active_at` (`--sessions`).
        public var allowsSessionAttributes: Bool { self >= .v1_1 }

        /// Whether its files say how they were collected (`provenance`), link to the stored snapshot before
        /// them (`chain`) and have a place for an HMAC (`signature`): 1.2 and later.
        public var hasEvidence: Bool { self >= .v1_2 }

        /// The resource attributes only a later version may carry, by resource type.
        package func forbiddenAttributes(of type: Resource.Kind) -> [String] {
            switch type {
            case .organization where !allowsManualInvitationDomains: return ["manual_invitation_domains"]
            case .user where !allowsSessionAttributes: return RecordKind.sessionAttributes.sorted()
            default: return []
            }
        }
    }

    /// One top-level member of a snapshot file. Declared in the order the file lists them, which is
    /// canonical key order (code-point order of `key`).
    public enum Member: CaseIterable, Sendable {
        case accessPaths, chain, complete, counts, diagnostics, digest, entitlements, generatedAt, grants, provenance, resources,
            schema, schemaVersion, signature, source, tool

        /// The member's name in the file.
        public var key: String {
            switch self {
            case .accessPaths: return SnapshotSection.accessPaths.rawValue
            case .chain: return "chain"
            case .complete: return "complete"
            case .counts: return "counts"
            case .diagnostics: return "diagnostics"
            case .digest: return "digest"
            case .entitlements: return SnapshotSection.entitlements.rawValue
            case .generatedAt: return "generated_at"
            case .grants: return SnapshotSection.grants.rawValue
            case .provenance: return "provenance"
            case .resources: return SnapshotSection.resources.rawValue
            case .schema: return "schema"
            case .schemaVersion: return "schema_version"
            case .signature: return "signature"
            case .source: return "source"
            case .tool: return "tool"
            }
        }

        /// The first version whose files hold the member.
        public var introduced: Version {
            switch self {
            case .accessPaths: return .v1_1
            case .chain, .provenance, .signature: return .v1_2
            default: return .v1_0
            }
        }

        /// The section the digest covers, for the arrays of access records.
        public var section: SnapshotSection? {
            switch self {
            case .accessPaths: return .accessPaths
            case .entitlements: return .entitlements
            case .grants: return .grants
            case .resources: return .resources
            default: return nil
            }
        }

        /// An array of records, one per line: the digest's sections and the diagnostics.
        public var isRecordArray: Bool { section != nil || self == .diagnostics }

        /// The record-array member named `key` (of any version), nil for any other name.
        package init?(recordArray key: String) {
            guard let member = SnapshotLayout.recordArrays.first(where: { $0.key == key }) else { return nil }
            self = member
        }
    }

    /// The record arrays of any version, in file order: what a reader streams before it knows the version.
    public static let recordArrays = Member.allCases.filter(\.isRecordArray)
    /// The names of every top-level member of any version.
    public static let memberKeys = Set(Member.allCases.map(\.key))

    /// What one entry of `counts` counts.
    public enum Counted: Sendable, Equatable {
        /// Every record of a section.
        case records(SnapshotSection)
        case diagnostics
        /// Resources of one type.
        case resources(Resource.Kind)
        /// Grants of entitlements of one kind.
        case grants(Entitlement.Kind)
    }

    /// The entries of `counts` of every version, in the order they are computed (the file lists them by
    /// key, as every object), each with the version that introduced it: a version's counts are a prefix.
    public static let counts: [(key: String, counted: Counted, introduced: Version)] = [
        ("resources", .records(.resources), .v1_0),
        ("entitlements", .records(.entitlements), .v1_0),
        ("grants", .records(.grants), .v1_0),
        ("diagnostics", .diagnostics, .v1_0),
        ("users", .resources(.user), .v1_0),
        ("organizations", .resources(.organization), .v1_0),
        ("roles", .resources(.role), .v1_0),
        ("permissions", .resources(.permission), .v1_0),
        ("memberships", .grants(.member), .v1_0),
        ("member_grants", .grants(.member), .v1_0),
        ("role_grants", .grants(.role), .v1_0),
        ("permission_grants", .grants(.permission), .v1_0),
        ("access_paths", .records(.accessPaths), .v1_1),
        ("role_sets", .resources(.roleSet), .v1_1),
        ("machines", .resources(.machine), .v1_1),
        ("machine_grants", .grants(.access), .v1_1),
    ]

    /// `counts` of `version` (every version's when nil) from the figures a reader or a builder has at hand;
    /// a kind or type it did not see counts 0.
    package static func counts(
        _ version: Version? = nil, records: (SnapshotSection) -> Int, diagnostics: Int, resources byType: [Resource.Kind: Int],
        grants byKind: [Entitlement.Kind: Int]
    ) -> [(key: String, value: Int)] {
        counts.filter { version == nil || $0.introduced <= version! }.map { entry in
            switch entry.counted {
            case .records(let section): return (key: entry.key, value: records(section))
            case .diagnostics: return (key: entry.key, value: diagnostics)
            case .resources(let type): return (key: entry.key, value: byType[type] ?? 0)
            case .grants(let kind): return (key: entry.key, value: byKind[kind] ?? 0)
            }
        }
    }

    /// `counts`, every version's, cut to those `version` states.
    package static func counts(_ all: [(key: String, value: Int)], of version: Version) -> [(key: String, value: Int)] {
        let keys = Set(version.counts.map(\.key))
        return all.filter { keys.contains($0.key) }
    }
}
