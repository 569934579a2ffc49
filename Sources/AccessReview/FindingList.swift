import CanonicalJSON
import SnapshotFormat

/// The findings of a review in report order, kept as what each is about (positions in the `AccessIndex`
/// and the rows of the memberships it concerns) and made into `Finding` values only as they are read: a
/// hundred thousand findings cost a few megabytes, not their text, and a report that lists twenty-five
/// of each rule words only those.
///
/// Report order: severity, then rule, then the most memberships first (the widest access is looked at
/// first), then organization id, then subject id; stable across runs and readable top-down.
public struct FindingList: RandomAccessCollection, Sendable {
    /// One finding, without its text.
    struct Entry: Sendable {
        var rule: FindingRule
        var subject: FindingSubject
        /// Its memberships: `grantRows[grants]` of its list.
        var grants: Range<Int32>
        /// Its one organization, a position in its list's `organizationIDs`; -1 when it concerns none or
        /// several (its grants name them).
        var organization: Int32
    }

    let context: FindingsEngine.Context
    private(set) var entries: [Entry]
    /// Membership rows of the index, each entry's a range of them.
    private(set) var grantRows: [Int32]
    /// `organization:<id>` of each organization an entry names as its one organization.
    private(set) var organizationIDs: [String]

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }

    /// The finding at `position`, worded as its rule words it.
    public subscript(position: Int) -> Finding {
        let entry = entries[position]
        let index = context.index
        let grants = rows(of: entry).map { index.findingGrant(row: Int($0)) }
        let detail = FindingsEngine.detail(entry.rule, entry.subject, rows: rows(of: entry), context)
        let (subject, subjectName) = subjectText(entry.subject, rows: rows(of: entry))
        var organization: String?
        var organizationName: String?
        if entry.organization >= 0 {
            organization = organizationIDs[Int(entry.organization)]
            // A finding's organization is its grants', its subject's, or its access path's.
            switch entry.subject {
            case .organization(let position): organizationName = index.organizations[Int(position)].displayName
            case _ where !grants.isEmpty: organizationName = grants[0].organizationName
            default: organizationName = index.displayName(organization!)
            }
        }
        return Finding(
            rule: entry.rule, subject: subject, subjectName: subjectName, organization: organization,
            organizationName: organizationName, grants: grants, detail: detail)
    }

    private func subjectText(_ subject: FindingSubject, rows: ArraySlice<Int32>) -> (id: String, name: String) {
        let index = context.index
        let id = Self.id(of: subject, in: index)
        switch subject {
        case .user(let position): return (id, index.users[Int(position)].displayName)
        case .organization(let position): return (id, index.organizations[Int(position)].displayName)
        case .diagnostic:
            // Named after the membership's user; after its own id when it names no membership of the snapshot.
            return (id, rows.first.map { index.userName(of: index.membership(row: Int($0))) } ?? id)
        case .accessPath(let position): return (id, FindingsEngine.principalName(index.accessPaths[Int(position)].principal))
        case .machine(let position): return (id, index.machines[Int(position)].displayName)
        }
    }

    /// A subject's id: `user:...`, `organization:...`, the diagnostic's `membership:...`, the access path's
    /// or `machine:...`.
    static func id(of subject: FindingSubject, in index: AccessIndex) -> String {
        switch subject {
        case .user(let position): return index.users[Int(position)].id
        case .organization(let position): return index.organizations[Int(position)].id
        case .diagnostic(let position): return index.snapshot.diagnostics[Int(position)].subject
        case .accessPath(let position): return index.accessPaths[Int(position)].id
        case .machine(let position): return index.machines[Int(position)].id
        }
    }

    // MARK: - Without wording them

    /// The rule of the finding at `position`.
    public func rule(at position: Int) -> FindingRule { entries[position].rule }

    /// How many memberships the finding at `position` concerns.
    public func grantCount(at position: Int) -> Int { entries[position].grants.count }

    /// Every organization the finding at `position` concerns: its own, or those of its grants, in grant
    /// order without repeats.
    public func organizations(at position: Int) -> [String] {
        let entry = entries[position]
        if entry.organization >= 0 { return [organizationIDs[Int(entry.organization)]] }
        var kept: [String] = []
        for row in rows(of: entry) {
            let organization = context.index.organizationID(row: row)
            if !kept.contains(organization) { kept.append(organization) }
        }
        return kept
    }

    /// The membership rows of the finding at `position`.
    func rows(at position: Int) -> ArraySlice<Int32> { rows(of: entries[position]) }

    private func rows(of entry: Entry) -> ArraySlice<Int32> {
        grantRows[Int(entry.grants.lowerBound)..<Int(entry.grants.upperBound)]
    }

    /// How many findings concern each organization (`organization:<id>`); one about two counts in both.
    public func countsByOrganization() -> [String: Int] {
        let index = context.index
        var ownCounts = [Int](repeating: 0, count: organizationIDs.count)
        // Findings about several organizations, counted by their organizations' resource positions.
        var grantCounts: [Int32: Int] = [:]
        var seen: [Int32] = []
        for entry in entries {
            if entry.organization >= 0 {
                ownCounts[Int(entry.organization)] += 1
                continue
            }
            seen.removeAll(keepingCapacity: true)
            for row in rows(of: entry) {
                let organization = index.organizationPosition(row: row)
                if !seen.contains(organization) { seen.append(organization) }
            }
            for organization in seen { grantCounts[organization, default: 0] += 1 }
        }
        var counts: [String: Int] = [:]
        for (position, count) in ownCounts.enumerated() where count > 0 { counts[organizationIDs[position], default: 0] += count }
        for (organization, count) in grantCounts { counts[index.resourceID(at: organization), default: 0] += count }
        return counts
    }

    /// How many findings are of `severity`.
    public func count(of severity: FindingSeverity) -> Int { entries.count { $0.rule.severity == severity } }

    // MARK: - Filtering

    /// No findings, of a review of `index`.
    public static func empty(_ index: AccessIndex, policy: ReviewPolicy = ReviewPolicy()) -> FindingList {
        FindingList(context: FindingsEngine.Context(index, policy: policy), entries: [], grantRows: [], organizationIDs: [])
    }

    /// The findings whose rule `keep` accepts, in their order.
    func filter(rules keep: (FindingRule) -> Bool) -> FindingList {
        var kept = Collector(context, organizationIDs: organizationIDs)
        for entry in entries where keep(entry.rule) {
            kept.append(entry, rows: rows(of: entry), organization: entry.organization >= 0 ? organizationIDs[Int(entry.organization)] : nil)
        }
        return kept.list
    }

    /// The findings that concern any of `organizations` (`organization:<id>`), in their order, each with only
    /// those organizations' grants (and, when those are in one organization, that organization as its own).
    public func restricted(to organizations: Set<String>) -> FindingList {
        restricted(entries.indices, to: organizations.contains)
    }

    /// For each organization, the positions of the findings that concern it, in report order: what
    /// `restricted(positions:to:)` makes one organization's list from. Positions, not lists, so a split of
    /// 5,000 organizations holds each file's findings only while that file is made.
    func positionsByOrganization() -> [String: [Int32]] {
        var positions: [String: [Int32]] = [:]
        for position in entries.indices {
            for organization in organizations(at: position) { positions[organization, default: []].append(Int32(position)) }
        }
        return positions
    }

    /// The findings at `positions` (from `positionsByOrganization`) as the review of `organization` shows
    /// them (as `restricted(to:)` that one organization gives them): with only its grants, in report order.
    func restricted(positions: [Int32], to organization: String) -> FindingList {
        restricted(positions.lazy.map(Int.init), to: { $0 == organization })
    }

    /// The findings at `positions`, in that order, each as a review of the organizations `covers` accepts
    /// shows it; those that concern none of them are left out.
    private func restricted(_ positions: some Sequence<Int>, to covers: (String) -> Bool) -> FindingList {
        var kept = Collector(context)
        for position in positions {
            let entry = entries[position]
            guard let restricted = restricted(entry, to: covers) else { continue }
            kept.append(entry, rows: restricted.rows, organization: restricted.organization)
        }
        return kept.list
    }

    /// How many of the findings at `positions` have `severity`.
    func count(of severity: FindingSeverity, at positions: [Int32]) -> Int {
        positions.count { entries[Int($0)].rule.severity == severity }
    }

    /// `entry` as a review of the organizations `covers` accepts shows it: with only their grants (its
    /// organization, when it has one of its own), or nil when it concerns none of them.
    private func restricted(_ entry: Entry, to covers: (String) -> Bool) -> (rows: [Int32], organization: String?)? {
        if entry.organization >= 0 {
            let organization = organizationIDs[Int(entry.organization)]
            return covers(organization) ? (Array(rows(of: entry)), organization) : nil
        }
        let index = context.index
        let rows = rows(of: entry).filter { covers(index.organizationID(row: $0)) }
        return rows.isEmpty ? nil : (rows, nil)
    }
}

extension FindingList {
    /// Makes a list as the rules report findings (a `FindingSink`), and puts it in report order.
    struct Collector: FindingSink {
        private(set) var list: FindingList
        private var organizationPositions: [String: Int32] = [:]

        init(_ context: FindingsEngine.Context, organizationIDs: [String] = []) {
            list = FindingList(context: context, entries: [], grantRows: [], organizationIDs: organizationIDs)
            for (position, id) in organizationIDs.enumerated() { organizationPositions[id] = Int32(position) }
        }

        mutating func add(
            _ rule: FindingRule, _ subject: FindingSubject, rows: some Collection<Int32>, organization: String?,
            detail: () -> String
        ) {
            append(Entry(rule: rule, subject: subject, grants: 0..<0, organization: -1), rows: rows, organization: organization)
        }

        /// `entry` with these rows; its organization is `organization` when given, else its rows' when
        /// they are all in one.
        mutating func append(_ entry: Entry, rows: some Collection<Int32>, organization: String?) {
            var entry = entry
            let start = Int32(list.grantRows.count)
            list.grantRows.append(contentsOf: rows)
            entry.grants = start..<Int32(list.grantRows.count)
            let index = list.context.index
            if let organization {
                entry.organization = position(of: organization)
            } else if let first = rows.first {
                let organization = index.organizationPosition(row: first)
                let single = rows.allSatisfy { index.organizationPosition(row: $0) == organization }
                entry.organization = single ? position(of: index.resourceID(at: organization)) : -1
            } else {
                entry.organization = -1
            }
            list.entries.append(entry)
        }

        /// Room for this many more entries and grants, so a list that is joined from parts is allocated once.
        mutating func reserveCapacity(entries: Int, grants: Int) {
            list.entries.reserveCapacity(list.entries.count + entries)
            list.grantRows.reserveCapacity(list.grantRows.count + grants)
        }

        /// Every finding of `other` after these, in its order.
        mutating func append(_ other: FindingList) {
            for entry in other.entries {
                append(entry, rows: other.rows(of: entry), organization: entry.organization >= 0 ? other.organizationIDs[Int(entry.organization)] : nil)
            }
        }

        private mutating func position(of organization: String) -> Int32 {
            if let position = organizationPositions[organization] { return position }
            let position = Int32(list.organizationIDs.count)
            list.organizationIDs.append(organization)
            organizationPositions[organization] = position
            return position
        }

        /// The list in report order. Sorts positions by integer keys: organization and subject ids are
        /// ranked once, as code-point order ranks them, instead of compared as strings at every step.
        func finish() -> FindingList {
            let index = list.context.index
            let entries = list.entries
            var organizationRank = [Int32](repeating: 0, count: list.organizationIDs.count)
            let ids = list.organizationIDs
            for (rank, position) in ids.indices.sorted(by: { codePointPrecedes(ids[$0], ids[$1]) }).enumerated() {
                organizationRank[position] = Int32(rank)
            }
            // Users are in id order in the index (resources are, and users are kept in resource order);
            // within one rule every subject is of one kind, so only ranks of one kind are ever compared.
            var otherSubjects: [(id: String, entry: Int)] = []
            var subjectRank = [Int32](repeating: 0, count: entries.count)
            for (position, entry) in entries.enumerated() {
                if case .user(let user) = entry.subject {
                    subjectRank[position] = user
                } else {
                    otherSubjects.append((FindingList.id(of: entry.subject, in: index), position))
                }
            }
            otherSubjects.sort { codePointPrecedes($0.id, $1.id) }
            var rank: Int32 = 0
            for (position, subject) in otherSubjects.enumerated() {
                // Equal ids share a rank, as equal strings compare equal.
                if position > 0, subject.id != otherSubjects[position - 1].id { rank += 1 }
                subjectRank[subject.entry] = rank
            }
            // Compared from the entries as the sort goes, rather than from a table of keys (a review's
            // peak memory is reached here); the position last: equal findings keep the order found.
            var ruleRanks: [FindingRule: Int32] = [:]
            for (position, rule) in FindingRule.allCases.enumerated() { ruleRanks[rule] = Int32(rule.severity.rank * 256 + position) }
            let ruleRank = entries.map { ruleRanks[$0.rule]! }
            func key(_ position: Int32) -> (Int32, Int32, Int32, Int32, Int32) {
                let entry = entries[Int(position)]
                return (
                    ruleRank[Int(position)], -Int32(entry.grants.count),
                    entry.organization < 0 ? -1 : organizationRank[Int(entry.organization)], subjectRank[Int(position)], position)
            }
            let order = (0..<Int32(entries.count)).sorted { key($0) < key($1) }
            var sorted = FindingList(context: list.context, entries: [], grantRows: [], organizationIDs: list.organizationIDs)
            sorted.entries.reserveCapacity(entries.count)
            sorted.grantRows.reserveCapacity(list.grantRows.count)
            for position in order {
                var entry = entries[Int(position)]
                let start = Int32(sorted.grantRows.count)
                sorted.grantRows.append(contentsOf: list.rows(of: entry))
                entry.grants = start..<Int32(sorted.grantRows.count)
                sorted.entries.append(entry)
            }
            return sorted
        }
    }
}
