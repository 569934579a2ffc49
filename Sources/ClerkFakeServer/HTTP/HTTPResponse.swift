/// An answer ready to write: the head is serialized with an exact `Content-Length` for `body`.
struct HTTPResponse: Sendable {
    /// How the body goes out: all at once, or as one of the hostile deliveries.
    enum Delivery: Sendable, Equatable {
        case whole
        /// One byte at a time, this many seconds apart.
        case dripped(secondsPerByte: Double)
        /// `bytes` of filler in 64 KiB writes, `secondsPerChunk` apart (`body` is ignored); `Content-Length`
        /// only when `announced`.
        case streamed(bytes: Int, announced: Bool, secondsPerChunk: Double)
    }

    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var delivery = Delivery.whole

    func serializedHead(keepConnection: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for header in headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        switch delivery {
        case .whole, .dripped: head += "Content-Length: \(body.count)\r\n"
        case .streamed(let bytes, let announced, _): if announced { head += "Content-Length: \(bytes)\r\n" }
        }
        head += keepConnection ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8)
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
