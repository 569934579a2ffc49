import ClerkClient
import ClerkGrantsCLI
import ClerkModel
import ExportPipeline
import Foundation
import GoldenFiles
import GrantGraph
import SnapshotFormat
import Testing

@Suite struct ExportCommandTests {
    @Test func demoSnapshotMatchesTheGoldenFileByteForByte() async throws {
        let outcome = await CommandHarness().run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--quiet"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        try DemoSnapshotFiles.folder.assertMatches(outcome.stdoutBytes, file: DemoSnapshotFiles.demoName)
        #expect(outcome.stdout.contains(#""code":"unresolved_role_key""#))
        #expect(outcome.stdout.contains(#""generated_at": "2026-11-20T00:00:00Z""#))
    }

    /// Beyond `generated_at`, only `provenance` says when the run was (both are outside the digest).
    @Test func twoExportsHaveEqualDigestsAndDifferOnlyInGeneratedAtAndProvenance() async throws {
        let reader = try FixtureReader(folder: CommandHarness.demoFixtures)
        let all = ClerkCollection.defaultSet
        let first = try await Exporter.snapshot(from: reader, collections: all, allowPartial: false, now: Date(timeIntervalSince1970: 1_795_132_800))
        let second = try await Exporter.snapshot(from: reader, collections: all, allowPartial: false, now: Date(timeIntervalSince1970: 1_795_219_200))
        #expect(first.digest == second.digest)
        #expect(first.generatedAt != second.generatedAt)
        var rewound = second
        rewound.generatedAt = first.generatedAt
        #expect(rewound.header.provenance != first.header.provenance)
        rewound.header.provenance = first.header.provenance
        let identical = SnapshotEncoder.encode(rewound) == SnapshotEncoder.encode(first)
        #expect(identical, "exports differ beyond generated_at and provenance")
    }

    @Test func shufflingPageItemsKeepsTheDigest() async throws {
        let shuffled = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: shuffled) }
        try FixtureShuffler.copyShuffled(from: CommandHarness.demoFixtures, to: shuffled)
        let all = ClerkCollection.defaultSet
        let now = CommandHarness.fixedNow
        let original = try await Exporter.snapshot(from: try FixtureReader(folder: CommandHarness.demoFixtures), collections: all, allowPartial: false, now: now)
        let reordered = try await Exporter.snapshot(from: try FixtureReader(folder: shuffled), collections: all, allowPartial: false, now: now)
        #expect(original.digest == reordered.digest)
        // Everything but the source (the folder name) is identical, diagnostics included.
        #expect(original.graph == reordered.graph)
    }

    @Test func writtenFileIsValidPrivateAndComplete() async throws {
        let directory = try CommandHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = await CommandHarness(directory: directory).run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--output", "snap.json"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix("exported 14 users, 4 organizations, 4 roles, 13 permissions, 20 memberships, 2 role sets, 3 machines; 57 grants, 8 access paths; 9 diagnostics;"))
        let path = directory.appendingPathComponent("snap.json").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let report = SnapshotValidator.validate(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(report.isValid)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["snap.json"])
        let validation = await CommandHarness(directory: directory).run(["validate", "snap.json"])
        #expect(validation.status == 0)
        #expect(validation.stdout.hasPrefix("snap.json: valid clerk-grants snapshot v1.2"))
    }

    @Test func resourcesAllowlistLimitsTheCollections() async throws {
        let outcome = await CommandHarness().run(["export", "--fixtures", CommandHarness.demoFixtures.path, "--resources", "organizations,memberships", "--quiet"])
        #expect(outcome.status == 0)
        let snapshot = try SnapshotDecoder.decode(Data(outcome.stdoutBytes))
        #expect(snapshot.source.collections == [.organizations, .memberships])
        #expect(snapshot.graph.resources.contains { $0.type == .role } == false)
        // Without role sets every organization offers every role, and one diagnostic says so (snapshot 1.1).
        #expect(snapshot.graph.diagnostics.map(\.code) == [.roleSetFallback, .rolesNotExported])
        #expect(snapshot.graph.grants.count == 20)
    }
}

/// Copies a fixture folder with every page's items reversed and the pages' order swapped.
enum FixtureShuffler {
    static func copyShuffled(from source: URL, to destination: URL) throws {
        let manager = FileManager.default
        try manager.copyItem(at: source.appendingPathComponent("instance.txt"), to: destination.appendingPathComponent("instance.txt"))
        for collection in ClerkCollection.allCases where !collection.isOptIn {
            let from = source.appendingPathComponent(collection.fixtureFolder)
            let to = destination.appendingPathComponent(collection.fixtureFolder)
            try manager.createDirectory(at: to, withIntermediateDirectories: true)
            let pages = try manager.contentsOfDirectory(atPath: from.path).filter { $0.hasPrefix("page-") }.sorted()
            for (index, page) in pages.enumerated() {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: from.appendingPathComponent(page)))
                let reversed: Any
                if let array = object as? [Any] {
                    reversed = Array(array.reversed())
                } else if var wrapper = object as? [String: Any], let data = wrapper["data"] as? [Any] {
                    wrapper["data"] = Array(data.reversed())
                    reversed = wrapper
                } else {
                    reversed = object
                }
                let name = String(format: "page-%04d.json", pages.count - index)
                try JSONSerialization.data(withJSONObject: reversed).write(to: to.appendingPathComponent(name))
            }
            // The users' count and the organization settings read with the domains are single objects.
            for single in ["count.json", FixtureReader.organizationSettingsFile] {
                let file = from.appendingPathComponent(single)
                if manager.fileExists(atPath: file.path) {
                    try manager.copyItem(at: file, to: to.appendingPathComponent(single))
                }
            }
        }
    }
}
