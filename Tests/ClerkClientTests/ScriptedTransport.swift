import ClerkClient
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Answers requests from a script, in order, and remembers what was asked: for the retry and refusal
/// rules in isolation. (Paging and real HTTP are proven against the loopback fake server.)
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(status: Int, body: String, headers: [String: String] = [:])
        case fail(URLError.Code)
    }

    private let steps: Mutex<[Step]>
    private let seen = Mutex<[URLRequest]>([])

    init(_ steps: [Step]) {
        self.steps = Mutex(steps)
    }

    var requests: [URLRequest] { seen.withLock { $0 } }

    func get(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        seen.withLock { $0.append(request) }
        let step = steps.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch step {
        case .respond(let status, let body, let headers)?:
            let response = HTTPURLResponse(url: request.url!, statusCode: status, httpVersion: "HTTP/1.1", headerFields: headers)!
            return (Data(body.utf8), response)
        case .fail(let code)?:
            throw URLError(code)
        case nil:
            throw URLError(.resourceUnavailable)
        }
    }
}
