import CanonicalJSON

/// `metadata.product`: the software that wrote the event, this tool at the version that ran.
public struct OCSFProduct: Sendable, Equatable {
    /// `name`: `clerk-grants`.
    public var name: String
    /// `vendor_name`: required by OCSF 1.1-1.5; the tool has no vendor but itself, so `clerk-grants`.
    public var vendorName: String
    /// `version`: the tool's version (`clerk-grants version`); the tests use a fixed one.
    public var version: String

    public init(name: String = "clerk-grants", vendorName: String = "clerk-grants", version: String) {
        self.name = name
        self.vendorName = vendorName
        self.version = version
    }

    public var json: JSONValue {
        ["name": .string(name), "vendor_name": .string(vendorName), "version": .string(version)]
    }
}
