import CanonicalJSON
import ClerkClient
import ClerkFakeServer
import ClerkModel
import Foundation
import GrantGraph

/// `--phases`: the export's stages timed one by one in this process (read, build, digest, encode,
/// validate), to see where the time goes. The headline figures come from the child-process run.
enum PhaseProfile {
    static func run(_ tenant: FakeTenant, concurrency: Int, report: inout Report) async throws {
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: Benchmark.key))
        let url = try server.start()
        defer { server.stop() }
        let configuration = ClerkClientConfiguration(
            apiURL: url, secretKey: SecretKey(Benchmark.key)!, keySource: "benchmark", concurrency: concurrency,
            requestsPerSecond: nil)
        report.section("export phases, in-process")
        var started = Date()
        let tenantRead = try await LiveTenantReader(configuration: configuration).read(Set(ClerkCollection.allCases))
        report.line("  read (fetch + decode)", Benchmark.seconds(Date().timeIntervalSince(started)))
        started = Date()
        let graph = GraphBuilder.build(from: tenantRead)
        report.line("  build graph", Benchmark.seconds(Date().timeIntervalSince(started)))
        started = Date()
        let snapshot = Snapshot(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "bench"),
            source: .init(apiURL: url.absoluteString, instance: "bench", collections: ClerkCollection.allCases),
            complete: true, graph: graph)
        report.line("  digest", Benchmark.seconds(Date().timeIntervalSince(started)))
        started = Date()
        var bytes = 0
        SnapshotEncoder.encode(snapshot) { bytes += $0.count }
        report.line("  encode", "\(Benchmark.seconds(Date().timeIntervalSince(started))) (\(Benchmark.megabytes(bytes)))")
        let encoded = SnapshotEncoder.encode(snapshot)
        let data = Data(encoded)
        started = Date()
        let validation = SnapshotValidator.validate(data)
        report.line("  validate", "\(Benchmark.seconds(Date().timeIntervalSince(started))) (\(validation.problems.count) problems)")
        started = Date()
        _ = SHA256.hash(encoded)
        report.line("  sha256 of the snapshot bytes", Benchmark.seconds(Date().timeIntervalSince(started)))
    }
}

