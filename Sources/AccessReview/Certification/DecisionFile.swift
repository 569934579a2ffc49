/// A filled-in workbook as `certify` received it: the name it was given by (for every message and the
/// record) and its bytes, which the caller has read through a size cap.
public struct DecisionFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
