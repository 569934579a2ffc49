import ClerkFakeServer
import Foundation

/// The child side of `BenchmarkServer`: generates the tenant, serves it on loopback, tells the parent its
/// URL on stdout, serves until its stdin closes, then prints what it served (counts, bytes, and every
/// request's path and query, for the raw-fetch floor to replay) and exits.
///
/// The protocol is lines of `word value...` on stdout: `url`, `generated` (seconds), `user` (a member's id),
/// `minimum PATH N` for each collection, then `ready`; after stdin closes, `served REQUESTS BYTES 429S`,
/// `path PATH N` for each path, `request PATH?QUERY` for each request in order, then `end`.
enum ServedTenant {
    static func serve(_ options: BenchmarkOptions) async throws {
        let started = Date()
        var tenant = FakeTenant.generate(options.spec)
        if options.servesChangedTenant { changeForDiff(&tenant) }
        let generated = Date().timeIntervalSince(started)
        let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: Benchmark.key))
        let url = try server.start()
        var lines = ["url \(url.absoluteString)", String(format: "generated %.3f", generated), "user \(tenant.memberships[0].userID)"]
        let minimum = Benchmark.minimumRequests(tenant)
        lines += minimum.byPath.keys.sorted().map { "minimum \($0) \(minimum.byPath[$0]!)" }
        lines.append("ready")
        emit(lines)
        // The tenant stays referenced by the server alone; stdin closing is the parent's "done".
        await waitForEndOfInput()
        let stats = server.stats
        let log = server.requestLog
        server.stop()
        var report = ["served \(stats.totalRequests) \(stats.bytesSent) \(stats.rateLimited)"]
        report += stats.requestsByPath.keys.sorted().map { "path \($0) \(stats.requestsByPath[$0]!)" }
        report += log.map { "request \($0.path)\($0.query.isEmpty ? "" : "?" + $0.query)" }
        report.append("end")
        emit(report)
    }

    /// The second snapshot of the diff measurement: every 97th membership's role flipped, the last 0.5% removed.
    static func changeForDiff(_ tenant: inout FakeTenant) {
        for index in stride(from: 0, to: tenant.memberships.count, by: 97) {
            tenant.memberships[index].roleKey = tenant.memberships[index].roleKey == "org:admin" ? "org:member" : "org:admin"
        }
        tenant.memberships.removeLast(tenant.memberships.count / 200)
    }

    private static func emit(_ lines: [String]) {
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Reads stdin to its end on a thread of its own, so no cooperative thread blocks on the pipe.
    private static func waitForEndOfInput() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                _ = FileHandle.standardInput.readDataToEndOfFile()
                done.resume()
            }
        }
    }
}
