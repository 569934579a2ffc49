import ClerkClient
import GrantGraph

/// The one line an export ends with: what was exported and what it cost.
enum ExportSummary {
    static func line(
        draft: SnapshotDraft, statistics: ReadStatistics, wall: Duration, writing: Duration, destination: String
    ) -> String {
        let counts = Dictionary(uniqueKeysWithValues: draft.graph.counts.map { ($0.key, $0.value) })
        let total = statistics.total
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var parts = [
            "exported \(counts["users"] ?? 0) users, \(counts["organizations"] ?? 0) organizations, \(counts["roles"] ?? 0) roles, \(counts["permissions"] ?? 0) permissions, \(counts["memberships"] ?? 0) memberships",
            "\(counts["grants"] ?? 0) grants",
            "\(draft.graph.diagnostics.count) diagnostics",
        ]
        if total.requests > 0 {
            parts.append("\(total.requests) requests, \(total.retries) retries, \(total.rateLimited) 429s")
        }
        // Where the time went: reading (and building the graph as pages arrive), then writing the file.
        parts.append(String(format: "%.2fs (writing %.2fs)", seconds(wall), seconds(writing)))
        parts.append(draft.header.complete ? "complete" : "INCOMPLETE")
        return parts.joined(separator: "; ") + " -> \(destination)"
    }
}
