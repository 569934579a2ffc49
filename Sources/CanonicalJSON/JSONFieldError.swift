/// A JSON document that parsed but is not the expected shape: a Clerk page unlike the OpenAPI contract,
/// or a snapshot record missing a field. The path names the spot (`data[3].organization.id`).
public struct JSONFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the page the problem is, e.g. `data[3].organization.id`.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    public func nested(under prefix: String) -> JSONFieldError {
        JSONFieldError(path: path.isEmpty ? prefix : "\(prefix).\(path)", problem: problem)
    }
}
