import Foundation

/// The OCSF class definitions committed under `schemas/ocsf/`, one JSON file per class, that the tests
/// check every OCSF event against.
public enum OCSFClassFiles {
    public static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("schemas/ocsf")
    }

    /// The bytes of every `*.json` file of the folder, in name order.
    public static func all() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }
}
