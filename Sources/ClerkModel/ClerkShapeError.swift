/// A page that parsed as JSON but is not the shape the OpenAPI contract documents.
public struct ClerkShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the page the problem is, e.g. `data[3].organization.id`.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }

    func nested(under prefix: String) -> ClerkShapeError {
        ClerkShapeError(path: path.isEmpty ? prefix : "\(prefix).\(path)", problem: problem)
    }
}
