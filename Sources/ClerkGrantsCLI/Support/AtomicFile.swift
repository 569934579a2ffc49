import Foundation

/// Writes a file so that readers see either the old content or the complete new content, never a prefix:
/// a temporary file in the same folder (same file system, so rename is atomic), flushed, then renamed
/// over the target. Snapshots hold personal data, so the file is created with mode 0600.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o600) throws(AtomicWriteError) {
        try write(to: url, mode: mode) { emit in emit(bytes) }
    }

    /// Streams content produced in chunks: `produce` calls `emit` for each chunk, in order.
    public static func write(
        to url: URL, mode: mode_t = 0o600, produce: (_ emit: ([UInt8]) -> Void) -> Void
    ) throws(AtomicWriteError) {
        try withoutActuallyEscaping(produce) { (produce) throws(AtomicWriteError) in
            try write(to: url, mode: mode) { emit, _ in produce(emit) }
        }
    }

    /// As above, and `patch(offset, bytes)` may overwrite bytes already emitted before the file is renamed
    /// into place (a snapshot's digest is known only once its records are written).
    public static func write(
        to url: URL, mode: mode_t = 0o600,
        produce: (_ emit: ([UInt8]) -> Void, _ patch: (_ offset: Int, _ bytes: [UInt8]) -> Void) -> Void
    ) throws(AtomicWriteError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw AtomicWriteError(reason: systemError(errno)) }
        let writer = BackgroundFileWriter(descriptor: descriptor)
        produce({ chunk in writer.append(chunk) }, { position, bytes in writer.overwrite(at: position, with: bytes) })
        var failure = writer.finish()
        if failure == nil, fsync(descriptor) != 0 { failure = systemError(errno) }
        // The umask may have narrowed the mode at creation; set it exactly.
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = systemError(errno) }
        if close(descriptor) != 0, failure == nil { failure = systemError(errno) }
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = systemError(errno) }
        if let failure {
            unlink(temporary.path)
            throw AtomicWriteError(reason: failure)
        }
    }

    private static func systemError(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

public struct AtomicWriteError: Error, Sendable {
    public var reason: String
}
