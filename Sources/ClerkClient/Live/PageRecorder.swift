import ClerkModel
import Foundation

/// Saves every page a live export reads, in the fixture layout (`<dir>/<collection>/page-NNNN.json`), so
/// any snapshot can be reproduced offline with `--fixtures`. Pages hold Clerk's responses only; the key
/// is never in them. The instance fingerprint goes to `instance.txt`.
///
/// A folder that already holds a recording (an `instance.txt`, or any file in a collection folder) is
/// refused: replaying pages of two tenants, or of two runs, as one would be a snapshot of nothing real.
/// Folders it creates are private (0700), like the pages they will hold.
public struct PageRecorder: Sendable {
    public let folder: URL

    public init(folder: URL, instance: String) throws(ClerkReadError) {
        self.folder = folder
        if Self.holdsRecording(folder) { throw .recordingFolderInUse(path: folder.path) }
        do {
            let privateFolder: [FileAttributeKey: Any] = [.posixPermissions: 0o700]
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: privateFolder)
            // An opt-in collection's folder is made when its first page is recorded.
            for collection in ClerkCollection.allCases where !collection.isOptIn {
                try FileManager.default.createDirectory(
                    at: folder.appendingPathComponent(collection.fixtureFolder), withIntermediateDirectories: true,
                    attributes: privateFolder)
            }
            try Data((instance + "\n").utf8).write(to: folder.appendingPathComponent(FixtureReader.instanceFile))
        } catch {
            throw .fixtureUnreadable(path: folder.path, reason: "cannot create the recording folder")
        }
    }

    /// Whether `folder` holds anything a recording writes.
    static func holdsRecording(_ folder: URL) -> Bool {
        let files = FileManager.default
        if files.fileExists(atPath: folder.appendingPathComponent(FixtureReader.instanceFile).path) { return true }
        return ClerkCollection.allCases.contains { collection in
            let contents = try? files.contentsOfDirectory(atPath: folder.appendingPathComponent(collection.fixtureFolder).path)
            return !(contents ?? []).isEmpty
        }
    }

    /// `name` is the page's place in the collection (`0001`, or `org_x-0002` for per-organization pages).
    /// The key is replaced wherever a server put it in the body: the recording must never hold it.
    /// `folder` is a subfolder of the collection's (one user's sessions), made when missing.
    func record(_ body: Data, collection: ClerkCollection, folder subfolder: String? = nil, name: String, hiding key: SecretKey) {
        var directory = folder.appendingPathComponent(collection.fixtureFolder)
        if let subfolder {
            directory = directory.appendingPathComponent(subfolder)
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try? key.redacting(in: body).write(to: directory.appendingPathComponent("page-\(name).json"), options: .atomic)
    }

    func recordCount(_ body: Data, hiding key: SecretKey) {
        let url = folder.appendingPathComponent(ClerkCollection.users.fixtureFolder).appendingPathComponent("count.json")
        try? key.redacting(in: body).write(to: url, options: .atomic)
    }

    /// `GET /v1/instance/organization_settings`, beside the domains pages it is read with (not a page-*
    /// file, so a replay does not take it for a domains page).
    func recordOrganizationSettings(_ body: Data, hiding key: SecretKey) {
        let url = folder.appendingPathComponent(ClerkCollection.domains.fixtureFolder)
            .appendingPathComponent(FixtureReader.organizationSettingsFile)
        try? key.redacting(in: body).write(to: url, options: .atomic)
    }

    static func pageName(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The file-name prefix of one organization's membership pages. The id came from the server, so it is
    /// used only when it is a plain Clerk id (letters, digits, `_`, `-`, at most 64): anything else, a `/` or
    /// `..` that could point outside the folder included, or the key itself, is replaced by the
    /// organization's list position.
    package static func listPrefix(organizationID id: String, index: Int, hiding key: SecretKey) -> String {
        (isPlain(id, hiding: key) ? id : "organization-\(pageName(index + 1))") + "-"
    }

    /// The folder of one user's session pages under `sessions/`: the user id when it is a plain Clerk id
    /// (as for `listPrefix`), else `user-NNNN` by its place in the sorted scope. `FixtureReader` names them
    /// the same way.
    package static func sessionFolder(userID id: String, index: Int, hiding key: SecretKey?) -> String {
        isPlain(id, hiding: key) ? id : "user-\(pageName(index + 1))"
    }

    private static func isPlain(_ id: String, hiding key: SecretKey?) -> Bool {
        !id.isEmpty && !(key?.occurs(in: id) ?? false) && id.utf8.count <= 64
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    return true
                default: return false
                }
            }
    }
}
