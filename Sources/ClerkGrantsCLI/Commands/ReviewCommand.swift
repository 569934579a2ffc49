import AccessReview
import ExportPipeline
import Foundation
import SnapshotFormat

/// `clerk-grants review SNAPSHOT`: the access-review report (Markdown, HTML, or findings as JSON).
/// Reads only the snapshot file, never the network; "now" is the snapshot's generated_at or `--as-of`.
struct ReviewCommand {
    static let format = ReportOptions.format(
        ReviewFormat.self, aliases: ReviewFormat.aliases.mapValues(\.rawValue),
        help: "html is one self-contained page, json the findings as data")
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
    static let asOf = OptionDeclaration(
        "--as-of", "TIME", kind: .time, defaultNote: "the snapshot's generated_at",
        help: "\"now\" for the review, never the wall clock, so a snapshot always gives the same report")
    static let activityDays = OptionDeclaration(
        "--activity-days", "N", kind: .wholeNumber(1...ReviewPolicy.maximumActivityDays),
        default: String(ReviewPolicy.defaultActivityDays),
        help: "the daily-active-users figure covers the N days up to \"now\" (by each user's last_active_at)")
    static let declaration = CommandDeclaration(
        "review", abstract: "Writes an access-review report of a snapshot file (never the network): members, roles and findings per organization.",
        positionals: [.init("SNAPSHOT")], options: [
            format, staleDays, maxAdmins, staleInvitationDays, maxMachineScopes, asOf, activityDays, ReportOptions.output,
        ],
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
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        let index = AccessIndex(snapshot)
        let findings = FindingsEngine.findings(index, policy: policy)
        try Self.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(index, policy: policy, findings: findings, emit: emit)
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
