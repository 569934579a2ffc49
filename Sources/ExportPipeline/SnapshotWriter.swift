import Foundation
import GrantGraph
import SnapshotFormat

/// Writes an export's snapshot. A file is replaced atomically (a failed write never leaves a partial file
/// and never replaces a good one) and sealed while written: the digest is patched into its place at the
/// end, so the records are encoded once. What cannot be patched (stdout, a device, a FIFO), and a signed
/// snapshot (`signingKey`: its signature covers the digest, so the digest must be known first), gets the
/// digest computed first.
public enum SnapshotWriter {
    /// Writes `draft` to the file at `url` (through a symbolic link; in place for a device or FIFO).
    public static func write(_ draft: borrowing SnapshotDraft, to url: URL, signingKey: [UInt8]? = nil) throws(ExportError) {
        do {
            switch try AtomicFile.destination(of: url) {
            case .replace:
                try AtomicFile.write(to: url) { emit, patch in
                    _ = encode(draft, signingKey: signingKey, emit: emit, patch: patch)
                }
            case .stream:
                try AtomicFile.write(to: url) { emit in
                    stream(draft, signingKey: signingKey, to: emit)
                }
            }
        } catch {
            throw .outputFailed(path: url.path, reason: error.reason)
        }
    }

    /// Hands the bytes of `draft` to `emit` in order, for a stream that cannot be patched (stdout).
    public static func stream(_ draft: borrowing SnapshotDraft, signingKey: [UInt8]? = nil, to emit: ([UInt8]) -> Void) {
        let digest = SnapshotDigest.compute(draft.graph, version: draft.header.layout)
        SnapshotEncoder.encode(draft.header, body: draft.graph, digest: digest, signingKey: signingKey, emit: emit)
    }

    /// Encodes `draft` into a file being written, patching the digest in at the end unless it is signed;
    /// returns the digest.
    package static func encode(
        _ draft: borrowing SnapshotDraft, signingKey: [UInt8]?, emit: ([UInt8]) -> Void,
        patch: (_ offset: Int, _ bytes: [UInt8]) -> Void
    ) -> String {
        guard let signingKey else { return SnapshotEncoder.encode(draft.header, body: draft.graph, emit: emit, patch: patch) }
        let digest = SnapshotDigest.compute(draft.graph, version: draft.header.layout)
        SnapshotEncoder.encode(draft.header, body: draft.graph, digest: digest, signingKey: signingKey, emit: emit)
        return digest
    }
}
