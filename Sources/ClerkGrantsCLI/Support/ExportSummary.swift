import ClerkClient
import GrantGraph

/// The one line an export ends with: what was exported and what it cost.
enum ExportSummary {
    /// What the line says of the snapshot, taken before it is written: a store run lets the graph go once
    /// the file is written, to make room for the snapshot it compares with.
    struct Figures {
        var counts: [String: Int]
        var diagnostics: Int
        var complete: Bool

        init(_ draft: SnapshotDraft) {
            counts = Dictionary(uniqueKeysWithValues: draft.graph.counts.map { ($0.key, $0.value) })
            diagnostics = draft.graph.diagnostics.count
            complete = draft.header.complete
        }
    }

    static func line(
        _ figures: Figures, statistics: ReadStatistics, wall: Duration, writing: Duration, destination: String
    ) -> String {
        let counts = figures.counts
        let total = statistics.total
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        // A 1.1 snapshot's counts also name role sets, machines and access paths; a 1.0 one's do not.
        func also(_ key: String, _ noun: String) -> String { counts[key].map { ", \($0) \(noun)" } ?? "" }
        var parts = [
            "exported \(counts["users"] ?? 0) users, \(counts["organizations"] ?? 0) organizations, \(counts["roles"] ?? 0) roles, \(counts["permissions"] ?? 0) permissions, \(counts["memberships"] ?? 0) memberships"
                + also("role_sets", "role sets") + also("machines", "machines"),
            "\(counts["grants"] ?? 0) grants" + also("access_paths", "access paths"),
            "\(figures.diagnostics) diagnostics",
        ]
        if total.requests > 0 {
            parts.append("\(total.requests) requests, \(total.retries) retries, \(total.rateLimited) 429s")
        }
        // Where the time went: reading (and building the graph as pages arrive), then writing the file.
        parts.append(String(format: "%.2fs (writing %.2fs)", seconds(wall), seconds(writing)))
        parts.append(figures.complete ? "complete" : "INCOMPLETE")
        return parts.joined(separator: "; ") + " -> \(destination)"
    }
}
