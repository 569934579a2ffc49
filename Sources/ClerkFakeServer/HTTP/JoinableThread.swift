import Glibc

/// A POSIX thread that can be joined. Foundation's `Thread` cannot be, and `FakeClerkServer.stop()` promises
/// that every thread it started has ended when it returns.
struct JoinableThread: Sendable {
    /// `pthread_t` is an integer on Linux, hence Sendable; joining from another thread is what it is for.
    private let handle: pthread_t

    static func start(_ body: @escaping @Sendable () -> Void) throws(FakeServerError) -> JoinableThread {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var handle = pthread_t()
        let code = pthread_create(
            &handle, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, context)
        guard code == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            throw .threadStartFailed(code: code)
        }
        return JoinableThread(handle: handle)
    }

    /// Call once per thread, from another thread.
    func join() {
        pthread_join(handle, nil)
    }
}

/// Boxes the closure so it can cross `pthread_create`'s untyped context pointer.
private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}
