import Glibc

/// Serves one client connection until it closes, asks to close, or the server stops: reads request heads,
/// skips any body, writes answers in order. Runs on its own thread and touches no shared state but the
/// (locked) API.
struct HTTPConnection {
    /// A client may not send more header bytes than this before the blank line.
    static let maximumHeadBytes = 64 * 1024

    let socket: Int32
    let api: FakeClerkAPI

    func serve() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var searchedUpTo = 0
        while true {
            guard let headEnd = Self.blankLine(in: buffer, from: searchedUpTo) else {
                if buffer.count > Self.maximumHeadBytes {
                    _ = write(Self.plainError(431), keepConnection: false)
                    return
                }
                searchedUpTo = max(0, buffer.count - 3)
                guard LoopbackSocket.receive(socket, into: &buffer, chunk: &chunk) != nil else { return }
                continue
            }
            guard let request = HTTPRequestHead(buffer[..<headEnd]) else {
                _ = write(Self.plainError(400), keepConnection: false)
                return
            }
            let requestEnd = headEnd + 4 + max(0, request.contentLength)
            while buffer.count < requestEnd {
                guard LoopbackSocket.receive(socket, into: &buffer, chunk: &chunk) != nil else { return }
            }
            buffer.removeFirst(requestEnd)
            searchedUpTo = 0

            guard case .respond(let response) = api.reply(to: request) else { return }
            if api.behavior.responseDelay > 0 { Self.sleep(seconds: api.behavior.responseDelay) }
            var keepConnection = request.wantsConnectionKept
            if case .streamed = response.delivery { keepConnection = false }
            guard write(response, keepConnection: keepConnection), keepConnection else { return }
        }
    }

    private func write(_ response: HTTPResponse, keepConnection: Bool) -> Bool {
        let head = response.serializedHead(keepConnection: keepConnection)
        switch response.delivery {
        case .whole:
            // Counted before writing, so the stats already include an answer by the time its client has it.
            api.recordBytesSent(head.count + response.body.count)
            return LoopbackSocket.sendAll(socket, head, moreFollows: !response.body.isEmpty)
                && LoopbackSocket.sendAll(socket, response.body, moreFollows: false)
        case .dripped(let secondsPerByte):
            api.recordBytesSent(head.count + response.body.count)
            guard LoopbackSocket.sendAll(socket, head, moreFollows: false) else { return false }
            // Ends when the body is out, or as soon as the client (or stop()) closes the connection.
            for byte in response.body {
                guard !LoopbackSocket.clientHungUp(socket, within: secondsPerByte),
                    LoopbackSocket.sendAll(socket, [byte], moreFollows: false)
                else { return false }
            }
            return true
        case .streamed(let bytes, _, let secondsPerChunk):
            guard LoopbackSocket.sendAll(socket, head, moreFollows: false) else { return false }
            api.recordBytesSent(head.count)
            let filler = [UInt8](repeating: UInt8(ascii: " "), count: 64 * 1024)
            var sent = 0
            while sent < bytes {
                let chunk = min(filler.count, bytes - sent)
                if secondsPerChunk > 0, LoopbackSocket.clientHungUp(socket, within: secondsPerChunk) { return false }
                guard LoopbackSocket.sendAll(socket, Array(filler[..<chunk]), moreFollows: false) else { return false }
                api.recordBytesSent(chunk)
                sent += chunk
            }
            return true
        }
    }

    /// The index of the CRLFCRLF that ends the head, searching from `start`.
    private static func blankLine(in buffer: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = start
        while index + 3 < buffer.count {
            if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    /// For requests that never reach the API because they are not HTTP.
    private static func plainError(_ status: Int) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/plain")],
            body: Array(HTTPResponse.reasonPhrase(status).utf8))
    }

    private static func sleep(seconds: Double) {
        let wholeSeconds = seconds.rounded(.down)
        var request = timespec(tv_sec: Int(wholeSeconds), tv_nsec: Int((seconds - wholeSeconds) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
