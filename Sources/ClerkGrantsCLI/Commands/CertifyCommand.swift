import AccessReview
import Foundation
import LocalFiles
import SnapshotFormat

/// `clerk-grants certify SNAPSHOT DECISIONS...`: the filled-in workbooks of `review --format workbook`
/// checked against the snapshot they were written from, and the certification record written. The
/// checking is `Certifier`'s; exit codes are `AnswerStatus`'s (0 complete, 1 incomplete, 2 trouble).
struct CertifyCommand {
    static let format = ReportOptions.format(
        CertificationFormat.self,
        help: "markdown for reviewers and auditors, html one self-contained page, json the certification record remediation reads")
    static let organization = OptionDeclaration(
        "--org", "ORG", kind: .text, defaultNote: "every organization", repeatable: true,
        help: "certify only this organization's memberships, named by Clerk id, organization:<id> or slug; rows of others are problems")
    static let declaration = CommandDeclaration(
        "certify",
        abstract: "Checks filled-in review workbooks against their snapshot and writes the certification: who decided what and when, completion per organization, the revocations and changes.",
        positionals: [.init("SNAPSHOT"), .init("DECISIONS", repeats: true)], options: [format, organization] + RedactionOptions.options + [ReportOptions.output],
        rules: RedactionOptions.rules,
        exitCodes: "0 complete (every membership decided, no row refused), 1 incomplete or conflicting decisions (the record is written), 2 trouble (usage, unreadable or malformed input, output not written)")

    let context: CommandContext

    func answer(_ rawArguments: [String]) throws(CLIError) -> AnswerStatus {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: CertificationFormat.self) ?? .markdown
        let redactor = try RedactionOptions.redactor(arguments, context: context)
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        // A workbook written with --redact-pii holds tokens; the same key makes the snapshot's match them.
        let index = AccessIndex(snapshot, redactor: redactor)
        let scope = try ReviewCommand.scope(.everything, organizations: arguments.texts(Self.organization), index: index)
        var files: [DecisionFile] = []
        for path in arguments.positionals.dropFirst() {
            files.append(DecisionFile(name: path, bytes: try Self.readDecisions(path, context: context)))
        }
        let certifiedAt = Timestamp.rfc3339(seconds: Int64(context.now().timeIntervalSince1970.rounded(.down)))
        let certification: Certification
        do {
            certification = try Certifier.certify(index, files: files, certifiedAt: certifiedAt, scope: scope)
        } catch {
            throw .inputUnreadable(path: error.file, reason: "line \(error.line): \(error.reason)")
        }
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(certification, redactor: redactor, emit: emit)
        }
        return certification.isComplete ? .yes : .no
    }

    /// A decision file's bytes, refused from its size before it is read (`CSVReader.Limits.decisions`).
    static func readDecisions(_ path: String, context: CommandContext) throws(CLIError) -> [UInt8] {
        let limit = CSVReader.Limits.decisions.maximumBytes
        do {
            return [UInt8](try InputFile.read(context.url(forPath: path), limit: Int64(limit), limitDescription: "\(limit >> 20) MiB for a decision file").bytes)
        } catch {
            throw .inputUnreadable(path: path, reason: error.reason)
        }
    }
}
