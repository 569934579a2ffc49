import ClerkFakeServer
import ClerkModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The benchmark run: generate, serve, export (unthrottled, then optionally rate-budgeted), validate, diff.
enum Benchmark {
    static let key = "sk_test_FAKE-benchmarkKeyNotARealKey000000000"

    static func main(_ arguments: [String]) async -> Int32 {
        do {
            try await run(BenchmarkOptions(arguments))
            return 0
        } catch {
            FileHandle.standardError.write(Data("clerk-grants-bench: \(error)\n".utf8))
            return 1
        }
    }

    static func run(_ options: BenchmarkOptions) async throws {
        if options.servesChild { return try await ServedTenant.serve(options) }
        if let fetch = options.rawFetch {
            return try await RawFetch.run(baseURL: fetch.url, targetsFile: fetch.targets, concurrency: options.concurrency)
        }
        let executable = options.executable ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clerk-grants").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchmarkError.failed("no clerk-grants executable at \(executable): run `swift build -c release` first, or pass --clerk-grants PATH")
        }
        let folder = URL(fileURLWithPath: options.keepDirectory ?? NSTemporaryDirectory() + "clerk-grants-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if options.keepDirectory == nil { try? FileManager.default.removeItem(at: folder) } }

        let spec = options.spec
        var report = Report()
        report.line("tenant", "\(spec.users) users, \(spec.organizations) organizations, \(spec.memberships) memberships, \(spec.customRoles) custom roles, \(spec.customPermissions) custom permissions")
        if let seconds = options.serveSeconds {
            let tenant = FakeTenant.generate(spec)
            let server = FakeClerkServer(tenant: tenant, behavior: FakeServerBehavior(acceptedSecretKey: key))
            let url = try server.start()
            print("serving at \(url.absoluteString) for \(Int(seconds)) s; the key is \(key) (a fake, for this server only)")
            fflush(nil)  // flushes every stream; the URL must reach a pipe or file at once
            try await Task.sleep(for: .seconds(seconds))
            server.stop()
            return
        }
        if options.phases {
            try await PhaseProfile.run(FakeTenant.generate(spec), concurrency: options.concurrency, report: &report)
            print(report.text)
            return
        }

        // Unthrottled export, against the server in its own process; then the raw-fetch floor: the same
        // requests against a fresh server of the same tenant, bodies dropped.
        let bench = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let server = try BenchmarkServer(executable: bench, tenantArguments: options.tenantArguments)
        report.line("generate tenant", seconds(server.handshake.generatedSeconds) + " (in the server process)")
        let first = folder.appendingPathComponent("a.json")
        let export = try exportRun(executable, url: server.handshake.url, output: first, maxRPS: 0, concurrency: options.concurrency)
        let served = try server.finish()
        let targets = folder.appendingPathComponent("requests.txt")
        try Data((served.requestTargets.joined(separator: "\n") + "\n").utf8).write(to: targets)
        let floorServer = try BenchmarkServer(executable: bench, tenantArguments: options.tenantArguments)
        let floor = try ChildProcess.run(
            bench.path, ["--raw-fetch", floorServer.handshake.url.absoluteString, targets.path, "--concurrency", String(options.concurrency)],
            environment: [:])
        let floorServed = try floorServer.finish()
        guard floor.status == 0 else { throw BenchmarkError.failed("the raw fetch failed (exit \(floor.status)): \(floor.standardError)") }

        report.section("export, unthrottled (--max-rps 0, --concurrency \(options.concurrency); the server in a process of its own)")
        let minimum = server.handshake.minimumRequests
        for path in served.requestsByPath.keys.sorted() {
            report.line("  requests \(path)", "\(served.requestsByPath[path]!) (minimum \(minimum[path] ?? 0))")
        }
        report.line("  requests total", "\(served.requests) (minimum \(minimum.values.reduce(0, +)))")
        report.line("  raw-fetch floor", "\(seconds(floor.wall)) wall, \(seconds(floor.userCPU + floor.systemCPU)) CPU: the same \(floorServed.requests) requests, \(options.concurrency) in flight, bodies (\(megabytes(floorServed.bytes))) dropped unparsed")
        report.line("  wall time", "\(seconds(export.wall)) (\(String(format: "%.1f", export.wall / max(0.001, floor.wall)))x the raw-fetch floor)")
        report.line("  CPU time", "\(seconds(export.userCPU + export.systemCPU)) (user \(seconds(export.userCPU)), system \(seconds(export.systemCPU)))")
        report.line("  peak resident memory", megabytes(export.peakResidentBytes))
        report.line("  JSON received", megabytes(served.bytes))
        let snapshotBytes = (try FileManager.default.attributesOfItem(atPath: first.path)[.size] as? NSNumber)?.intValue ?? 0
        report.line("  snapshot", megabytes(snapshotBytes))

        // Decode throughput, in this process, on pages of a served tenant.
        let decodeServer = try BenchmarkServer(executable: bench, tenantArguments: options.tenantArguments)
        let decode = try await decodeThroughput(url: decodeServer.handshake.url)
        _ = try decodeServer.finish()
        report.line("  page decode throughput", String(format: "%.0f MB/s (%@ of users and membership pages)", decode.mbps, megabytes(decode.bytes)))
        // The export's own figure: from the finished graph to the snapshot renamed into place, encoding,
        // sealing, writing and flushing included.
        if let writing = writingSeconds(inSummary: export.standardError) {
            report.line("  snapshot write time", "\(seconds(writing)) (encode, seal, write, fsync; from the export's summary line)")
        }

        if let rate = options.maxRPS {
            let budgeted = try BenchmarkServer(executable: bench, tenantArguments: options.tenantArguments)
            let run = try exportRun(executable, url: budgeted.handshake.url, output: folder.appendingPathComponent("budgeted.json"), maxRPS: rate, concurrency: options.concurrency)
            let budgetedServed = try budgeted.finish()
            let floor = Double(budgetedServed.requests) / rate
            report.section("export with --max-rps \(rate)")
            report.line("  requests", "\(budgetedServed.requests), 429s received \(budgetedServed.rateLimited)")
            report.line("  wall time", "\(seconds(run.wall)) vs floor requests / R = \(seconds(floor)) (\(String(format: "%+.1f%%", (run.wall / floor - 1) * 100)))")
            if let writing = writingSeconds(inSummary: run.standardError) {
                // The summary's writing time starts once the graph is finished: finishing it, after the last
                // page, is in the wall time but not here.
                report.line("  writing the snapshot", "\(seconds(writing)) (encode, seal, write, fsync; from the export's summary line)")
            }
        }

        if !options.skipDiff {
            let second = try BenchmarkServer(executable: bench, tenantArguments: options.tenantArguments, changed: true)
            let other = folder.appendingPathComponent("b.json")
            _ = try exportRun(executable, url: second.handshake.url, output: other, maxRPS: 0, concurrency: options.concurrency)
            _ = try second.finish()
            let grants = grantCount(inSummary: export.standardError).map(String.init) ?? "?"
            report.section("validate and diff (\(grants) grants per snapshot)")
            let validate = try ChildProcess.run(executable, ["validate", "--quiet", first.path], environment: [:])
            report.line("  validate", "\(seconds(validate.wall)) wall, peak \(megabytes(validate.peakResidentBytes)), exit \(validate.status)")
            let diff = try ChildProcess.run(executable, ["diff", "--format", "json", first.path, other.path], environment: [:])
            report.line("  diff", "\(seconds(diff.wall)) wall, peak \(megabytes(diff.peakResidentBytes)), exit \(diff.status)")
            report.section("read side, on the same snapshot (\(megabytes(snapshotBytes)))")
            report.line("  validate", ReadSideBenchmark.line(validate, snapshotBytes: snapshotBytes))
            try ReadSideBenchmark.run(
                executable, snapshot: first, snapshotBytes: snapshotBytes, user: server.handshake.user, folder: folder,
                trendRuns: options.trendRuns, report: &report)
        }
        print(report.text)
    }

    static func exportRun(_ executable: String, url: URL, output: URL, maxRPS: Double, concurrency: Int) throws -> ChildProcess.Result {
        let result = try ChildProcess.run(
            executable,
            ["export", "--api-url", url.absoluteString, "--output", output.path, "--max-rps", String(maxRPS), "--concurrency", String(concurrency)],
            environment: ["CLERK_SECRET_KEY": key])
        guard result.status == 0 else { throw BenchmarkError.failed("export failed (exit \(result.status)): \(result.standardError)") }
        return result
    }

    /// Per collection: full pages, one more page when the last is full (an empty page ends the list), the
    /// users count request and the organization settings read with the domains.
    static func minimumRequests(_ tenant: FakeTenant) -> (byPath: [String: Int], total: Int) {
        func pages(_ count: Int) -> Int { count / 500 + 1 }
        let byPath = [
            "/v1/users": pages(tenant.users.count), "/v1/users/count": 1,
            "/v1/organizations": pages(tenant.organizations.count), "/v1/organization_roles": pages(tenant.roles.count),
            "/v1/organization_permissions": pages(tenant.permissions.count),
            "/v1/organization_memberships": pages(tenant.memberships.count),
            "/v1/role_sets": pages(tenant.roleSets.count),
            "/v1/organization_invitations": pages(tenant.pendingInvitations.count),
            "/v1/organization_domains": pages(tenant.domains.count), "/v1/instance/organization_settings": 1,
            "/v1/enterprise_connections": pages(tenant.enterpriseConnections.count),
            "/v1/machines": pages(tenant.machines.count),
        ]
        return (byPath, byPath.values.reduce(0, +))
    }

    /// Fetches up to 40 user and membership pages once, then times decoding them.
    static func decodeThroughput(url: URL) async throws -> (mbps: Double, bytes: Int) {
        var pages: [(Data, ClerkCollection)] = []
        for (path, collection) in [("/v1/users", ClerkCollection.users), ("/v1/organization_memberships", .memberships)] {
            for page in 0..<20 {
                var request = URLRequest(url: URL(string: "\(url.absoluteString)\(path)?limit=500&offset=\(page * 500)")!)
                request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
                let (data, _) = try await URLSession.shared.data(for: request)
                pages.append((data, collection))
            }
        }
        let bytes = pages.reduce(0) { $0 + $1.0.count }
        let rounds = 3
        let started = Date()
        for _ in 0..<rounds {
            for (data, collection) in pages { _ = try ClerkPage.decode(data, as: collection) }
        }
        let elapsed = Date().timeIntervalSince(started)
        return (Double(bytes * rounds) / 1e6 / elapsed, bytes)
    }

    /// `...; 598541 grants; ...` or `...; 598541 grants, 1234 access paths; ...` -> 598541.
    static func grantCount(inSummary text: String) -> Int? {
        guard let range = text.range(of: " grants;") ?? text.range(of: " grants,") else { return nil }
        return Int(text[..<range.lowerBound].reversed().prefix { $0.isNumber }.reversed().map(String.init).joined())
    }

    /// `... 7.55s (writing 0.71s); complete -> ...` -> 0.71.
    static func writingSeconds(inSummary text: String) -> Double? {
        guard let range = text.range(of: "(writing ") else { return nil }
        return Double(text[range.upperBound...].prefix { $0 != "s" })
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
