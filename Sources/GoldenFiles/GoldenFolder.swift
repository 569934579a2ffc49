import Foundation

/// A folder of golden files for tests: output is compared with them byte for byte, and
/// `CLERK_GRANTS_RECORD_GOLDEN=1` rewrites them instead. On a mismatch the actual output is saved in the
/// temporary folder and the `diff` command to compare them is printed.
public struct GoldenFolder: Sendable {
    public let url: URL

    public init(_ url: URL) {
        self.url = url
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public func matches(_ actual: [UInt8], file name: String) throws -> Bool {
        let expectedURL = file(name)
        if ProcessInfo.processInfo.environment["CLERK_GRANTS_RECORD_GOLDEN"] == "1" {
            try Data(actual).write(to: expectedURL)
            return true
        }
        if Array(try Data(contentsOf: expectedURL)) == actual { return true }
        let actualURL = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
        try Data(actual).write(to: actualURL)
        print("golden mismatch: diff \(expectedURL.path) \(actualURL.path)")
        return false
    }
}
