/// The shape of a snapshot file, declared once: its top-level members in file order, which of them are
/// record arrays and which of those the digest covers, and the counts it states. The encoder writes
/// from this list, the validator and the byte-level indexer read by it, and the digest frames the
/// sections it names (`DigestHasher`), so a new member, section or count is one edit here plus tests.
public enum SnapshotLayout {
    /// One top-level member of a snapshot file. Declared in the order the file lists them, which is
    /// canonical key order (code-point order of `key`).
    public enum Member: CaseIterable, Sendable {
        case complete, counts, diagnostics, digest, entitlements, generatedAt, grants, resources, schema, schemaVersion,
            source, tool

        /// The member's name in the file.
        public var key: String {
            switch self {
            case .complete: return "complete"
            case .counts: return "counts"
            case .diagnostics: return "diagnostics"
            case .digest: return "digest"
            case .entitlements: return SnapshotSection.entitlements.rawValue
            case .generatedAt: return "generated_at"
            case .grants: return SnapshotSection.grants.rawValue
            case .resources: return SnapshotSection.resources.rawValue
            case .schema: return "schema"
            case .schemaVersion: return "schema_version"
            case .source: return "source"
            case .tool: return "tool"
            }
        }

        /// The section the digest covers, for the three arrays of access records.
        public var section: SnapshotSection? {
            switch self {
            case .entitlements: return .entitlements
            case .grants: return .grants
            case .resources: return .resources
            default: return nil
            }
        }

        /// An array of records, one per line: the digest's sections and the diagnostics.
        public var isRecordArray: Bool { section != nil || self == .diagnostics }

        /// The record-array member named `key`, nil for any other name.
        package init?(recordArray key: String) {
            guard let member = SnapshotLayout.recordArrays.first(where: { $0.key == key }) else { return nil }
            self = member
        }
    }

    /// The record arrays, in file order.
    public static let recordArrays = Member.allCases.filter(\.isRecordArray)
    /// The names of every top-level member; any other name makes a file invalid.
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

    /// The entries of `counts` in the order they are computed (the file lists them by key, as every object).
    public static let counts: [(key: String, counted: Counted)] = [
        ("resources", .records(.resources)),
        ("entitlements", .records(.entitlements)),
        ("grants", .records(.grants)),
        ("diagnostics", .diagnostics),
        ("users", .resources(.user)),
        ("organizations", .resources(.organization)),
        ("roles", .resources(.role)),
        ("permissions", .resources(.permission)),
        ("memberships", .grants(.member)),
        ("member_grants", .grants(.member)),
        ("role_grants", .grants(.role)),
        ("permission_grants", .grants(.permission)),
    ]

    /// `counts` from the figures a reader or a builder has at hand; a kind or type it did not see counts 0.
    package static func counts(
        records: (SnapshotSection) -> Int, diagnostics: Int, resources byType: [Resource.Kind: Int],
        grants byKind: [Entitlement.Kind: Int]
    ) -> [(key: String, value: Int)] {
        counts.map { entry in
            switch entry.counted {
            case .records(let section): return (key: entry.key, value: records(section))
            case .diagnostics: return (key: entry.key, value: diagnostics)
            case .resources(let type): return (key: entry.key, value: byType[type] ?? 0)
            case .grants(let kind): return (key: entry.key, value: byKind[kind] ?? 0)
            }
        }
    }
}
