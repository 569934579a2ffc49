import AccessReview
import Foundation
import LocalFiles

/// `clerk-grants remediation CERTIFICATION LATER_SNAPSHOT`: whether the revocations and changes a
/// certification decided show in a later snapshot (`Remediation`). Exit codes are `AnswerStatus`'s:
/// 0 nothing outstanding, 1 something outstanding, 2 trouble.
struct RemediationCommand {
    static let format = ReportOptions.format(
        RemediationFormat.self, help: "markdown for a ticket or an auditor, html one self-contained page, json as data")
    static let withinDays = OptionDeclaration(
        "--within-days", "N", kind: .wholeNumber(0...36_500), defaultNote: "no deadline",
        help: "a decision still outstanding more than N days after its reviewed_at (else the certification's time), by the later snapshot's generated_at, is overdue")
    static let declaration = CommandDeclaration(
        "remediation",
        abstract: "Checks a certification's revoke and change decisions against a later snapshot: done, outstanding, or changed otherwise.",
        positionals: [.init("CERTIFICATION"), .init("LATER_SNAPSHOT")], options: [format, withinDays] + RedactionOptions.options + [ReportOptions.output],
        rules: RedactionOptions.rules,
        exitCodes: "0 nothing outstanding, 1 decisions outstanding (the report is written), 2 trouble (usage, unreadable input, a snapshot of another instance or older than the certified one, output not written)")
    /// A certification record is a few hundred bytes per decision; this holds millions.
    static let recordLimit: Int64 = 1 << 30

    let context: CommandContext

    /// Throws a `CLIError`, or a `RemediationRefusal` for a snapshot that cannot show the decisions' outcome.
    func answer(_ rawArguments: [String]) throws -> AnswerStatus {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: RemediationFormat.self) ?? .markdown
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let recordPath = arguments.positionals[0]
        let bytes: Data
        do {
            bytes = try InputFile.read(context.url(forPath: recordPath), limit: Self.recordLimit, limitDescription: "1 GiB for a certification record").bytes
        } catch {
            throw CLIError.inputUnreadable(path: recordPath, reason: error.reason)
        }
        let record: CertificationRecord
        do {
            record = try CertificationRecord([UInt8](bytes))
        } catch {
            throw CLIError.inputUnreadable(path: recordPath, reason: "not a certification record this version reads: \(error.reason)")
        }
        let later = try SnapshotFile.load(arguments.positionals[1], context: context)
        let remediation = try Remediation.check(record, later: AccessIndex(later, redactor: redactor), withinDays: arguments.integer(Self.withinDays))
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(remediation, redactor: redactor, emit: emit)
        }
        return remediation.isSettled ? .yes : .no
    }
}
