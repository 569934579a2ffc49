import Foundation

/// The fake Clerk server in a process of its own (this benchmark, run with `--serve-child`), as a user's
/// Clerk would be: its CPU and memory are neither the exporter's nor this process's, so the export's
/// figures and the raw-fetch floor are measured against the same independent server.
final class BenchmarkServer {
    /// What the server said when it was ready.
    struct Handshake {
        var url: URL
        var generatedSeconds: Double
        /// A user id that has a membership, for `access`.
        var user: String
        var minimumRequests: [String: Int]
    }

    /// What it served, reported when it stopped.
    struct Served {
        var requests: Int
        var bytes: Int
        var rateLimited: Int
        var requestsByPath: [String: Int]
        /// Every request's path and query, in the order the server answered them.
        var requestTargets: [String]
    }

    let handshake: Handshake
    private let process: Process
    private let input: Pipe
    private var reader: LineReader

    /// Starts the server process with the benchmark's tenant options and waits until it serves.
    init(executable: URL, tenantArguments: [String], changed: Bool = false) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = ["--serve-child"] + tenantArguments + (changed ? ["--changed"] : [])
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        reader = LineReader(output.fileHandleForReading)
        var fields: [String: String] = [:]
        var minimum: [String: Int] = [:]
        while let line = reader.next(), line != "ready" {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "minimum", let (path, count) = Self.pathCount(parts[1]) { minimum[path] = count } else { fields[parts[0]] = parts[1] }
        }
        guard let text = fields["url"], let url = URL(string: text), let user = fields["user"] else {
            process.terminate()
            throw BenchmarkError.failed("the server process did not start (exit \(process.isRunning ? "none yet" : String(process.terminationStatus)))")
        }
        handshake = Handshake(url: url, generatedSeconds: Double(fields["generated"] ?? "") ?? 0, user: user, minimumRequests: minimum)
    }

    /// Closes the server's input (its signal to stop) and reads what it served.
    func finish() throws -> Served {
        try input.fileHandleForWriting.close()
        var served = Served(requests: 0, bytes: 0, rateLimited: 0, requestsByPath: [:], requestTargets: [])
        var ended = false
        while let line = reader.next() {
            if line == "end" { ended = true; break }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "served":
                let numbers = parts[1].split(separator: " ").compactMap { Int($0) }
                if numbers.count == 3 { (served.requests, served.bytes, served.rateLimited) = (numbers[0], numbers[1], numbers[2]) }
            case "path": if let (path, count) = Self.pathCount(parts[1]) { served.requestsByPath[path] = count }
            case "request": served.requestTargets.append(parts[1])
            default: break
            }
        }
        process.waitUntilExit()
        guard ended else { throw BenchmarkError.failed("the server process ended without its report (exit \(process.terminationStatus))") }
        return served
    }

    /// `/v1/users 201` -> ("/v1/users", 201).
    private static func pathCount(_ text: String) -> (String, Int)? {
        guard let space = text.lastIndex(of: " "), let count = Int(text[text.index(after: space)...]) else { return nil }
        return (String(text[..<space]), count)
    }
}

/// Lines from a pipe, read in blocks: only the benchmark's own server process writes to it.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atEnd = false

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            let data = handle.availableData
            if data.isEmpty { atEnd = true } else { buffer += data }
        }
    }
}
