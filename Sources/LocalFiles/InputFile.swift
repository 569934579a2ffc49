import Dispatch
import Foundation
import Synchronization

/// Reads a file a user named, sized before it is read: only a regular file is read (a FIFO would block, a
/// device may never end, a folder is not a file), and only up to a limit, checked against the size the
/// file system reports before a byte of it is loaded.
package enum InputFile {
    /// What was read, and the permission bits it had (for the key-file warning).
    package struct Contents: Sendable {
        package var bytes: Data
        package var permissions: mode_t
    }

    /// Why a file was not read; the message completes "cannot read PATH: ...".
    package struct Refusal: Error, Sendable {
        package var reason: String

        package init(reason: String) { self.reason = reason }
    }

    /// Opens `url` without blocking (a FIFO with no writer would hang `open`), checks what it is and how
    /// big, then reads at most `limit` bytes. `accepts`, given the open descriptor and the size, may refuse
    /// the file from a few of its bytes before the rest is read.
    package static func read(
        _ url: URL, limit: Int64, limitDescription: String,
        accepts: ((_ descriptor: Int32, _ size: Int64) -> String?)? = nil
    ) throws(Refusal) -> Contents {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT: throw Refusal(reason: "no such file")
            case EACCES: throw Refusal(reason: "permission denied")
            case ENXIO: throw Refusal(reason: "it is a socket or a device with nothing behind it, not a regular file")
            default: throw Refusal(reason: String(cString: strerror(code)))
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Refusal(reason: String(cString: strerror(errno))) }
        if let kind = FileKind.nonRegular(info.st_mode) { throw Refusal(reason: "it is \(kind), not a regular file") }
        let size = Int64(info.st_size)
        guard size <= limit else {
            throw Refusal(reason: "it is \(size) bytes, over the limit of \(limitDescription) (\(limit) bytes); it was not read")
        }
        if let accepts, let refusal = accepts(descriptor, size) { throw Refusal(reason: refusal) }
        // Reads exactly the size stat reported: a file that grows meanwhile cannot push past the limit.
        var bytes = Self.buffer(count: Int(size))
        let read: Result<Int, Refusal> = bytes.withUnsafeMutableBytes { buffer in
            Self.fill(buffer, from: descriptor)
        }
        bytes.count = try read.get()
        return Contents(bytes: bytes, permissions: info.st_mode & 0o7777)
    }

    /// Files above this size are read into memory the kernel may back with 2 MiB pages: a 300 MB snapshot
    /// then costs a few hundred page faults instead of seventy-five thousand.
    static let hugePageThreshold = 8 << 20
    static let hugePageSize = 2 << 20

    /// A buffer of `count` bytes for `pread` to fill; a large one aligned to, and advised for, huge pages
    /// (not zeroed: the caller keeps only the bytes read).
    static func buffer(count: Int) -> Data {
        guard count >= hugePageThreshold else { return Data(count: count) }
        let rounded = (count + hugePageSize - 1) / hugePageSize * hugePageSize
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, hugePageSize, rounded) == 0, let memory else { return Data(count: count) }
        #if canImport(Glibc)
            // Advice only: without transparent huge pages the buffer is an ordinary one.
            _ = madvise(memory, rounded, Int32(MADV_HUGEPAGE))
        #endif
        return Data(bytesNoCopy: memory, count: count, deallocator: .free)
    }

    /// Files above this size are read as two halves at once: the kernel's copy into fresh memory (and the
    /// zeroing of each new page before it) is most of the time it takes, and it runs on each core.
    static let parallelReadThreshold = 8 << 20

    /// Reads the file into `buffer` from its start; the bytes read, fewer than the buffer holds when the file
    /// shrank meanwhile (the bytes kept are always a prefix of the file, never a gap).
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: Int32) -> Result<Int, Refusal> {
        guard buffer.count >= parallelReadThreshold, let base = buffer.baseAddress else {
            return readRange(descriptor, into: buffer.baseAddress, 0..<buffer.count)
        }
        let half = buffer.count / 2 / 4096 * 4096
        let ranges = [0..<half, half..<buffer.count]
        let results = Mutex<[Result<Int, Refusal>?]>([nil, nil])
        // The pointer crosses to the second thread for the call only: each thread writes its own half, and
        // concurrentPerform returns when both are done. Two iterations, CPU-bound, bounded: the calling
        // thread takes one.
        nonisolated(unsafe) let target = base
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let result = readRange(descriptor, into: target, ranges[part])
            results.withLock { $0[part] = result }
        }
        switch results.withLock({ ($0[0]!, $0[1]!) }) {
        case (.failure(let refusal), _), (_, .failure(let refusal)): return .failure(refusal)
        case (.success(let count), .success(let more)): return .success(count < half ? count : count + more)
        }
    }

    /// `pread`s `range` of the file into the same range of `base`; the count read, short at the end of the file.
    private static func readRange(_ descriptor: Int32, into base: UnsafeMutableRawPointer?, _ range: Range<Int>) -> Result<Int, Refusal> {
        var offset = range.lowerBound
        while offset < range.upperBound, let base {
            let got = pread(descriptor, base + offset, range.upperBound - offset, off_t(offset))
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(Refusal(reason: String(cString: strerror(errno))))
            }
            if got == 0 { break }
            offset += got
        }
        return .success(offset - range.lowerBound)
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the file), for sniffing a file's shape.
    package static func peek(_ descriptor: Int32, at offset: Int64, count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(0, count))
        let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        return got > 0 ? Array(buffer.prefix(got)) : []
    }
}
