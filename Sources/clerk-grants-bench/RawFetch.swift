import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The raw-fetch floor (`--raw-fetch URL FILE`, run as a child process): the export's own requests,
/// replayed against a fresh server with the same transport (URLSession) and the same number in flight,
/// each body received whole and dropped. Nothing is parsed, so its wall time is what the wire and the
/// transport cost; the export's wall time over it is what decoding, the graph and writing add.
enum RawFetch {
    static func run(baseURL: String, targetsFile: String, concurrency: Int) async throws {
        let targets = try String(contentsOfFile: targetsFile, encoding: .utf8).split(separator: "\n").map(String.init)
        guard let base = URL(string: baseURL) else { throw BenchmarkError.usage("--raw-fetch needs a URL") }
        let session = URLSession(configuration: .ephemeral)
        let bytes = try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 0
            var total = 0
            func add() {
                guard next < targets.count else { return }
                guard let url = URL(string: base.absoluteString + targets[next]) else { return }
                next += 1
                group.addTask {
                    var request = URLRequest(url: url)
                    request.setValue("Bearer \(Benchmark.key)", forHTTPHeaderField: "Authorization")
                    let (data, response) = try await session.data(for: request)
                    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                        throw BenchmarkError.failed("raw fetch: \(url.path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
                    }
                    return data.count
                }
            }
            for _ in 0..<concurrency { add() }
            while let received = try await group.next() {
                total += received
                add()
            }
            return total
        }
        // On stderr, which the parent's `ChildProcess` keeps.
        FileHandle.standardError.write(Data("fetched \(targets.count) \(bytes)\n".utf8))
    }
}
