/// Why the fake server could not start.
public enum FakeServerError: Error, Equatable, CustomStringConvertible {
    case alreadyStarted
    case socketCallFailed(call: String, errno: Int32)
    case threadStartFailed(code: Int32)

    public var description: String {
        switch self {
        case .alreadyStarted: "the fake Clerk server was already started; a server starts once"
        case .socketCallFailed(let call, let code): "\(call) failed on 127.0.0.1 (errno \(code))"
        case .threadStartFailed(let code): "could not start a server thread (pthread_create returned \(code))"
        }
    }
}
