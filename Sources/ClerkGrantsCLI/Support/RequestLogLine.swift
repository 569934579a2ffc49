import ClerkClient

/// `--verbose` / `CLERK_LOGGING=true`: one line per request: method, path and query, status, latency.
enum RequestLogLine {
    static func format(_ entry: RequestLogEntry) -> String {
        let milliseconds = Double(entry.latency.components.seconds) * 1000 + Double(entry.latency.components.attoseconds) / 1e15
        let status = entry.status.map(String.init) ?? "---"
        let note = entry.note.map { " (\($0))" } ?? ""
        return "clerk-grants: \(entry.method) \(entry.pathAndQuery) \(status) \(Int(milliseconds.rounded()))ms\(note)"
    }
}
