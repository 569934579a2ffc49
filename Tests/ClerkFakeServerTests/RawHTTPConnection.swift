import Foundation
import Glibc

/// A raw TCP client for the HTTP details URLSession hides: `Connection: close`, pipelining, hanging up
/// mid-answer.
final class RawHTTPConnection {
    private let socket: Int32

    /// The socket is stored only once connected: a throwing init whose properties are all set still runs
    /// `deinit`, and a second close could hit a descriptor number another test's server has just reused.
    init(port: Int) throws {
        let candidate = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard candidate >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(candidate, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(candidate)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(candidate, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socket = candidate
    }

    deinit {
        Glibc.close(socket)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes the connection (or 10 s pass).
    func readUntilClosed() -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += chunk[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Reads until `count` complete responses (head plus `Content-Length` body) have arrived.
    func readResponses(_ count: Int) -> [String] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var responses: [String] = []
        while responses.count < count {
            if let (response, used) = Self.firstResponse(in: received) {
                responses.append(response)
                received.removeFirst(used)
                continue
            }
            let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard read > 0 else { break }
            received += chunk[0..<read]
        }
        return responses
    }

    func close() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private static func firstResponse(in bytes: [UInt8]) -> (String, Int)? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<headEnd.lowerBound]
        let lengthLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        let length = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        let headBytes = text[..<headEnd.upperBound].utf8.count
        guard bytes.count >= headBytes + length else { return nil }
        return (String(decoding: bytes[0..<(headBytes + length)], as: UTF8.self), headBytes + length)
    }
}
