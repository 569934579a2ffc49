import ClerkClient
import Foundation
import SnapshotFormat

/// What an export knows of its own run, for the snapshot's `provenance`: the API version it sent, the
/// host it runs on, its request counters and its clock (injected, so tests and goldens are deterministic).
public struct ExportRun: Sendable {
    /// The `Clerk-API-Version` sent; nil offline.
    public var apiVersion: String?
    /// The host name as the system gives it; one that is not a plain name is recorded as unknown (null).
    public var host: String?
    /// The live client's counters; nil for recorded pages, which cost no request.
    public var statistics: ReadStatistics?
    public var clock: @Sendable () -> Date

    public init(apiVersion: String?, host: String?, statistics: ReadStatistics?, clock: @escaping @Sendable () -> Date) {
        self.apiVersion = apiVersion
        self.host = host
        self.statistics = statistics
        self.clock = clock
    }

    /// The provenance of a read that began at `startedAt` and ends now.
    func provenance(of header: SnapshotHeader, startedAt: Date) -> SnapshotProvenance {
        let totals = statistics?.total
        return SnapshotProvenance(
            toolVersion: header.tool.version, apiVersion: apiVersion, apiURL: header.source.apiURL,
            collections: header.source.collections.map(\.rawValue), requests: totals?.requests ?? 0, retries: totals?.retries ?? 0,
            startedAt: Self.rfc3339(startedAt), finishedAt: Self.rfc3339(clock()), host: host.flatMap(SnapshotProvenance.hostName))
    }

    static func rfc3339(_ date: Date) -> String {
        Timestamp.rfc3339(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
