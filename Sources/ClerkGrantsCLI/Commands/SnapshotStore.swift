import Foundation
import GrantGraph

/// A folder of snapshots kept for scheduled runs (`export --store DIR`): one file per distinct export,
/// named `<UTC timestamp>-<first 12 hex of the digest>.json` so that names sort oldest to newest.
/// Files whose names do not follow the pattern (temporary files, notes) are never read or pruned.
struct SnapshotStore {
    let directory: URL

    struct Entry: Equatable {
        var name: String
        var url: URL
    }

    /// What `save` did.
    struct Outcome {
        /// The file written, or nil when the snapshot equals the newest stored one.
        var written: Entry?
        /// The newest stored snapshot before this run, if it could be compared with.
        var previous: Entry?
        /// Both snapshots, read as `diff` reads them, when they differ.
        var comparison: (old: DiffInput, new: DiffInput)?
        /// The newest stored file could not be used for the comparison (and why).
        var previousProblem: (entry: Entry, reason: String)?
        var pruned: [Entry]
    }

    /// `20261120T000000Z-0123456789ab.json` for a snapshot generated at 2026-11-20T00:00:00Z.
    static func fileName(generatedAt: String, digest: String) -> String {
        let stamp = generatedAt.filter { $0 != "-" && $0 != ":" }
        let hex = digest.hasPrefix("sha256:") ? digest.dropFirst("sha256:".count) : Substring(digest)
        return "\(stamp)-\(hex.prefix(12)).json"
    }

    static func isSnapshotName(_ name: String) -> Bool {
        // 8 digits, T, 6 digits, Z, '-', 12 lowercase hex, .json
        let bytes = Array(name.utf8)
        guard bytes.count == 8 + 1 + 6 + 1 + 1 + 12 + 5, name.hasSuffix(".json") else { return false }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) } }
        let hex = bytes[17..<29].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        return digits(0..<8) && bytes[8] == UInt8(ascii: "T") && digits(9..<15) && bytes[15] == UInt8(ascii: "Z")
            && bytes[16] == UInt8(ascii: "-") && hex
    }

    /// Stored snapshots, oldest first. A missing folder holds none.
    func entries() throws(CLIError) -> [Entry] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw .inputUnreadable(path: directory.path, reason: "it is a file, not a store folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .inputUnreadable(path: directory.path, reason: "cannot list the store folder")
        }
        return names.filter(Self.isSnapshotName).sorted().map { Entry(name: $0, url: directory.appendingPathComponent($0)) }
    }

    /// Adds the snapshot unless the newest stored snapshot has the same digest, then keeps the newest `keep`.
    /// The digest is known only once the file is written, so it is written under a name no listing reads
    /// and then renamed to its own, or removed when it changed nothing. The graph is let go once written:
    /// the stored snapshot it is compared with is as large as the file.
    func save(_ draft: consuming SnapshotDraft, keep: Int?) throws(CLIError) -> Outcome {
        var outcome = Outcome(written: nil, previous: nil, previousProblem: nil, pruned: [])
        let newest = try entries().last
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .outputFailed(path: directory.path, reason: "cannot create the store folder")
        }
        let incoming = directory.appendingPathComponent(".incoming-\(UUID().uuidString).json")
        let generatedAt = draft.header.generatedAt
        var digest = ""
        do {
            try AtomicFile.write(to: incoming) { emit, patch in
                digest = SnapshotEncoder.encode(draft.header, body: draft.graph, emit: emit, patch: patch)
            }
        } catch {
            throw .outputFailed(path: incoming.path, reason: error.reason)
        }
        _ = consume draft
        if let newest, SnapshotRecordComparison.sameRecords(newest.url, incoming) {
            unlink(incoming.path)
            outcome.previous = newest
            return try prune(outcome, keep: keep)
        }
        var old: DiffInput?
        if let newest {
            do {
                old = try DiffInput(Data(contentsOf: newest.url))
                outcome.previous = newest
            } catch let error as SnapshotReadError {
                outcome.previousProblem = (newest, "not a valid snapshot: \(error)")
            } catch {
                outcome.previousProblem = (newest, "unreadable")
            }
        }
        if let old, old.digest == digest {
            // Same records written differently (a file reformatted by hand, say): still no change.
            unlink(incoming.path)
            return try prune(outcome, keep: keep)
        }
        let name = Self.fileName(generatedAt: generatedAt, digest: digest)
        let entry = Entry(name: name, url: directory.appendingPathComponent(name))
        guard rename(incoming.path, entry.url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(incoming.path)
            throw .outputFailed(path: entry.url.path, reason: reason)
        }
        outcome.written = entry
        if let old, let new = try? DiffInput(Data(contentsOf: entry.url)) {
            outcome.comparison = (old, new)
        }
        return try prune(outcome, keep: keep)
    }

    /// `--keep N`: deletes the oldest stored snapshots beyond N.
    private func prune(_ outcome: Outcome, keep: Int?) throws(CLIError) -> Outcome {
        var outcome = outcome
        if let keep {
            let stored = try entries()
            for entry in stored.prefix(max(0, stored.count - keep)) {
                do {
                    try FileManager.default.removeItem(at: entry.url)
                    outcome.pruned.append(entry)
                } catch {
                    throw .outputFailed(path: entry.url.path, reason: "cannot remove it while pruning to --keep \(keep)")
                }
            }
        }
        return outcome
    }
}
