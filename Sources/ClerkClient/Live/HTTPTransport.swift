import Dispatch
import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP GET and its answer. A protocol so the retry and paging logic can be driven by tests, though
/// the real proof is the loopback fake server over `URLSessionTransport`.
///
/// A conforming transport never follows a redirect (it hands back the 3xx answer), bounds the whole
/// exchange by `request.timeoutInterval` (throwing `URLError(.timedOut)`), and throws
/// `ResponseBodyTooLarge` rather than hold a body longer than its limit.
public protocol HTTPTransport: Sendable {
    func get(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// A response body longer than the transport's limit: announced by `Content-Length`, or counted on arrival.
public struct ResponseBodyTooLarge: Error, Sendable, Equatable {
    /// The limit that was passed, in bytes.
    public var limit: Int
}

/// The production transport: FoundationNetworking's URLSession with its connection reuse, driven through
/// a session delegate because only a delegate can refuse redirects (without one, FoundationNetworking
/// follows them, `Authorization` header and all) and see the body while it arrives.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let delegate: TransportDelegate

    /// `maximumConnections` per host; a body over `maximumResponseBytes` throws `ResponseBodyTooLarge`.
    public init(maximumConnections: Int, maximumResponseBytes: Int = ClerkClientConfiguration.defaultMaximumResponseBytes) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maximumConnections
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        delegate = TransportDelegate(maximumResponseBytes: max(1, maximumResponseBytes))
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        // The session holds its delegate until it is invalidated.
        session.finishTasksAndInvalidate()
    }

    public func get(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let timeout = request.timeoutInterval.isFinite && request.timeoutInterval > 0 ? request.timeoutInterval : 60
        let task = session.dataTask(with: request)
        let delegate = self.delegate
        return try await withCheckedThrowingContinuation { continuation in
            delegate.register(task.taskIdentifier, continuation)
            task.resume()
            // The total deadline: URLSession's own timeout restarts with every byte, so a body dripped byte
            // by byte would never trip it.
            let identifier = task.taskIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [weak task] in
                if delegate.fail(identifier, with: .timedOut) { task?.cancel() }
            }
        }
    }
}

/// The per-request state of every request in flight, keyed by task identifier.
private final class TransportDelegate: NSObject, URLSessionDataDelegate, Sendable {
    enum Failure {
        case timedOut
        case tooLarge
    }

    struct Pending {
        var continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
        var body = Data()
        var failure: Failure?
    }

    private let maximumResponseBytes: Int
    private let pending = Mutex<[Int: Pending]>([:])

    init(maximumResponseBytes: Int) {
        self.maximumResponseBytes = maximumResponseBytes
    }

    func register(_ identifier: Int, _ continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>) {
        pending.withLock { $0[identifier] = Pending(continuation: continuation) }
    }

    /// Marks a request still in flight as failed (the first failure is the one reported); true while it is
    /// in flight, when the caller should cancel its task.
    func fail(_ identifier: Int, with failure: Failure) -> Bool {
        pending.withLock { requests in
            guard requests[identifier] != nil else { return false }
            if requests[identifier]?.failure == nil { requests[identifier]?.failure = failure }
            requests[identifier]?.body = Data()
            return true
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // The 3xx itself becomes the answer; the client reports it and sends nothing to the new location.
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if response.expectedContentLength > Int64(maximumResponseBytes), fail(dataTask.taskIdentifier, with: .tooLarge) {
            completionHandler(.cancel)
            // FoundationNetworking does not end the transfer on `.cancel` alone; it would wait for the body.
            dataTask.cancel()
        } else {
            // A stated length (within the bound, checked above) is room made once, instead of a page of
            // 16 KB pieces copied again at every doubling. It is only a size hint: the body still counts
            // what actually arrives against the bound.
            if response.expectedContentLength > 0 {
                let expected = Int(response.expectedContentLength)
                pending.withLock { requests in
                    guard var request = requests.removeValue(forKey: dataTask.taskIdentifier) else { return }
                    if request.body.isEmpty { request.body.reserveCapacity(expected) }
                    requests[dataTask.taskIdentifier] = request
                }
            }
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let limit = maximumResponseBytes
        let overLimit = pending.withLock { requests -> Bool in
            guard var request = requests[dataTask.taskIdentifier], request.failure == nil else { return false }
            guard request.body.count + data.count <= limit else {
                request.failure = .tooLarge
                request.body = Data()
                requests[dataTask.taskIdentifier] = request
                return true
            }
            // Taken out while appending, so the append does not copy the buffer.
            requests[dataTask.taskIdentifier] = nil
            request.body.append(data)
            requests[dataTask.taskIdentifier] = request
            return false
        }
        if overLimit { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let request = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        switch request.failure {
        case .timedOut?:
            request.continuation.resume(throwing: URLError(.timedOut))
        case .tooLarge?:
            request.continuation.resume(throwing: ResponseBodyTooLarge(limit: maximumResponseBytes))
        case nil:
            if let error {
                request.continuation.resume(throwing: error)
            } else if let response = task.response as? HTTPURLResponse {
                request.continuation.resume(returning: (request.body, response))
            } else {
                request.continuation.resume(throwing: URLError(.badServerResponse))
            }
        }
    }
}
