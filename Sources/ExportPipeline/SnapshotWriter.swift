import Foundation
import GrantGraph
import SnapshotFormat

/// Writes an export's snapshot. A file is replaced atomically (a failed write never leaves a partial file
/// and never replaces a good one) and sealed while written: the digest is patched into its place at the
/// end, so the records are encoded once. What cannot be patched (stdout, a device, a FIFO) gets the digest
/// computed first.
public enum SnapshotWriter {
    /// Writes `draft` to the file at `url` (through a symbolic link; in place for a device or FIFO).
    public static func write(_ draft: borrowing SnapshotDraft, to url: URL) throws(ExportError) {
        do {
            switch try AtomicFile.destination(of: url) {
            case .replace:
                try AtomicFile.write(to: url) { emit, patch in
                    _ = SnapshotEncoder.encode(draft.header, body: draft.graph, emit: emit, patch: patch)
                }
            case .stream:
                let digest = SnapshotDigest.compute(draft.graph, version: draft.header.layout)
                try AtomicFile.write(to: url) { emit in
                    SnapshotEncoder.encode(draft.header, body: draft.graph, digest: digest, emit: emit)
                }
            }
        } catch {
            throw .outputFailed(path: url.path, reason: error.reason)
        }
    }

    /// Hands the bytes of `draft` to `emit` in order, for a stream that cannot be patched (stdout).
    public static func stream(_ draft: borrowing SnapshotDraft, to emit: ([UInt8]) -> Void) {
        let digest = SnapshotDigest.compute(draft.graph, version: draft.header.layout)
        SnapshotEncoder.encode(draft.header, body: draft.graph, digest: digest, emit: emit)
    }
}
