import ClerkClient
import ClerkModel
import ExportPipeline
import Foundation
import SnapshotFormat
import Testing

/// A default collection the key was refused is left out of `source.collections`: the snapshot names what
/// it holds, not what was asked for.
@Suite struct RefusedCollectionExportTests {
    /// A reader that reads nothing and reports the given collections as refused.
    struct RefusingReader: TenantReader {
        let refused: [ClerkCollection: String]
        var apiURL: String { "https://api.clerk.test" }
        var instance: String { "fixture:refusing" }

        func read(_ collections: Set<ClerkCollection>, into sink: any TenantPageSink) async throws(ClerkReadError)
            -> TenantReadReport
        {
            var report = TenantReadReport(requested: collections)
            report.refused = refused
            for (collection, reason) in refused {
                report.diagnostics.append(CollectionRefusal.diagnostic(collection, reason: reason))
            }
            return report
        }
    }

    @Test func sourceCollectionsListOnlyWhatWasExported() async throws {
        let reader = RefusingReader(refused: [.machines: "HTTP 403", .roleSets: "HTTP 402"])
        let draft = try await Exporter.draft(
            from: reader, collections: Set(ClerkCollection.allCases), allowPartial: false,
            now: Date(timeIntervalSince1970: 1_795_132_800))
        #expect(draft.header.complete)
        #expect(
            draft.header.source.collections == [
                .users, .organizations, .roles, .permissions, .memberships, .invitations, .domains, .enterpriseConnections,
            ])
    }

    @Test func nothingRefusedListsEveryRequestedCollection() async throws {
        let draft = try await Exporter.draft(
            from: RefusingReader(refused: [:]), collections: [.users, .machines], allowPartial: false,
            now: Date(timeIntervalSince1970: 1_795_132_800))
        #expect(draft.header.source.collections == [.users, .machines])
    }
}
