import CanonicalJSON

/// `metadata.product`: the software that wrote the event, this tool at the version that ran.
public struct OCSFProduct: Sendable, Equatable {
    public var name: String
    public var vendorName: String
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
