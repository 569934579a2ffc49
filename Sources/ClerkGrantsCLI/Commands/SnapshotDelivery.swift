import Foundation
import GrantGraph

/// Where a finished snapshot goes: stdout, or a file replaced atomically (a failed export never leaves a
/// partial file and never replaces a good one).
struct SnapshotDelivery {
    let context: CommandContext

    /// Returns a short description of where the snapshot went, for the summary line.
    func deliver(_ snapshot: Snapshot, options: ExportOptions) throws(CLIError) -> String {
        if let output = options.output {
            do {
                try AtomicFile.write(to: output) { emit in SnapshotEncoder.encode(snapshot, emit: emit) }
            } catch {
                throw .outputFailed(path: output.path, reason: error.reason)
            }
            return output.path
        }
        SnapshotEncoder.encode(snapshot) { context.standardOutput.write($0) }
        return "stdout"
    }
}
