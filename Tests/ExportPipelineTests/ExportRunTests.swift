import ClerkClient
import ClerkModel
import ExportPipeline
import Foundation
import SnapshotFormat
import Testing

/// An export's `provenance`: read from the run it describes (its counters, clock, API version and host), not
/// made up; a host name that is not a plain name is recorded as unknown.
@Suite struct ExportRunTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/demo")
    static let start = Date(timeIntervalSince1970: 1_795_132_800)

    func provenance(host: String?, statistics: ReadStatistics?) async throws -> SnapshotProvenance {
        let run = ExportRun(apiVersion: "2025-11-10", host: host, statistics: statistics, clock: { ExportRunTests.start.addingTimeInterval(7.25) })
        let draft = try await Exporter.draft(
            from: try FixtureReader(folder: Self.demo), collections: ClerkCollection.defaultSet, allowPartial: false, now: Self.start, run: run)
        return draft.header.provenance
    }

    @Test func theRunIsRecordedAsItWent() async throws {
        let statistics = ReadStatistics()
        statistics.update(.users) {
            $0.requests = 40
            $0.retries = 2
        }
        statistics.update(.memberships) { $0.requests = 12 }
        let provenance = try await provenance(host: "runner-7.example.org", statistics: statistics)
        #expect(
            provenance
                == SnapshotProvenance(
                    toolVersion: ClerkClientConfiguration.toolVersion, apiVersion: "2025-11-10", apiURL: "fixture:demo",
                    collections: ClerkCollection.allCases.filter(ClerkCollection.defaultSet.contains).map(\.rawValue), requests: 52,
                    retries: 2, startedAt: "2026-11-20T00:00:00.000Z", finishedAt: "2026-11-20T00:00:07.250Z", host: "runner-7.example.org"))
    }

    @Test(arguments: ["", "bell\u{7}host", String(repeating: "h", count: 256)])
    func aHostNameThatIsNotOneIsUnknown(host: String) async throws {
        #expect(try await provenance(host: host, statistics: nil).host == nil)
    }

    @Test func withoutARunTheHeaderSpeaksForItself() async throws {
        let draft = try await Exporter.draft(
            from: try FixtureReader(folder: Self.demo), collections: ClerkCollection.defaultSet, allowPartial: false, now: Self.start)
        #expect(draft.header.provenance.requests == 0 && draft.header.provenance.host == nil)
        #expect(draft.header.provenance.startedAt == "2026-11-20T00:00:00.000Z")
        #expect(draft.header.provenance.finishedAt == draft.header.provenance.startedAt)
    }
}
