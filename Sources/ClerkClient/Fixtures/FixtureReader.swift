import ClerkModel
import Foundation
import LocalFiles

/// Reads a tenant from a folder of saved API responses: `<folder>/<collection>/page-*.json` in name order,
/// the layout `--record` writes. Lets the whole export run offline, with no key, reproducibly.
public struct FixtureReader: TenantReader {
    public let folder: URL
    public let apiURL: String
    public let instance: String
    /// Which collections a missing recording leaves out instead of failing the read.
    public let refusal: CollectionRefusal

    /// The file naming a recording's instance fingerprint, so a replay reports the same `source.instance`.
    public static let instanceFile = "instance.txt"
    /// `GET /v1/instance/organization_settings`, kept in the domains folder: it is read with the domains.
    public static let organizationSettingsFile = "organization_settings.json"

    /// A default collection (see `CollectionRefusal`) with no folder in `folder` is left out as if the key
    /// had been refused it, so a recording made before snapshot 1.1 still replays.
    public init(folder: URL, refusal: CollectionRefusal = CollectionRefusal()) throws(ClerkReadError) {
        self.folder = folder
        self.refusal = refusal
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .fixtureUnreadable(path: folder.path, reason: "no such folder")
        }
        apiURL = "fixture:" + folder.lastPathComponent
        let instanceURL = folder.appendingPathComponent(FixtureReader.instanceFile)
        guard FileManager.default.fileExists(atPath: instanceURL.path) else {
            instance = InstanceName.fixture(folderName: folder.lastPathComponent)
            return
        }
        // The file is outside input: no more is read than a valid name can need, and it is used only if it is one.
        let bytes = try Self.read(instanceURL, limit: Int64(InstanceName.maximumLength + 2), limitDescription: "an instance name's length")
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard InstanceName.isValid(text) else {
            throw .fixtureUnreadable(
                path: instanceURL.path, reason: "it does not hold an instance name (\(InstanceName.ruleDescription))")
        }
        instance = text
    }

    public func read(_ collections: Set<ClerkCollection>, into sink: any TenantPageSink) async throws(ClerkReadError)
        -> TenantReadReport
    {
        var report = TenantReadReport(requested: collections)
        for collection in collections.sorted() where !collection.isOptIn {
            if refusal.isRefusable(collection),
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent(collection.fixtureFolder).path)
            {
                let reason = "no recorded pages"
                report.refused[collection] = reason
                report.diagnostics.append(CollectionRefusal.diagnostic(collection, reason: reason))
                continue
            }
            if collection == .domains {
                sink.receive(try organizationSettings(), at: PagePosition(list: 1, offset: 0))
            }
            let pages = try pageFiles(of: collection)
            var totalCount: Int64?
            var read = 0
            for page in pages {
                let decoded = try decodePage(page, as: collection)
                totalCount = decoded.totalCount ?? totalCount
                sink.receive(decoded, at: PagePosition(offset: read))
                read += decoded.count
            }
            if collection == .users {
                let countFile = folder.appendingPathComponent(collection.fixtureFolder).appendingPathComponent("count.json")
                if FileManager.default.fileExists(atPath: countFile.path) {
                    let body = try Self.read(countFile)
                    do {
                        totalCount = try ClerkPage.decodeTotalCount(body)
                    } catch {
                        throw .malformedFixturePage(path: countFile.path, problem: error)
                    }
                }
            }
            if let totalCount, totalCount != Int64(read) {
                report.diagnostics.append(CountCheck.mismatch(collection, expected: totalCount, read: read))
            }
            sink.finished(collection)
        }
        return report
    }

    /// The session pages recorded for each user in scope, `sessions/<user id>/page-*.json` (the folder named
    /// as `PageRecorder.sessionFolder` names it). A recording without a `sessions` folder, or without the
    /// folder of a user in scope, fails: it was made without `--sessions` or with a narrower scope, and
    /// reading such a user as having no sessions would state what nobody saw. A recorded user with no
    /// session has a folder holding one empty page.
    public func readSessions(of userIDs: [String], into sink: any TenantPageSink) async throws(ClerkReadError)
        -> TenantReadReport
    {
        let root = folder.appendingPathComponent(ClerkCollection.sessions.fixtureFolder)
        guard FileManager.default.fileExists(atPath: root.path) else {
            throw .fixtureUnreadable(path: root.path, reason: "no recorded sessions (the recording was made without --sessions)")
        }
        for (index, id) in userIDs.enumerated() {
            let directory = root.appendingPathComponent(PageRecorder.sessionFolder(userID: id, index: index, hiding: nil))
            guard FileManager.default.fileExists(atPath: directory.path) else {
                throw .fixtureUnreadable(
                    path: directory.path,
                    reason: "no recorded sessions of user \(id) (the recording was made with a narrower --sessions scope)")
            }
            var read = 0
            for page in try pageFiles(in: directory, of: .sessions) {
                let decoded = try decodePage(page, as: .sessions)
                sink.receive(decoded, at: PagePosition(list: index + 1, offset: read))
                read += decoded.count
            }
        }
        sink.finished(.sessions)
        return TenantReadReport(requested: [.sessions])
    }

    /// The organization settings recorded beside the domains pages; a recording of domains always has them.
    private func organizationSettings() throws(ClerkReadError) -> ClerkPage {
        let url = folder.appendingPathComponent(ClerkCollection.domains.fixtureFolder)
            .appendingPathComponent(Self.organizationSettingsFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .fixtureUnreadable(
                path: url.deletingLastPathComponent().path,
                reason: "no \(Self.organizationSettingsFile) beside the domains pages (GET /v1/instance/organization_settings)")
        }
        let body = try Self.read(url)
        do {
            return try ClerkPage.decodeOrganizationSettings(body)
        } catch {
            throw .malformedFixturePage(path: url.path, problem: error)
        }
    }

    private func pageFiles(of collection: ClerkCollection) throws(ClerkReadError) -> [URL] {
        try pageFiles(in: folder.appendingPathComponent(collection.fixtureFolder), of: collection)
    }

    private func pageFiles(in directory: URL, of collection: ClerkCollection) throws(ClerkReadError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .fixtureUnreadable(path: directory.path, reason: "the \(collection.rawValue) folder is missing or unreadable")
        }
        let pages = names.filter { $0.hasPrefix("page-") && $0.hasSuffix(".json") }.sorted()
        guard !pages.isEmpty else {
            throw .fixtureUnreadable(path: directory.path, reason: "no page-*.json files for \(collection.rawValue)")
        }
        return pages.map { directory.appendingPathComponent($0) }
    }

    private func decodePage(_ url: URL, as collection: ClerkCollection) throws(ClerkReadError) -> ClerkPage {
        let body = try Self.read(url)
        do {
            return try ClerkPage.decode(body, as: collection)
        } catch {
            throw .malformedFixturePage(path: url.path, problem: error)
        }
    }

    /// A recorded file, typed and sized before it is read: a FIFO or device in a fixture folder is refused
    /// rather than blocking or reading without end, and a page is held to the live client's body limit.
    private static func read(
        _ url: URL, limit: Int64 = Int64(ClerkClientConfiguration.defaultMaximumResponseBytes),
        limitDescription: String = "64 MiB for a page"
    ) throws(ClerkReadError) -> Data {
        do {
            return try InputFile.read(url, limit: limit, limitDescription: limitDescription).bytes
        } catch {
            throw .fixtureUnreadable(path: url.path, reason: error.reason)
        }
    }
}
