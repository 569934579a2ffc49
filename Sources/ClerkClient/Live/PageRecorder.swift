import ClerkModel
import Foundation

/// Saves every page a live export reads, in the fixture layout (`<dir>/<collection>/page-NNNN.json`), so
/// any snapshot can be reproduced offline with `--fixtures`. Pages hold Clerk's responses only; the key
/// is never in them. The instance fingerprint goes to `instance.txt`.
public struct PageRecorder: Sendable {
    public let folder: URL

    public init(folder: URL, instance: String) throws(ClerkReadError) {
        self.folder = folder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for collection in ClerkCollection.allCases {
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(collection.fixtureFolder), withIntermediateDirectories: true)
            }
            try Data((instance + "\n").utf8).write(to: folder.appendingPathComponent(FixtureReader.instanceFile))
        } catch {
            throw .fixtureUnreadable(path: folder.path, reason: "cannot create the recording folder")
        }
    }

    /// `name` is the page's place in the collection (`0001`, or `org_x-0002` for per-organization pages).
    func record(_ body: Data, collection: ClerkCollection, name: String) {
        let url = folder.appendingPathComponent(collection.fixtureFolder).appendingPathComponent("page-\(name).json")
        try? body.write(to: url, options: .atomic)
    }

    func recordCount(_ body: Data) {
        let url = folder.appendingPathComponent(ClerkCollection.users.fixtureFolder).appendingPathComponent("count.json")
        try? body.write(to: url, options: .atomic)
    }

    static func pageName(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
