import Foundation
import GrantGraph

/// Where a finished snapshot goes: stdout, or a file replaced atomically (a failed export never leaves a
/// partial file and never replaces a good one).
struct SnapshotDelivery {
    let context: CommandContext

    /// Seals the snapshot (a file output computes the digest while writing), delivers it, and returns a
    /// short description of where it went, for the summary line.
    func deliver(_ snapshot: inout Snapshot, options: ExportOptions) throws(CLIError) -> String {
        if let output = options.output {
            do {
                try AtomicFile.write(to: output) { emit, patch in SnapshotEncoder.encode(&snapshot, emit: emit, patch: patch) }
            } catch {
                throw .outputFailed(path: output.path, reason: error.reason)
            }
            return output.path
        }
        snapshot.seal()
        if let store = options.store { return try deliver(snapshot, toStore: store, keep: options.keep, quiet: options.quiet) }
        SnapshotEncoder.encode(snapshot) { context.standardOutput.write($0) }
        return "stdout"
    }

    /// `--store DIR`: a new file unless nothing changed since the newest stored snapshot, the headline of
    /// the diff against it on stderr, then pruning to `--keep N`.
    private func deliver(_ snapshot: Snapshot, toStore directory: URL, keep: Int?, quiet: Bool) throws(CLIError) -> String {
        let outcome = try SnapshotStore(directory: directory).save(snapshot, keep: keep)
        if !quiet {
            if let problem = outcome.previousProblem {
                context.standardError.line("clerk-grants: warning: the newest stored snapshot \(problem.entry.name) could not be compared: \(problem.reason)")
            }
            if let previous = outcome.previous {
                if outcome.written == nil {
                    context.standardError.line("clerk-grants: no change since \(previous.entry.name) (same digest); nothing written")
                } else {
                    let diff = SnapshotDiffer.diff(old: previous.snapshot, new: snapshot)
                    context.standardError.line("clerk-grants: changes since \(previous.entry.name): \(DiffSummary.headline(diff))")
                }
            } else if outcome.previousProblem == nil {
                context.standardError.line("clerk-grants: first snapshot in \(directory.path)")
            }
            if !outcome.pruned.isEmpty {
                context.standardError.line("clerk-grants: pruned \(outcome.pruned.count) old snapshot(s) (--keep \(keep ?? 0)): \(outcome.pruned.map(\.name).joined(separator: ", "))")
            }
        }
        if let written = outcome.written { return written.url.path }
        return "unchanged, \(outcome.previous?.entry.url.path ?? directory.path)"
    }
}
