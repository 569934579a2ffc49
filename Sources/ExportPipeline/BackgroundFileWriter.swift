import Dispatch
import Foundation
import Synchronization

/// Writes chunks to an open file on a background queue, in order, so the disk works while the caller
/// computes the next chunk: a snapshot is hundreds of megabytes, and writing and flushing them after
/// encoding them would add their time to every export. At most `window` chunks wait at once, which
/// bounds the memory the producer can run ahead by (four blocks of records by default, as many as are
/// encoded at once). The written part is flushed to disk every `flushInterval` bytes, so the final
/// `fsync` has little left to do.
final class BackgroundFileWriter: Sendable {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "clerk-grants.file-writer")
    private let slots: DispatchSemaphore
    private let state = Mutex(State())
    private let flushInterval: Int

    private struct State {
        var failure: String?
        var unflushed = 0
    }

    init(descriptor: Int32, window: Int = 4, flushInterval: Int = 32 << 20) {
        self.descriptor = descriptor
        slots = DispatchSemaphore(value: window)
        self.flushInterval = flushInterval
    }

    /// Queues `chunk` to be appended; waits while `window` chunks are already queued.
    func append(_ chunk: [UInt8]) {
        enqueue { [self] in
            var offset = 0
            while offset < chunk.count {
                let written = chunk[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return systemError(errno)
                }
                offset += written
            }
            let due = state.withLock { state in
                state.unflushed += chunk.count
                defer { if state.unflushed >= flushInterval { state.unflushed = 0 } }
                return state.unflushed >= flushInterval
            }
            if due, fdatasync(descriptor) != 0 { return systemError(errno) }
            return nil
        }
    }

    /// Queues overwriting `bytes` at `position`, after everything queued before it.
    func overwrite(at position: Int, with bytes: [UInt8]) {
        enqueue { [self] in
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            if written != bytes.count { return written < 0 ? systemError(errno) : "short write" }
            return nil
        }
    }

    /// Waits for every queued write and returns the first failure, if any.
    func finish() -> String? {
        queue.sync {}
        return state.withLock { $0.failure }
    }

    private func enqueue(_ work: @escaping @Sendable () -> String?) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard state.withLock({ $0.failure == nil }) else { return }
            if let failure = work() { state.withLock { $0.failure = failure } }
        }
    }

    private func systemError(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
