import AccessReview
import ExportPipeline
import Foundation

/// `review --org`, `--split`, `--min-severity` and `--rules`: which organizations and findings a review
/// covers, and the folder of per-organization reviews.
extension ReviewCommand {
    /// What the marker file of a `--split` folder says (see `AtomicFolder`): its presence lets the next
    /// `--split` into the folder replace it.
    static let splitMarker = "clerk-grants review --split folder: a later review --split into this folder replaces it whole.\n"

    /// `--min-severity` and `--rules`, checked before the snapshot is read: a typo must not cost a
    /// 300 MB read.
    static func findingFilters(_ arguments: ParsedArguments) throws(CLIError) -> ReviewScope {
        let minimumSeverity = arguments.text(Self.minimumSeverity).flatMap(FindingSeverity.init(rawValue:))
        var rules: [FindingRule]?
        if let list = arguments.text(Self.rules) {
            rules = try list.split(separator: ",", omittingEmptySubsequences: false).map { (item) throws(CLIError) in
                try rule(named: String(item))
            }
        }
        return ReviewScope(minimumSeverity: minimumSeverity, rules: rules)
    }

    /// `--split DIR`, checked before the snapshot is read.
    static func splitFolder(_ arguments: ParsedArguments) throws(CLIError) -> String? {
        guard let folder = arguments.text(Self.split) else { return nil }
        guard !folder.isEmpty else { throw .usage("--split needs a folder name, not an empty one") }
        return folder
    }

    /// A rule id of `--rules`, or a usage error listing the valid ones (with the nearest as a suggestion).
    static func rule(named name: String) throws(CLIError) -> FindingRule {
        if let rule = FindingRule(rawValue: name) { return rule }
        let valid = FindingRule.allCases.map(\.rawValue)
        let suggestion = NearMiss.suggestion(for: name, among: valid).map { " (did you mean '\($0)'?)" } ?? ""
        let shown = name.isEmpty ? "an empty rule id" : "unknown rule \(ParsedArguments.shown(name))"
        throw .usage("--rules has \(shown)\(suggestion); the rules are \(valid.joined(separator: ", "))")
    }

    /// `filters` restricted to the `--org` organizations (none given: every organization). Each is found
    /// by Clerk id, `organization:<id>` or slug; one that matches none is a usage error naming it.
    static func scope(_ filters: ReviewScope, organizations: [String], index: AccessIndex) throws(CLIError) -> ReviewScope {
        guard !organizations.isEmpty else { return filters }
        var ids: [String] = []
        for text in organizations {
            guard let organization = index.organization(matching: text) else {
                throw .usage("--org \(ParsedArguments.shown(text)) matches no organization in the snapshot (give its Clerk id, organization:<id> or slug)")
            }
            if !ids.contains(organization.id) { ids.append(organization.id) }
        }
        var scope = filters
        scope.organizationIDs = ids
        return scope
    }

    /// Writes the split folder: the index, then each organization's review, atomically (see `AtomicFolder`).
    static func writeSplit(
        _ split: ReviewSplit, index: AccessIndex, policy: ReviewPolicy, to folder: String, context: CommandContext,
        progress: PhaseProgress?
    ) throws(CLIError) {
        let total = split.entries.count
        do {
            try AtomicFolder.write(to: context.url(forPath: folder), marker: splitMarker) { (builder) throws(AtomicWriteError) in
                try builder.write(split.indexFileName) { emit in
                    withoutActuallyEscaping(emit) { emit in split.writeIndex(index, policy: policy, emit: emit) }
                }
                for start in stride(from: 0, to: total, by: ReviewSplit.filesPerRound) {
                    let round = start..<min(start + ReviewSplit.filesPerRound, total)
                    for (position, bytes) in zip(round, split.files(round, index: index, policy: policy)) {
                        progress?.phase("writing \(position + 1)/\(total) organizations")
                        try builder.write(split.entries[position].fileName) { emit in emit(bytes) }
                    }
                }
            }
        } catch {
            throw .outputFailed(path: folder, reason: error.reason)
        }
    }
}
