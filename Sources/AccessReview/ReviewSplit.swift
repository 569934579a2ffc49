import CanonicalJSON
import ClerkModel
import OutputEscaping
import SnapshotFormat

/// `review --split DIR`: one review per organization, for its owner, plus an index a security lead starts
/// from. This type decides the files (names and counts), writes the index and makes each organization's
/// file with its format's writer and `ReviewScope.restricted(to:)` (`files`); the command writes them.
///
/// File names come from the organization's Clerk id, never its name: ids are validated to `[A-Za-z0-9_-]`
/// (`ClerkID`), so `org_2Nx….md` cannot spell a path step, a hidden file or a control character. An id
/// that could still clash (one beginning with `-`, the index's own name `index`, or two ids equal but for
/// case, which one file on a case-insensitive disk would hold) gets `organization.<n>.<ext>` instead,
/// by its position in the index: ids hold no `.`, so such a name can never be another id's.
public struct ReviewSplit: Sendable {
    /// One organization's file and the counts the index shows for it.
    public struct Entry: Sendable {
        public var organizationID: String
        public var clerkID: String
        public var name: String
        public var slug: String?
        /// The file's name inside the folder, e.g. `org_2NxAcme0000000000000000000.md`.
        public var fileName: String
        public var members: Int
        public var admins: Int
        /// Where the organization's findings are in the whole review's list.
        let findingPositions: [Int32]
        let allFindings: FindingList

        /// The organization's findings (after the scope's filters), in report order, with only its grants.
        /// Made when asked for: only the files being made hold theirs.
        public var findings: FindingList { allFindings.restricted(positions: findingPositions, to: organizationID) }
        /// How many findings the organization's file lists.
        public var findingCount: Int { findingPositions.count }

        public func findingCount(_ severity: FindingSeverity) -> Int { allFindings.count(of: severity, at: findingPositions) }
    }

    /// The index file's name without extension.
    public static let indexName = "index"

    public let format: ReviewFormat
    public let scope: ReviewScope
    /// In the report's organization order (by name, then id).
    public let entries: [Entry]

    /// `findings` as filtered by `scope`; each organization's are picked out once, not searched per file.
    public init(_ index: AccessIndex, format: ReviewFormat, scope: ReviewScope, findings: FindingList) {
        self.format = format
        self.scope = scope
        // A finding about several organizations goes into each one's file, with that organization's grants.
        let byOrganization = findings.positionsByOrganization()
        let organizations = scope.organizations(in: index)
        let stems = Self.fileStems(organizations.map(\.clerkID))
        entries = zip(organizations, stems).map { organization, stem in
            let memberships = index.memberships(of: organization.id)
            return Entry(
                organizationID: organization.id, clerkID: organization.clerkID, name: organization.displayName,
                slug: organization.string("slug"), fileName: "\(stem).\(format.fileExtension)", members: memberships.count,
                admins: memberships.adminCount, findingPositions: byOrganization[organization.id] ?? [], allFindings: findings)
        }
    }

    /// The file names (without extension) of organizations with these Clerk ids, in this order: the id,
    /// or `organization.<position>` for an id that could clash (see the type's description).
    public static func fileStems(_ clerkIDs: [String]) -> [String] {
        var lowercasedCounts: [String: Int] = [:]
        for id in clerkIDs { lowercasedCounts[id.lowercased(), default: 0] += 1 }
        return clerkIDs.enumerated().map { position, id in
            let clashes = !ClerkID.isValid(id) || id.hasPrefix("-") || id.lowercased() == indexName
                || lowercasedCounts[id.lowercased()]! > 1
            return clashes ? "organization.\(position + 1)" : id
        }
    }

    public var indexFileName: String { "\(Self.indexName).\(format.fileExtension)" }

    /// How many organizations' files `files(_:index:policy:)` makes at once: enough to keep every core
    /// busy, few enough that their bytes (a few dozen kilobytes each) stay small.
    public static let filesPerRound = 16

    /// The files of `entries[range]`, in order, each made on whichever core is free: an organization's
    /// review reads only the index and its own findings.
    public func files(_ range: Range<Int>, index: AccessIndex, policy: ReviewPolicy) -> [[UInt8]] {
        ParallelParts.make(range.count) { offset in
            let entry = entries[range.lowerBound + offset]
            let chunks = ChunkList()
            format.write(index, policy: policy, findings: entry.findings, scope: scope.restricted(to: entry.organizationID)) {
                chunks.items.append($0)
            }
            return Array(chunks.items.joined())
        }
    }

    /// The index in the split's format: one row per organization linking its file by relative link.
    public func writeIndex(_ index: AccessIndex, policy: ReviewPolicy, emit: @escaping ([UInt8]) -> Void) {
        switch format {
        case .markdown: writeMarkdownIndex(index, policy: policy, emit: emit)
        case .html: writeHTMLIndex(index, policy: policy, emit: emit)
        case .json: emit(CanonicalJSONWriter.encodePretty(indexJSON(index, policy: policy)))
        case .workbook: ReviewWorkbook.writeIndex(self, emit: emit)
        }
    }

    private func writeMarkdownIndex(_ index: AccessIndex, policy: ReviewPolicy, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let e = MarkdownText.escape
        func code(_ text: String) -> String { MarkdownText.code(text) }
        func cellCode(_ text: String) -> String { MarkdownText.code(text, inTable: true) }
        let snapshot = index.snapshot
        out.line("# Access review by organization: \(e(snapshot.source.instance))")
        out.line()
        for line in headerLines(index, policy: policy, escape: e, code: code) { out.line("- \(line)") }
        out.line()
        out.line("| Organization | Members | Admins | High | Medium | Low | Review |")
        out.line("|---|---:|---:|---:|---:|---:|---|")
        for entry in entries {
            // The file name is an id or `organization.<n>`, so it needs no escaping in a link target.
            out.line("| \(e(entry.name)) (\(cellCode(entry.clerkID))) | \(entry.members) | \(entry.admins) | \(entry.findingCount(.high)) | \(entry.findingCount(.medium)) | \(entry.findingCount(.low)) | [\(e(entry.fileName))](\(entry.fileName)) |")
        }
        out.finish()
    }

    private func writeHTMLIndex(_ index: AccessIndex, policy: ReviewPolicy, emit: @escaping ([UInt8]) -> Void) {
        var out = ChunkedOutput(emit: emit)
        let h = HTMLText.escape
        func code(_ text: String) -> String { "<code>\(h(text))</code>" }
        let snapshot = index.snapshot
        out.line(HTMLPage.opening(title: "Access review by organization: " + snapshot.source.instance, style: HTMLReport.style))
        out.line("<h1>Access review by organization: \(h(snapshot.source.instance))</h1>")
        out.line("<ul class=\"meta\">")
        for line in headerLines(index, policy: policy, escape: h, code: code) { out.line("<li>\(line)</li>") }
        out.line("</ul>")
        out.line("<table><thead><tr><th>Organization</th><th class=\"num\">Members</th><th class=\"num\">Admins</th><th class=\"num\">High</th><th class=\"num\">Medium</th><th class=\"num\">Low</th><th>Review</th></tr></thead><tbody>")
        for entry in entries {
            out.line("<tr><td>\(h(entry.name))<br>\(code(entry.clerkID))</td><td class=\"num\">\(entry.members)</td><td class=\"num\">\(entry.admins)</td><td class=\"num\">\(entry.findingCount(.high))</td><td class=\"num\">\(entry.findingCount(.medium))</td><td class=\"num\">\(entry.findingCount(.low))</td><td><a href=\"\(h(entry.fileName))\">\(h(entry.fileName))</a></td></tr>")
        }
        out.line("</tbody></table>")
        out.line("</body>")
        out.line("</html>")
        out.finish()
    }

    /// The snapshot, the policy and the filters, as the reports' headers say them.
    private func headerLines(
        _ index: AccessIndex, policy: ReviewPolicy, escape: (String) -> String, code: (String) -> String
    ) -> [String] {
        let snapshot = index.snapshot
        var lines = [
            "Snapshot: generated \(escape(snapshot.generatedAt)), \(snapshot.complete ? "complete" : "INCOMPLETE \(ReviewPolicy.incompleteExplanation)"), digest \(code(snapshot.digest))",
            "Reviewed as of \(escape(policy.referenceTime(for: snapshot))); one file per organization, each its own review; findings that concern no organization are in no file (see the whole review)",
        ]
        var filters = scope
        filters.organizationIDs = nil
        lines += filters.headerLines(index, escape: escape, code: code)
        // A finding about several organizations is in each one's file, so it counts once per file here.
        lines.append(Plural.count(entries.count, "organization") + ", " + Plural.count(entries.reduce(0) { $0 + $1.findingCount }, "finding") + " across their files")
        return lines
    }

    /// `index.json`: the snapshot, the filters, and each organization's file with its counts.
    func indexJSON(_ index: AccessIndex, policy: ReviewPolicy) -> JSONValue {
        let snapshot = index.snapshot
        var filters = FindingsDocument.filtersJSON(index, scope: scope)
        if case .object(var members) = filters {
            members["organizationless_findings"] = .string("left out")
            filters = .object(members)
        }
        return [
            "schema": .string("clerk-grants.review-index"), "schema_version": .string("1.0"),
            "snapshot": [
                "generated_at": .string(snapshot.generatedAt), "digest": .string(snapshot.digest),
                "instance": .string(snapshot.source.instance), "complete": .bool(snapshot.complete),
            ],
            "as_of": .string(policy.referenceTime(for: snapshot)),
            "filters": filters,
            "organizations": .array(entries.map { entry in
                [
                    "id": .string(entry.organizationID), "name": .string(entry.name), "slug": .optional(entry.slug),
                    "file": .string(entry.fileName), "members": .int(Int64(entry.members)), "admins": .int(Int64(entry.admins)),
                    "findings": [
                        "total": .int(Int64(entry.findingCount)),
                        "by_severity": .object(JSONObject(FindingSeverity.allCases.map { (key: $0.rawValue, value: .int(Int64(entry.findingCount($0)))) })),
                    ],
                ]
            }),
        ]
    }
}
