import Foundation

/// The read-side commands on the unthrottled export's snapshot, each a child process measured as
/// `validate` is (wall, CPU, peak memory, and that peak as a multiple of the snapshot's size), then `trend`
/// over a store of copies of that snapshot, one a night.
enum ReadSideBenchmark {
    static func run(
        _ executable: String, snapshot: URL, snapshotBytes: Int, user: String, folder: URL, trendRuns: Int, report: inout Report
    ) throws {
        let path = snapshot.path
        let commands: [(label: String, arguments: [String])] = [
            ("who-can org:sys_memberships:manage", ["who-can", path, "org:sys_memberships:manage"]),
            ("access USER", ["access", path, user]),
            ("convert --to csv", ["convert", path, "--to", "csv"]),
            ("convert --to ndjson", ["convert", path, "--to", "ndjson"]),
            ("review --format json", ["review", path, "--format", "json"]),
            ("review (markdown)", ["review", path]),
            ("review --format html", ["review", path, "--format", "html"]),
            ("review --org ORG", ["review", path, "--org", organization(of: user, in: snapshot) ?? "none"]),
            ("review --split DIR", ["review", path, "--split", folder.appendingPathComponent("split").path]),
        ]
        for command in commands {
            let result = try ChildProcess.run(executable, command.arguments, environment: [:])
            report.line("  \(command.label)", line(result, snapshotBytes: snapshotBytes))
        }
        guard trendRuns > 0 else { return }
        let store = folder.appendingPathComponent("store")
        try storeCopies(of: snapshot, runs: trendRuns, into: store)
        let trend = try ChildProcess.run(executable, ["trend", "--store", store.path], environment: [:])
        report.line("  trend over \(trendRuns) snapshots", line(trend, snapshotBytes: snapshotBytes) + String(format: "; %.2f s a snapshot", trend.wall / Double(trendRuns)))
        // The nightly case: one more snapshot stored, the others' figures kept in the store's trend cache.
        try storeCopies(of: snapshot, runs: trendRuns + 1, into: store, onlyFrom: trendRuns)
        let nightly = try ChildProcess.run(executable, ["trend", "--store", store.path], environment: [:])
        report.line("  trend, the next night (cached)", line(nightly, snapshotBytes: snapshotBytes) + "; \(trendRuns) snapshots from the cache, 1 read")
        try? FileManager.default.removeItem(at: store)
    }

    static func line(_ result: ChildProcess.Result, snapshotBytes: Int) -> String {
        let ratio = Double(result.peakResidentBytes) / Double(max(1, snapshotBytes))
        return "\(Benchmark.seconds(result.wall)) wall, \(Benchmark.seconds(result.userCPU + result.systemCPU)) CPU, peak \(Benchmark.megabytes(result.peakResidentBytes)) (\(String(format: "%.2f", ratio))x the snapshot), exit \(result.status)"
    }

    /// The organization of the user's first membership grant in the file, by its Clerk id.
    static func organization(of user: String, in snapshot: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: snapshot) else { return nil }
        defer { try? handle.close() }
        // `"id":"organization:org_...:member:user:user_..."`: the organization is what the id opens with.
        let needle = Array(":member:user:\(user)\"".utf8)
        while let chunk = try? handle.read(upToCount: 16 << 20), !chunk.isEmpty {
            let bytes = [UInt8](chunk)
            guard let found = bytes.firstRange(of: needle) else { continue }
            let start = bytes[..<found.lowerBound].lastIndex(of: UInt8(ascii: "\"")).map { $0 + 1 } ?? 0
            let id = String(decoding: bytes[start..<found.lowerBound], as: UTF8.self)
            return id.hasPrefix("organization:") ? String(id.dropFirst("organization:".count)) : nil
        }
        return nil
    }

    /// `runs` copies of the snapshot named and dated as `export --store` keeps a nightly run: the same
    /// records, `generated_at` a day apart (the digest covers the records, so each copy stays valid).
    /// Copies numbered `onlyFrom + 1` to `runs` into `store` (a new store when `onlyFrom` is 0).
    static func storeCopies(of snapshot: URL, runs: Int, into store: URL, onlyFrom: Int = 0) throws {
        if onlyFrom == 0 {
            try? FileManager.default.removeItem(at: store)
            try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        }
        let offsets = try offsets(of: ["\"generated_at\": \"", "\"digest\": \"sha256:"], in: snapshot)
        guard let dateOffset = offsets[0], let digestOffset = offsets[1] else {
            throw BenchmarkError.failed("the snapshot has no generated_at or digest line")
        }
        let source = try FileHandle(forReadingFrom: snapshot)
        defer { try? source.close() }
        try source.seek(toOffset: UInt64(digestOffset))
        let digest = String(decoding: try source.read(upToCount: 12) ?? Data(), as: UTF8.self)
        try source.seek(toOffset: UInt64(dateOffset))
        // `2026-12-03T10:26:00Z`: each copy keeps the time of day and gets its own date.
        let original = String(decoding: try source.read(upToCount: 20) ?? Data(), as: UTF8.self)
        let first = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01
        for run in onlyFrom..<runs {
            let date = ISO8601DateFormatter.string(from: first.addingTimeInterval(Double(run) * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let time = date + original.dropFirst(10)
            let stamp = time.filter { $0 != "-" && $0 != ":" }
            let copy = store.appendingPathComponent(String(format: "%06d-%@-%@.json", run + 1, stamp, digest))
            try FileManager.default.copyItem(at: snapshot, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
            let handle = try FileHandle(forWritingTo: copy)
            try handle.seek(toOffset: UInt64(dateOffset))
            try handle.write(contentsOf: Data(date.utf8))
            try handle.close()
        }
    }

    /// The byte offset just past each marker's first occurrence, read in chunks (markers straddling two
    /// chunks are found through an overlap).
    static func offsets(of markers: [String], in file: URL) throws -> [Int?] {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var found = [Int?](repeating: nil, count: markers.count)
        var base = 0
        var carry: [UInt8] = []
        while found.contains(where: { $0 == nil }), let chunk = try handle.read(upToCount: 16 << 20), !chunk.isEmpty {
            let bytes = carry + [UInt8](chunk)
            for (position, marker) in markers.enumerated() where found[position] == nil {
                if let range = bytes.firstRange(of: Array(marker.utf8)) { found[position] = base - carry.count + range.upperBound }
            }
            base += chunk.count
            carry = Array(bytes.suffix(64))
        }
        return found
    }
}
