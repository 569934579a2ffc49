import Foundation
import LocalFiles

/// Writes a file so that readers see either the old content or the complete new content, never a prefix:
/// a temporary file in the same folder (same file system, so rename is atomic), flushed, then renamed
/// over the target. Snapshots hold personal data, so the file is created with mode 0600.
///
/// What the path names decides how it is written (`Destination`): a symbolic link is written through (its
/// target is replaced, the link stays), a device or FIFO (`/dev/stdout`, a named pipe) is written in place,
/// and a folder or block device is refused. Temporary files a killed run left beside the target
/// (`.NAME.<UUID>.tmp`, older than an hour) are removed.
package enum AtomicFile {
    /// Where writing a path really goes.
    package enum Destination: Equatable, Sendable {
        /// A regular file, or nothing yet, at this path with symbolic links resolved: replaced atomically.
        case replace(URL)
        /// A character device, FIFO or socket: it has no content to keep and cannot be renamed over, so it
        /// is written in place (and cannot be patched afterwards).
        case stream(URL)
    }

    /// Resolves `url` without writing anything.
    package static func destination(of url: URL) throws(AtomicWriteError) -> Destination {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return .replace(url) }
            throw AtomicWriteError(reason: systemError(errno))
        }
        let isLink = info.st_mode & S_IFMT == S_IFLNK
        if isLink {
            guard stat(url.path, &info) == 0 else {
                throw AtomicWriteError(reason: "it is a symbolic link to a missing or unreachable file (\(systemError(errno))); the link is left as it is")
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard isLink else { return .replace(url) }
            // Replacing the link itself would cut whatever it links to out of its place: the file it
            // resolves to is replaced instead, with the temporary file beside it.
            guard let real = realpath(url.path, nil) else { throw AtomicWriteError(reason: systemError(errno)) }
            defer { free(real) }
            return .replace(URL(fileURLWithPath: String(cString: real)))
        case S_IFCHR, S_IFIFO, S_IFSOCK: return .stream(url)
        case S_IFDIR: throw AtomicWriteError(reason: "it is a folder")
        default: throw AtomicWriteError(reason: "it is \(FileKind.nonRegular(info.st_mode) ?? "not a regular file"); refusing to write a snapshot onto it")
        }
    }

    package static func write(_ bytes: [UInt8], to url: URL, mode: mode_t = 0o600) throws(AtomicWriteError) {
        try write(to: url, mode: mode) { emit in emit(bytes) }
    }

    /// Streams content produced in chunks: `produce` calls `emit` for each chunk, in order. A device or
    /// FIFO is written in place.
    package static func write(
        to url: URL, mode: mode_t = 0o600, produce: (_ emit: ([UInt8]) -> Void) -> Void
    ) throws(AtomicWriteError) {
        if case .stream(let device) = try destination(of: url) {
            try withoutActuallyEscaping(produce) { (produce) throws(AtomicWriteError) in
                try stream(to: device, produce: produce)
            }
            return
        }
        try withoutActuallyEscaping(produce) { (produce) throws(AtomicWriteError) in
            try write(to: url, mode: mode) { emit, _ in produce(emit) }
        }
    }

    /// As above, and `patch(offset, bytes)` may overwrite bytes already emitted before the file is renamed
    /// into place (a snapshot's digest is known only once its records are written). Only a regular file
    /// can be patched: callers check `destination(of:)` and stream to a device without patching.
    package static func write(
        to url: URL, mode: mode_t = 0o600,
        produce: (_ emit: ([UInt8]) -> Void, _ patch: (_ offset: Int, _ bytes: [UInt8]) -> Void) -> Void
    ) throws(AtomicWriteError) {
        guard case .replace(let target) = try destination(of: url) else {
            throw AtomicWriteError(reason: "it is not a regular file, so it cannot be written and then patched")
        }
        let directory = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        StaleTemporaryFiles.remove(in: directory) { isTemporaryName($0, for: name) }
        let temporary = directory.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        try writeNew(at: temporary, mode: mode, produce: produce)
        if rename(temporary.path, target.path) != 0 {
            let failure = systemError(errno)
            unlink(temporary.path)
            throw AtomicWriteError(reason: failure)
        }
        // The new name is an entry of the folder: flushing the folder makes the rename survive a crash too.
        // Best effort, as for a folder's parent (`AtomicFolder`): some file systems refuse it, and the file
        // itself is already flushed and in place.
        try? flushFolder(directory)
    }

    /// Flushes a folder's entries (names created, renamed or removed in it) to disk.
    static func flushFolder(_ folder: URL) throws(AtomicWriteError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicWriteError(reason: systemError(errno)) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw AtomicWriteError(reason: systemError(errno)) }
    }

    /// Creates a file that must not exist yet (no link followed), writes it, flushes it to disk (unless
    /// `flush` is false: the caller flushes it later) and sets its mode exactly; on failure the file is
    /// removed. The step `write` renames into place, and the one `AtomicFolder` uses for each file of a
    /// folder it builds.
    package static func writeNew(
        at url: URL, mode: mode_t = 0o600, flush: Bool = true,
        produce: (_ emit: ([UInt8]) -> Void, _ patch: (_ offset: Int, _ bytes: [UInt8]) -> Void) -> Void
    ) throws(AtomicWriteError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard descriptor >= 0 else { throw AtomicWriteError(reason: systemError(errno)) }
        let writer = BackgroundFileWriter(descriptor: descriptor)
        produce({ chunk in writer.append(chunk) }, { position, bytes in writer.overwrite(at: position, with: bytes) })
        var failure = writer.finish()
        if failure == nil, flush, fsync(descriptor) != 0 { failure = systemError(errno) }
        // The umask may have narrowed the mode at creation; set it exactly.
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = systemError(errno) }
        if close(descriptor) != 0, failure == nil { failure = systemError(errno) }
        if let failure {
            unlink(url.path)
            throw AtomicWriteError(reason: failure)
        }
    }

    /// `.NAME.<UUID>.tmp`: the temporary files `write` makes for a target named NAME, and nothing else.
    package static func isTemporaryName(_ candidate: String, for name: String) -> Bool {
        let prefix = ".\(name)."
        guard candidate.hasPrefix(prefix), candidate.hasSuffix(".tmp") else { return false }
        let middle = candidate.dropFirst(prefix.count).dropLast(".tmp".count)
        return StaleTemporaryFiles.isUUID(middle)
    }

    /// Writes a device or FIFO in place: no temporary file, no rename, no fsync (a pipe has none) and no
    /// chmod (the device is not ours to change).
    private static func stream(to url: URL, produce: (_ emit: ([UInt8]) -> Void) -> Void) throws(AtomicWriteError) {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw AtomicWriteError(reason: systemError(errno)) }
        let writer = BackgroundFileWriter(descriptor: descriptor, flushInterval: .max)
        produce { chunk in writer.append(chunk) }
        var failure = writer.finish()
        if close(descriptor) != 0, failure == nil { failure = systemError(errno) }
        if let failure { throw AtomicWriteError(reason: failure) }
    }

    static func systemError(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

package struct AtomicWriteError: Error, Sendable {
    package var reason: String

    package init(reason: String) { self.reason = reason }
}
