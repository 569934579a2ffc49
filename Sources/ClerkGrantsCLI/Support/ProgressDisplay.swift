import ClerkClient
import ClerkModel
import Foundation
import Synchronization

/// Redraws one status line on an interactive stderr every 250 ms: per collection, objects read,
/// requests, retries and time spent waiting on the rate budget.
final class ProgressDisplay: Sendable {
    private let statistics: ReadStatistics
    private let sink: TextSink
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    init(statistics: ReadStatistics, sink: TextSink) {
        self.statistics = statistics
        self.sink = sink
    }

    func start() {
        let statistics = self.statistics
        let sink = self.sink
        task.withLock {
            $0 = Task {
                while !Task.isCancelled {
                    sink.write("\r\u{1B}[K" + ProgressDisplay.render(statistics.snapshot))
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
        }
    }

    func stop() {
        task.withLock {
            $0?.cancel()
            $0 = nil
        }
        sink.write("\r\u{1B}[K")
    }

    static func render(_ buckets: [ClerkCollection: ReadStatistics.Counters]) -> String {
        // By name, as the line has always read (memberships first), not in command-line order.
        buckets.keys.sorted { $0.rawValue < $1.rawValue }.map { collection in
            let counters = buckets[collection]!
            let name = collection.rawValue
            let wait = Double(counters.rateWait.components.seconds)
            var text = "\(name) \(counters.objects)\(counters.done ? " done" : "") (\(counters.requests) req"
            if counters.retries > 0 { text += ", \(counters.retries) retries" }
            if wait >= 1 { text += String(format: ", %.0fs waiting", wait) }
            return text + ")"
        }.joined(separator: " | ")
    }
}
