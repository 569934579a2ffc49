import Glibc

/// The socket calls the server needs, on 127.0.0.1 only: the fake must never be reachable from another
/// machine, since tests hand it realistic-looking secret keys.
enum LoopbackSocket {
    /// A listening socket on 127.0.0.1 and the ephemeral port the kernel chose.
    static func listen() throws(FakeServerError) -> (socket: Int32, port: UInt16) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw .socketCallFailed(call: "socket", errno: errno) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { return try failAndClose(socket, "bind") }
        guard Glibc.listen(socket, 128) == 0 else { return try failAndClose(socket, "listen") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { return try failAndClose(socket, "getsockname") }
        return (socket, UInt16(bigEndian: address.sin_port))
    }

    /// The next connection, or nil when accepting failed (the caller decides whether that means stop).
    static func accept(_ listeningSocket: Int32) -> Int32? {
        let connection = Glibc.accept(listeningSocket, nil, nil)
        guard connection >= 0 else { return nil }
        // accept4 is not imported without _GNU_SOURCE; a child process must still not inherit the socket.
        _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
        // Headers and body go out as separate sends; without this, Nagle's algorithm meeting the client's
        // delayed ACK can stall each answer by 40 ms.
        var noDelay: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }

    /// Reads what is available into `buffer`; nil at end of stream or on error.
    static func receive(_ socket: Int32, into buffer: inout [UInt8], chunk: inout [UInt8]) -> Int? {
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return count
            }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// Writes all of `bytes`. `MSG_NOSIGNAL` turns a client that hung up into an error here rather than a
    /// SIGPIPE that would kill the test process. `moreFollows` holds a short head back until its body joins it.
    static func sendAll(_ socket: Int32, _ bytes: [UInt8], moreFollows: Bool) -> Bool {
        let flags = Int32(MSG_NOSIGNAL) | (moreFollows ? Int32(MSG_MORE) : 0)
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socket, buffer.baseAddress! + offset, buffer.count - offset, flags)
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Waits up to `seconds` while the client is quiet; true as soon as it hangs up or sends anything (or
    /// `stop()` shuts the socket down), so a slow hostile answer never outlives its client or the server.
    static func clientHungUp(_ socket: Int32, within seconds: Double) -> Bool {
        var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, min(seconds, 3600)) * 1000)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready != 0
        }
    }

    static func shutdownBoth(_ socket: Int32) {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    static func close(_ socket: Int32) {
        _ = Glibc.close(socket)
    }

    private static func failAndClose(_ socket: Int32, _ call: String) throws(FakeServerError) -> (Int32, UInt16) {
        let code = errno
        _ = Glibc.close(socket)
        throw .socketCallFailed(call: call, errno: code)
    }
}
