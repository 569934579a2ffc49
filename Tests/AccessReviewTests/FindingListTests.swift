import AccessReview
import CanonicalJSON
import Foundation
import GoldenFiles
import SnapshotFormat
import Testing

/// `FindingList` keeps findings as positions in the index and words them only when read. Every way it is
/// ordered, restricted, split and counted without wording them must agree with plain oracles over the
/// worded findings, on the demo tenants and the access path snapshot under the default and a strict policy
/// (every user stale, every admin too many: most findings and most multi-organization ones).
@Suite struct FindingListTests {
    static func cases() throws -> [(name: String, index: AccessIndex, policy: ReviewPolicy)] {
        let demo = try DemoSnapshot.index()
        let next = AccessIndex(try #require(IndexedSnapshot(try Data(contentsOf: DemoSnapshotFiles.demoNext))))
        let paths = AccessIndex(AccessPathSnapshot.snapshot())
        var strict = ReviewPolicy()
        strict.staleDays = 0
        strict.maxAdmins = 0
        strict.staleInvitationDays = 1
        return [
            ("demo", demo, ReviewPolicy()), ("demo strict", demo, strict), ("next strict", next, strict),
            ("paths", paths, ReviewPolicy()), ("paths strict", paths, strict),
        ]
    }

    /// Report order as the words say it: severity, rule, most memberships, organization id, subject id.
    static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        let left = (lhs.severity == .high ? 0 : lhs.severity == .medium ? 1 : 2, lhs.rule.position, -lhs.grants.count)
        let right = (rhs.severity == .high ? 0 : rhs.severity == .medium ? 1 : 2, rhs.rule.position, -rhs.grants.count)
        if left != right { return left < right }
        if (lhs.organization ?? "") != (rhs.organization ?? "") { return codePointPrecedes(lhs.organization ?? "", rhs.organization ?? "") }
        return codePointPrecedes(lhs.subject, rhs.subject)
    }

    /// `finding` as a review of `organizations` shows it (the rule `restricted(to:)` follows), or nil.
    static func restricted(_ finding: Finding, to organizations: Set<String>) -> Finding? {
        if let organization = finding.organization { return organizations.contains(organization) ? finding : nil }
        var kept = finding
        kept.grants = finding.grants.filter { organizations.contains($0.organization) }
        guard !kept.grants.isEmpty else { return nil }
        if Set(kept.grants.map(\.organization)).count == 1 {
            kept.organization = kept.grants[0].organization
            kept.organizationName = kept.grants[0].organizationName
        }
        return kept
    }

    @Test func theListIsInReportOrder() throws {
        var compared = 0
        for (name, index, policy) in try Self.cases() {
            let findings = Array(FindingsEngine.findings(index, policy: policy))
            #expect(!findings.isEmpty, "\(name)")
            for (earlier, later) in zip(findings, findings.dropFirst()) {
                #expect(!Self.precedes(later, earlier), "\(name): \(later.rule.rawValue) \(later.subject) before \(earlier.subject)")
                compared += 1
            }
        }
        #expect(compared == 86)
    }

    @Test func restrictionsKeepWhatTheWordsSay() throws {
        var multiOrganization = 0
        for (name, index, policy) in try Self.cases() {
            let findings = FindingsEngine.findings(index, policy: policy)
            let worded = Array(findings)
            multiOrganization += worded.count { $0.organization == nil && Set($0.grants.map(\.organization)).count > 1 }
            let organizations = index.organizations.map(\.id)
            // Each organization, each pair, and all of them.
            var subsets = organizations.map { Set([$0]) }
            for (first, second) in zip(organizations, organizations.dropFirst()) { subsets.append([first, second]) }
            subsets.append(Set(organizations))
            for subset in subsets {
                let expected = worded.compactMap { Self.restricted($0, to: subset) }
                #expect(Array(findings.restricted(to: subset)) == expected, "\(name): \(subset.sorted())")
            }
            // The split's files: each organization's findings as restricting to it alone gives them.
            let split = ReviewSplit(index, format: .json, scope: .everything, findings: findings)
            for entry in split.entries {
                #expect(Array(entry.findings) == worded.compactMap { Self.restricted($0, to: [entry.organizationID]) }, "\(name)")
                for severity in FindingSeverity.allCases {
                    #expect(entry.findingCount(severity) == entry.findings.count { $0.severity == severity })
                }
            }
        }
        // Without findings about several organizations, restricting would be plain filtering.
        #expect(multiOrganization > 3)
    }

    @Test func countsAreTheWordedFindingsCounts() throws {
        for (name, index, policy) in try Self.cases() {
            let findings = FindingsEngine.findings(index, policy: policy)
            let counts = FindingCounts(findings)
            var byRule: [FindingRule: Int] = [:]
            var grantsByRule: [FindingRule: Int] = [:]
            var bySeverity: [FindingSeverity: Int] = [:]
            var byOrganization: [String: Int] = [:]
            for finding in findings {
                byRule[finding.rule, default: 0] += 1
                grantsByRule[finding.rule, default: 0] += finding.grants.count
                bySeverity[finding.severity, default: 0] += 1
                for organization in finding.organizations { byOrganization[organization, default: 0] += 1 }
            }
            #expect(counts.total == findings.count, "\(name)")
            #expect(counts.byRule == byRule && counts.grantsByRule == grantsByRule, "\(name)")
            #expect(counts.bySeverity == bySeverity && counts.byOrganization == byOrganization, "\(name)")
            for position in findings.indices {
                #expect(findings.organizations(at: position) == findings[position].organizations, "\(name)")
            }
        }
    }

    /// Items made in batches on every core come out as one pass would write them, for any count, batch
    /// size and chunk size.
    @Test func itemsWrittenInOrderAreOnePassesBytes() {
        for count in [0, 1, 2, 17, 129, 5000] {
            for itemsPerBatch in [1, 4, 128] {
                for chunkSize in [1, 100, ChunkedOutput.defaultChunkSize] {
                    var expected: [UInt8] = []
                    for item in 0..<count { expected += Array("item \(item) \(String(repeating: "x", count: item % 7))\n".utf8) }
                    var bytes: [UInt8] = []
                    var chunks = 0
                    var out = ChunkedOutput(chunkSize: chunkSize) {
                        bytes += $0
                        chunks += 1
                    }
                    out.writeInOrder(count: count, itemsPerBatch: itemsPerBatch) { items, out in
                        for item in items { out.write("item \(item) \(String(repeating: "x", count: item % 7))\n") }
                    }
                    out.finish()
                    #expect(bytes == expected, "count \(count), batch \(itemsPerBatch), chunk \(chunkSize)")
                    if chunkSize == 1 { #expect(chunks >= count) }
                }
            }
        }
    }
}
