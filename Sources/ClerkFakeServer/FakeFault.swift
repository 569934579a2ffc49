/// A fault the server injected into one answer.
public enum FakeFault: Sendable, Equatable {
    case serverError(status: Int)
    /// The body was cut to `keptBytes` bytes.
    case truncatedBody(keptBytes: Int)
    case malformedBody
    case droppedConnection
}
