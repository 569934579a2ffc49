import AccessReview
import ExportPipeline
import Foundation
import SnapshotFormat

/// `clerk-grants review SNAPSHOT`: the access-review report (Markdown, HTML, findings as JSON, or the
/// decision workbook `certify` reads back).
/// Reads only the snapshot file, never the network; "now" is the snapshot's generated_at or `--as-of`.
struct ReviewCommand {
    static let format = ReportOptions.format(
        ReviewFormat.self, aliases: ReviewFormat.aliases.mapValues(\.rawValue),
        help: "html is one self-contained page, json the findings as data, workbook a CSV of every membership with empty decision columns for certify")
    static let staleDays = OptionDeclaration(
        "--stale-days", "N", kind: .wholeNumber(0...36_500), default: String(ReviewPolicy.defaultStaleDays),
        help: "a member inactive for more than N days is stale (never active counts as stale)")
    static let maxAdmins = OptionDeclaration(
        "--max-admins", "N", kind: .wholeNumber(0...100_000), default: String(ReviewPolicy.defaultMaxAdmins),
        help: "more admins than N in an organization is a finding")
    static let staleInvitationDays = OptionDeclaration(
        "--stale-invitation-days", "N", kind: .wholeNumber(1...3650), default: String(ReviewPolicy.defaultStaleInvitationDays),
        help: "an invitation created more than N days before the snapshot's generated_at is stale (snapshot 1.1)")
    static let maxMachineScopes = OptionDeclaration(
        "--max-machine-scopes", "N", kind: .wholeNumber(0...10_000), default: String(ReviewPolicy.defaultMaxMachineScopes),
        help: "a machine that can call more than N machines is a finding (snapshot 1.1)")
    static let top = OptionDeclaration(
        "--top", "N", kind: .wholeNumber(0...1_000_000), default: String(ReviewFormat.defaultListedPerRule),
        help: "markdown and html: list the first N findings of each rule (most memberships first) and count the rest; 0 lists all (json always holds all)")
    static let asOf = OptionDeclaration(
        "--as-of", "TIME", kind: .time, defaultNote: "the snapshot's generated_at",
        help: "\"now\" for the review, never the wall clock, so a snapshot always gives the same report")
    static let activityDays = OptionDeclaration(
        "--activity-days", "N", kind: .wholeNumber(1...ReviewPolicy.maximumActivityDays),
        default: String(ReviewPolicy.defaultActivityDays),
        help: "the daily-active-users figure covers the N days up to \"now\" (by each user's last_active_at)")
    // Scope and filters (review --org, --split, --min-severity, --rules): see ReviewCommand+Scope.swift.
    static let organization = OptionDeclaration(
        "--org", "ORG", kind: .text, defaultNote: "every organization", repeatable: true,
        help: "review only this organization, named by Clerk id, organization:<id> or slug; findings that concern no organization are left out")
    static let split = OptionDeclaration(
        "--split", "DIR", kind: .text,
        help: "write one review per organization and an index into the folder DIR (new, empty, or an earlier --split folder, which is replaced), atomically, files 0600 in a 0700 folder")
    static let minimumSeverity = OptionDeclaration(
        "--min-severity", "LEVEL", kind: .choice(FindingSeverity.allCases.map(\.rawValue)), defaultNote: "every severity",
        help: "list only findings of this severity or higher")
    static let rules = OptionDeclaration(
        "--rules", "RULE[,RULE...]", kind: .text, defaultNote: "every rule",
        help: "list only findings of these rules, e.g. stale_grant_holder,admin_without_2fa (an unknown id is refused with the list of rules)")

    static let declaration = CommandDeclaration(
        "review", abstract: "Writes an access-review report of a snapshot file (never the network): members, roles and findings per organization.",
        positionals: [.init("SNAPSHOT")], options: [
            format, staleDays, maxAdmins, staleInvitationDays, maxMachineScopes, top, asOf, activityDays, ReportOptions.output,
            organization, split, minimumSeverity, rules,
        ] + RedactionOptions.options,
        rules: [.exclusive(split, ReportOptions.output, reason: "--split writes a folder of files")] + RedactionOptions.rules,
        exitCodes: ReportOptions.exitCodes)

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: ReviewFormat.self) ?? .markdown
        var policy = ReviewPolicy()
        if let staleDays = arguments.integer(Self.staleDays) { policy.staleDays = staleDays }
        if let maxAdmins = arguments.integer(Self.maxAdmins) { policy.maxAdmins = maxAdmins }
        if let days = arguments.integer(Self.staleInvitationDays) { policy.staleInvitationDays = days }
        if let scopes = arguments.integer(Self.maxMachineScopes) { policy.maxMachineScopes = scopes }
        policy.asOf = arguments.text(Self.asOf)
        if let days = arguments.integer(Self.activityDays) { policy.activityDays = days }
        let top = arguments.integer(Self.top) ?? ReviewFormat.defaultListedPerRule
        let filters = try Self.findingFilters(arguments)
        let splitFolder = try Self.splitFolder(arguments)
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let progress = PhaseProgress.start("review", phase: "reading", context: context)
        defer { progress?.finish() }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        progress?.phase("indexing")
        let index = AccessIndex(snapshot, redactor: redactor)
        let scope = try Self.scope(filters, organizations: arguments.texts(Self.organization), index: index)
        progress?.phase("finding")
        let findings = scope.filter(FindingsEngine.findings(index, policy: policy))
        if let folder = splitFolder {
            let split = ReviewSplit(index, format: format, scope: scope, findings: findings)
            try Self.writeSplit(split, index: index, policy: policy, to: folder, context: context, progress: progress)
            return .success
        }
        progress?.output("writing", toStandardOutput: arguments.text(ReportOptions.output) == nil)
        try Self.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(index, policy: policy, findings: findings, scope: scope, listed: scope.isEverything && top > 0 ? top : nil, emit: emit)
        }
        return .success
    }

    /// Streams a report or feed to `--output FILE` (atomically, mode 0600: it holds personal data) or to
    /// stdout, chunk by chunk as the writer produces it. Shared by review, convert, who-can and access.
    static func deliver(
        to output: String?, context: CommandContext, produce: (_ emit: @escaping ([UInt8]) -> Void) -> Void
    ) throws(CLIError) {
        guard let output else {
            let sink = context.standardOutput
            produce { sink.write($0) }
            return
        }
        let url = context.url(forPath: output)
        do {
            try AtomicFile.write(to: url, mode: 0o600) { emit in
                withoutActuallyEscaping(emit) { emit in produce(emit) }
            }
        } catch {
            throw .outputFailed(path: output, reason: error.reason)
        }
    }
}
