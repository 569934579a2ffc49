import CanonicalJSON
import ClerkClient
import ClerkFakeServer
import ClerkModel
import ExportPipeline
import Foundation
import GrantGraph
import SnapshotFormat

/// `--phases`: the export's stages timed one by one in this process, the way the export runs them (pages
/// folded into the graph as they arrive, then the graph finished, then written and sealed), with the
/// peak resident memory after each, to see where time and memory go. The headline figures come from the
/// child-process run. The fake server runs in this process too, so it is part of the first stage's cost.
enum PhaseProfile {
    static func run(_ tenant: FakeTenant, concurrency: Int, report: inout Report) async throws {
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: Benchmark.key))
        let url = try server.start()
        defer { server.stop() }
        let configuration = ClerkClientConfiguration(
            apiURL: url, secretKey: SecretKey(Benchmark.key)!, keySource: "benchmark", concurrency: concurrency,
            requestsPerSecond: nil)
        report.section("export phases, in-process (peak resident memory so far)")
        func stage(_ name: String, _ started: Date, _ detail: String = "") {
            let figures = "\(Benchmark.seconds(Date().timeIntervalSince(started))), peak \(Benchmark.megabytes(peakResidentBytes()))"
            report.line("  \(name)", detail.isEmpty ? figures : "\(figures) (\(detail))")
        }
        var started = Date()
        let collections = ClerkCollection.defaultSet
        let sink = GraphBuildingSink(requested: collections)
        let readReport = try await LiveTenantReader(configuration: configuration).read(collections, into: sink)
        stage("read pages into the graph", started)
        started = Date()
        let graph = sink.finish(readReport)
        stage("finish the graph", started)
        let header = SnapshotHeader(
            generatedAt: "2026-11-20T00:00:00Z", tool: .init(version: "bench"),
            source: .init(apiURL: url.absoluteString, instance: "fixture:bench", collections: ClerkCollection.defaultSet.sorted()),
            complete: true)
        started = Date()
        var counted = 0
        _ = SnapshotEncoder.encode(header, body: graph, emit: { counted += $0.count }, patch: { _, _ in })
        stage("encode and seal, output discarded", started, Benchmark.megabytes(counted))
        started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-grants-phases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("snapshot.json")
        try SnapshotWriter.write(SnapshotDraft(header: header, graph: graph), to: file)
        stage("encode, seal and write the file (as export writes it)", started)
        let data = try Data(contentsOf: file)
        started = Date()
        let indexed = IndexedSnapshot(data)
        stage("validate (indexed, as `validate` reads)", started, indexed == nil ? "not valid" : "valid")
        started = Date()
        let validation = SnapshotValidator.validate(data)
        stage("validate (full decode, the fallback)", started, "\(validation.problems.count) problems")
        started = Date()
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0.bindMemory(to: UInt8.self)) }
        _ = hasher.finalize()
        stage("sha256 of the snapshot bytes", started)
    }

    /// The most this process has held resident so far.
    static func peakResidentBytes() -> Int { ResidentMemory.highWaterMark(process: "self") ?? 0 }
}
