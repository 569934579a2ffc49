import AccessReview
import Foundation
import OutputEscaping
import SnapshotFormat

/// `clerk-grants trend --store DIR`: one line per stored snapshot of an `export --store` folder, in run
/// order, with its size, admins, findings by severity and access paths; HTML adds line charts over time.
/// A stored file that is not a valid snapshot is named on stderr and in the output, the trend is written
/// from the others, and the exit code is 1, so a scheduled job notices the gap in its history.
struct TrendCommand {
    static let store = OptionDeclaration(
        "--store", "DIR", kind: .text, required: true,
        help: "the folder export --store keeps; every stored snapshot in it is read, oldest run first")
    static let format = ReportOptions.format(
        TrendFormat.self, help: "html is one self-contained page with line charts, json the figures as data")
    static let declaration = CommandDeclaration(
        "trend", abstract: "Shows how a store's snapshots changed over time: users, memberships, admins, findings by severity, access paths.",
        options: [store, format, ReportOptions.output],
        exitCodes: "0 ok, 1 usage or bad input (also: a stored file that is not a valid snapshot, named on stderr and left out of the trend), 5 output not written")

    let context: CommandContext

    func run(_ rawArguments: [String]) throws(CLIError) -> ExitCode {
        let arguments = try ParsedArguments(rawArguments, declaration: Self.declaration)
        let format = arguments.choice(Self.format, as: TrendFormat.self) ?? .markdown
        let path = arguments.text(Self.store) ?? "."
        let entries = try SnapshotStore(directory: context.url(forPath: path)).entries()
        guard !entries.isEmpty else {
            throw .inputUnreadable(path: path, reason: "it holds no stored snapshots (files named like 000001-20261120T000000Z-0123456789ab.json, as export --store writes them)")
        }
        let policy = ReviewPolicy()
        var report = TrendReport(entries: [], skipped: [], policy: policy)
        let directory = context.url(forPath: path)
        var cache = TrendCache.load(from: directory, toolVersion: ClerkGrantsVersion.current)
        for entry in entries {
            // Stamped before it is read: a file that changes meanwhile is read again next time.
            let stamp = TrendCache.Stamp(entry.url)
            if let point = cache.point(for: entry.name, stamp: stamp) {
                report.entries.append(TrendReport.Entry(file: entry.name, point: point))
                continue
            }
            // Each snapshot is let go before the next is read: memory stays that of the largest one.
            do {
                let snapshot = try SnapshotFile.load(entry.url.path, context: context)
                let point = TrendPoint(AccessIndex(snapshot), policy: policy)
                cache.keep(point, for: entry.name, stamp: stamp)
                report.entries.append(TrendReport.Entry(file: entry.name, point: point))
            } catch {
                let reason: String
                switch error {
                case .invalidSnapshot(_, let problem): reason = "not a valid snapshot: \(problem)"
                case .inputUnreadable(_, let why): reason = "unreadable: \(why)"
                default: reason = error.description
                }
                report.skipped.append(TrendReport.Skipped(file: entry.name, reason: reason))
                context.standardError.line(
                    "clerk-grants: warning: \(entry.name) left out of the trend: " + TerminalText.escapeKeepingLineFeeds(reason))
            }
        }
        cache.keepOnly(Set(entries.map(\.name)))
        if cache.isChanged {
            do {
                try cache.save(to: directory)
            } catch {
                // The trend is right without it; only the next run is slower.
                context.standardError.line("clerk-grants: note: the trend cache was not kept: " + TerminalText.escape(error.reason))
            }
        }
        try ReviewCommand.deliver(to: arguments.text(ReportOptions.output), context: context) { emit in
            format.write(report, emit: emit)
        }
        return report.skipped.isEmpty ? .success : .usageOrInput
    }
}
