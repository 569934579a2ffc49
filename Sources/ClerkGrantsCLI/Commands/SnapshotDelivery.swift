import ExportPipeline
import Foundation
import GrantDiff
import GrantGraph

/// Where a finished export goes: stdout, a file, or a store folder. Files are replaced atomically (a failed
/// export never leaves a partial file and never replaces a good one) and sealed while written.
struct SnapshotDelivery {
    let context: CommandContext

    /// Writes the snapshot and returns a short description of where it went, for the summary line.
    func deliver(_ draft: consuming SnapshotDraft, options: ExportOptions) throws(CLIError) -> String {
        if let output = options.output {
            do {
                try SnapshotWriter.write(draft, to: output, signingKey: options.signingKey)
            } catch {
                throw .export(error)
            }
            return output.path
        }
        if let store = options.store {
            return try deliver(consume draft, toStore: store, keep: options.keep, signingKey: options.signingKey, quiet: options.quiet)
        }
        SnapshotWriter.stream(draft, signingKey: options.signingKey) { context.standardOutput.write($0) }
        try context.standardOutput.requireDelivered()
        return "stdout"
    }

    /// `--store DIR`: a new file unless nothing changed since the newest stored snapshot, the headline of
    /// the diff against it on stderr, then pruning to `--keep N`.
    private func deliver(
        _ draft: consuming SnapshotDraft, toStore directory: URL, keep: Int?, signingKey: [UInt8]?, quiet: Bool
    ) throws(CLIError) -> String {
        let outcome = try SnapshotStore(directory: directory).save(consume draft, keep: keep, signingKey: signingKey)
        if !quiet {
            if let problem = outcome.previousProblem {
                context.standardError.line("clerk-grants: warning: the newest stored snapshot \(problem.entry.name) could not be compared: \(problem.reason)")
            }
            if let previous = outcome.previous {
                if outcome.written == nil {
                    context.standardError.line("clerk-grants: no change since \(previous.name) (same digest); nothing written")
                } else if let comparison = outcome.comparison {
                    let diff = SnapshotDiffer.diff(old: comparison.old, new: comparison.new)
                    context.standardError.line("clerk-grants: changes since \(previous.name): \(DiffSummary.headline(diff))")
                }
            } else if outcome.previousProblem == nil {
                context.standardError.line("clerk-grants: first snapshot in \(directory.path)")
            }
            if let written = outcome.written, let digest = outcome.writtenDigest {
                context.standardError.line(
                    "clerk-grants: stored \(written.name) (file \(digest)), \(outcome.linkedTo.map { "linked to \($0)" } ?? "starting the chain")")
            }
            if !outcome.pruned.isEmpty {
                context.standardError.line("clerk-grants: pruned \(outcome.pruned.count) old snapshot(s) (--keep \(keep ?? 0)): \(outcome.pruned.map(\.name).joined(separator: ", "))")
            }
        }
        if let written = outcome.written { return written.url.path }
        return "unchanged, \(outcome.previous?.url.path ?? directory.path)"
    }
}
