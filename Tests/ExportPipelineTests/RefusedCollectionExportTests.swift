import ClerkClient
import ClerkModel
import ExportPipeline
import Foundation
import SnapshotFormat
import Testing

/// A default collection the key was refused is left out of `source.collections`: the snapshot names what
/// it holds, not what was asked for.
@Suite struct RefusedCollectionExportTests {
    @Test func sourceCollectionsListOnlyWhatWasExported() async throws {
        let reader = ExportPipelineTests.ReportOnlyReader(refused: [.machines: "HTTP 403", .roleSets: "HTTP 402"])
        let draft = try await Exporter.draft(
            from: reader, collections: ClerkCollection.defaultSet, allowPartial: false,
            now: Date(timeIntervalSince1970: 1_795_132_800))
        #expect(draft.header.complete)
        #expect(
            draft.header.source.collections == [
                .users, .organizations, .roles, .permissions, .memberships, .invitations, .domains, .enterpriseConnections,
            ])
    }

    @Test func nothingRefusedListsEveryRequestedCollection() async throws {
        let draft = try await Exporter.draft(
            from: ExportPipelineTests.ReportOnlyReader(refused: [:]), collections: [.users, .machines], allowPartial: false,
            now: Date(timeIntervalSince1970: 1_795_132_800))
        #expect(draft.header.source.collections == [.users, .machines])
    }
}
