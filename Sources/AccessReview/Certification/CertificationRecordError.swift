/// Why a file given to `remediation` is not a certification record this version reads.
public struct CertificationRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
