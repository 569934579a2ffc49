import AccessReview
import ExportPipeline
import Foundation
import SnapshotFormat

/// `clerk-grants review SNAPSHOT`: the access-review report (Markdown, HTML, or findings as JSON).
/// Reads only the snapshot file, never the network; "now" is the snapshot's generated_at or `--as-of`.
struct ReviewCommand {
    static let usage = "clerk-grants review SNAPSHOT [--format markdown|html|json] [--stale-days N] [--max-admins N] [--as-of TIME] [--output FILE]"

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ArgumentList(
            rawArguments,
            options: [
                .init(name: "--format", takesValue: true), .init(name: "--stale-days", takesValue: true),
                .init(name: "--max-admins", takesValue: true), .init(name: "--as-of", takesValue: true),
                .init(name: "--output", takesValue: true),
            ])
        try arguments.requirePositionals(1...1, usage: Self.usage)
        let format = arguments.value("--format") ?? "markdown"
        guard ["markdown", "md", "html", "json"].contains(format) else {
            throw .usage("--format must be markdown, html or json, not '\(format)'")
        }
        var policy = ReviewPolicy()
        policy.staleDays = try arguments.integer("--stale-days", in: 0...36_500) ?? ReviewPolicy.defaultStaleDays
        policy.maxAdmins = try arguments.integer("--max-admins", in: 0...100_000) ?? ReviewPolicy.defaultMaxAdmins
        if let asOf = arguments.value("--as-of") {
            guard Self.isReviewTime(asOf) else {
                throw .usage("--as-of must be an RFC 3339 UTC time from 1970 to 9999 like 2026-11-20T00:00:00Z, not \(ArgumentList.shown(asOf))")
            }
            policy.asOf = asOf
        }
        let snapshot = try SnapshotFile.load(arguments.positionals[0], context: context)
        let index = AccessIndex(snapshot)
        let findings = FindingsEngine.findings(index, policy: policy)
        try Self.deliver(to: arguments.value("--output"), context: context) { emit in
            switch format {
            case "html": HTMLReport.write(index, policy: policy, findings: findings, emit: emit)
            case "json": emit(FindingsDocument.encode(index, policy: policy, findings: findings))
            default: MarkdownReport.write(index, policy: policy, findings: findings, emit: emit)
            }
        }
        return .success
    }

    /// A time the parser reads and writes back unchanged: month 13, February 30 or hour 25 parse as
    /// numbers but are not times, and a year before 1970 is not a time any Clerk record has.
    static func isReviewTime(_ text: String) -> Bool {
        guard let milliseconds = Timestamp.milliseconds(rfc3339: text), milliseconds >= 0 else { return false }
        let written = text.utf8.count == 20
            ? Timestamp.rfc3339(seconds: milliseconds / 1000) : Timestamp.rfc3339(milliseconds: milliseconds)
        return written == text
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
