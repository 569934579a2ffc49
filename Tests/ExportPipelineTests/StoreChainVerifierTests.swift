import ClerkClient
import ClerkModel
@testable import ExportPipeline
import Foundation
import GrantGraph
import SnapshotFormat
import Testing

/// The chain walk of `store verify`, on stores written file by file the way `export --store` writes them
/// (each 1.2 file linking to the one before), and on the mixed and damaged stores the CLI tests do not build.
@Suite struct StoreChainVerifierTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/demo")

    let directory: URL
    let draft: SnapshotDraft

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        draft = try await Exporter.draft(
            from: try FixtureReader(folder: Self.demo), collections: ClerkCollection.defaultSet, allowPartial: false,
            now: Date(timeIntervalSince1970: 1_795_132_800))
    }

    /// Writes run `sequence` as `version` (1.2 files link to `previous`, or start the chain when it is nil
    /// and `linked`); returns the stored file.
    @discardableResult
    func write(
        _ sequence: Int, version: String = "1.2", after previous: StoreChainVerifier.StoredFile?, linked: Bool = true,
        instance: String? = nil, signingKey: [UInt8]? = nil
    ) throws -> StoreChainVerifier.StoredFile {
        var header = draft.header
        header.schemaVersion = version
        header.generatedAt = "2026-11-\(10 + sequence)T00:00:00Z"
        if let instance { header.source.instance = instance }
        if linked {
            header.chain =
                try previous.map { SnapshotChainLink(previousFile: $0.name, previousFileDigest: try FileDigest.sha256(of: $0.url)) } ?? .start
        }
        var bytes: [UInt8] = []
        let digest = SnapshotDigest.compute(draft.graph, version: header.layout)
        SnapshotEncoder.encode(header, body: draft.graph, digest: digest, signingKey: signingKey) { bytes += $0 }
        let name = "\(String(format: "%06d", sequence))-202611\(10 + sequence)T000000Z-\(digest.dropFirst(7).prefix(12)).json"
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return StoreChainVerifier.StoredFile(name: name, url: url, sequence: sequence)
    }

    func chain(_ count: Int) throws -> [StoreChainVerifier.StoredFile] {
        var files: [StoreChainVerifier.StoredFile] = []
        for sequence in 1...count { files.append(try write(sequence, after: files.last)) }
        return files
    }

    @Test func aChainOfThreeHolds() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try chain(3)
        let report = StoreChainVerifier.verify(files)
        #expect(report.isIntact)
        #expect(report.files.map(\.standing) == [.starts, .linked(to: files[0].name), .linked(to: files[1].name)])
        #expect(report.newest == files[2].name)
        #expect(report.instance == "fixture:demo-tenant")
        #expect(report.files.map(\.fileDigest) == files.map { try? FileDigest.sha256(of: $0.url) })
    }

    /// A store kept before 1.2: its files open the chain, the first 1.2 file links to the last of them; a gap
    /// in their sequence is the only trace of a removal among them.
    @Test func earlierFilesOpenTheChainAndAGapAmongThemIsARemoval() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try write(1, version: "1.1", after: nil, linked: false)
        let third = try write(3, version: "1.1", after: first, linked: false)
        let fourth = try write(4, after: third)
        let report = StoreChainVerifier.verify([first, third, fourth])
        #expect(report.files.map(\.standing) == [.unlinked, .unlinked, .linked(to: third.name)])
        #expect(report.breaks == [StoreChainVerifier.Break(kind: .removed, file: "sequence 2", reason: "the sequence jumps from \(first.name) to \(third.name)")])
    }

    @Test func anEarlierVersionAfterLinkedFilesIsInserted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = try chain(2)
        files.append(try write(3, version: "1.1", after: nil, linked: false))
        let report = StoreChainVerifier.verify(files)
        #expect(report.breaks.map(\.kind) == [.inserted])
        #expect(report.breaks.first?.file == files[2].name)
        #expect(report.newest == files[1].name)
    }

    /// `--keep` pruned the oldest files: the oldest left links to a file that is gone, and starts the chain.
    @Test func aPrunedStoreStartsAfterTheMissingFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try chain(4)
        try FileManager.default.removeItem(at: files[0].url)
        let report = StoreChainVerifier.verify(Array(files.dropFirst()))
        #expect(report.isIntact)
        #expect(report.files.first?.standing == .startsAfterMissing(files[0].name))
    }

    @Test func aSecondChainStartIsInserted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = try chain(2)
        files.append(try write(3, after: nil))
        let report = StoreChainVerifier.verify(files)
        #expect(report.breaks.count == 1)
        #expect(report.breaks.first?.description == "\(files[2].name) was inserted: it starts a new chain (\"previous_file\": null) but follows \(files[1].name)")
    }

    /// A file slipped in between two runs links to the right predecessor, but the run after it links past it.
    @Test func aFileLinkedPastIsNamedAsInserted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try write(1, after: nil)
        let second = try write(2, after: first)
        let fourth = try write(4, after: second)
        let intruder = try write(3, after: second)
        let report = StoreChainVerifier.verify([first, second, intruder, fourth])
        #expect(report.breaks == [
            StoreChainVerifier.Break(kind: .inserted, file: intruder.name, reason: "it links to \(second.name), and so does \(fourth.name), a later run, which skips it")
        ])
        #expect(report.files.map(\.standing) == [.starts, .linked(to: first.name), .outside, .linked(to: second.name)])
        #expect(report.newest == fourth.name)
    }

    /// A link to a file that is in the store but neither the one before nor the one before that.
    @Test func aLinkFurtherBackIsInserted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = try chain(3)
        files.append(try write(4, after: files[0]))
        let report = StoreChainVerifier.verify(files)
        #expect(report.breaks.map(\.kind) == [.inserted])
        #expect(report.breaks.first?.reason == "it links to \(files[0].name), not to the file before it (\(files[2].name))")
    }

    @Test func theStoreInstanceIsTheMajorityAndAnotherIsInserted() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = try chain(3)
        files.insert(try write(9, after: nil, instance: "fixture:elsewhere"), at: 0)
        let report = StoreChainVerifier.verify(files)
        #expect(report.instance == "fixture:demo-tenant")
        #expect(report.breaks.map(\.kind) == [.inserted])
        #expect(report.breaks.first?.file == files[0].name)
        #expect(report.files.dropFirst().map(\.standing) == [.starts, .linked(to: files[1].name), .linked(to: files[2].name)])
    }

    @Test func signaturesAreCheckedWithTheKey() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = Array("sixteen byte key and a few more".utf8)
        let first = try write(1, after: nil, signingKey: key)
        let second = try write(2, after: first)
        let report = StoreChainVerifier.verify([first, second], signingKey: key)
        #expect(report.files.map(\.signature) == [.valid, .unsigned])
        #expect(report.breaks.map(\.kind) == [.unsigned])
        #expect(StoreChainVerifier.verify([first, second]).isIntact)
        let wrong = StoreChainVerifier.verify([first], signingKey: Array("another key, also long enough".utf8))
        #expect(wrong.breaks.map(\.kind) == [.edited])
    }

    @Test func anUnreadableFileIsTroubleNotABreak() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var files = try chain(2)
        files.append(StoreChainVerifier.StoredFile(name: "000003-20261113T000000Z-000000000000.json", url: directory.appendingPathComponent("gone.json"), sequence: 3))
        let report = StoreChainVerifier.verify(files)
        #expect(report.unreadable.count == 1)
        #expect(report.breaks.isEmpty)
        #expect(!report.isIntact)
    }
}
