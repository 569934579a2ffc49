import Dispatch
import Synchronization

/// Work split into independent parts, each made on whichever core is free, with the results in part
/// order: the one statement of gathering `DispatchQueue.concurrentPerform`'s results for the reports,
/// feeds and rules that use both cores.
enum ParallelParts {
    /// `make(0)`, `make(1)`, ... `make(count - 1)`, made at once; `make` is called from several threads and
    /// must read only what no one changes.
    static func make<Part: Sendable>(_ count: Int, _ make: @escaping @Sendable (_ part: Int) -> Part) -> [Part] {
        let made = Mutex<[Part?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { number in
            let part = make(number)
            made.withLock { $0[number] = part }
        }
        return made.withLock { parts in parts.map { $0! } }
    }
}
