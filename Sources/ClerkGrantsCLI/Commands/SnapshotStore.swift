import CanonicalJSON
import ExportPipeline
import Foundation
import GrantDiff
import GrantGraph
import LocalFiles
import SnapshotFormat

/// A folder of snapshots kept for scheduled runs (`export --store DIR`): one file per distinct export,
/// named `<sequence>-<UTC timestamp>-<first 12 hex of the digest>.json`, e.g.
/// `000042-20261120T000000Z-0123456789ab.json`.
///
/// Run order is the sequence number this tool writes (one more than the highest stored), never the
/// wall-clock part of the name: a clock set wrong, a file dated in the future or two runs in the same
/// second cannot reorder the history. Names of the earlier scheme (`<timestamp>-<digest12>.json`) are
/// read as older than every sequenced name. Files named otherwise, and anything that is not a regular
/// file, are never read or pruned. One store keeps one instance's history: a run that finds a snapshot of
/// another instance (`source.instance`) refuses before writing or deleting anything.
package struct SnapshotStore {
    let directory: URL

    struct Entry: Equatable {
        var name: String
        var url: URL
        /// nil for a name of the earlier, unsequenced scheme.
        var sequence: Int?
    }

    /// What `save` did.
    struct Outcome {
        /// The file written, or nil when the snapshot equals the newest stored one.
        var written: Entry?
        /// The SHA-256 of the written file's bytes, as the next run's chain link will record it.
        var writtenDigest: String?
        /// What the written file links to: the newest stored file before it, nil when it starts the chain.
        var linkedTo: String?
        /// The newest stored snapshot before this run, if it could be compared with.
        var previous: Entry?
        /// Both snapshots, read as `diff` reads them, when they differ.
        var comparison: (old: DiffInput, new: DiffInput)?
        /// The newest stored file could not be used for the comparison (and why).
        var previousProblem: (entry: Entry, reason: String)?
        var pruned: [Entry]
    }

    /// Sequence numbers are written with at least this many digits, so names also sort in run order.
    static let sequenceWidth = StoredSnapshotName.sequenceWidth
    /// How many taken names a save steps over before giving up (another run writing at the same moment).
    static let nameAttempts = 1000

    /// `000042-20261120T000000Z-0123456789ab.json` for the 42nd run, generated at 2026-11-20T00:00:00Z.
    static func fileName(sequence: Int, generatedAt: String, digest: String) -> String {
        let stamp = generatedAt.filter { $0 != "-" && $0 != ":" }
        let hex = digest.hasPrefix("sha256:") ? digest.dropFirst("sha256:".count) : Substring(digest)
        let number = String(sequence)
        let padded = String(repeating: "0", count: max(0, sequenceWidth - number.count)) + number
        return "\(padded)-\(stamp)-\(hex.prefix(12)).json"
    }

    /// Whether `name` is a stored snapshot's, and its sequence: `.some(nil)` for the earlier scheme.
    package static func parseName(_ name: String) -> Int?? { StoredSnapshotName.parse(name) }

    /// `.incoming-<UUID>.json`: where a save writes before the digest (and so the name) is known.
    static func isIncomingName(_ name: String) -> Bool {
        guard name.hasPrefix(".incoming-"), name.hasSuffix(".json") else { return false }
        return StaleTemporaryFiles.isUUID(name.dropFirst(".incoming-".count).dropLast(".json".count))
    }

    /// What a killed save can leave behind: the incoming file, or the temporary file `AtomicFile` writes
    /// it through (`..incoming-<UUID>.json.<UUID>.tmp`).
    static func isLeftoverName(_ name: String) -> Bool {
        if isIncomingName(name) { return true }
        let incomingLength = ".incoming-".count + 36 + ".json".count
        guard name.hasPrefix("..incoming-") else { return false }
        let incoming = String(name.dropFirst().prefix(incomingLength))
        return isIncomingName(incoming) && AtomicFile.isTemporaryName(name, for: incoming)
    }

    /// Stored snapshots in run order, oldest first. A missing folder holds none.
    func entries() throws(CLIError) -> [Entry] {
        var info = stat()
        guard stat(directory.path, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw .inputUnreadable(path: directory.path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .inputUnreadable(path: directory.path, reason: "it is a file, not a store folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .inputUnreadable(path: directory.path, reason: "cannot list the store folder")
        }
        var entries: [Entry] = []
        for name in names {
            guard case .some(let sequence) = Self.parseName(name) else { continue }
            let url = directory.appendingPathComponent(name)
            // A FIFO or device named like a snapshot would hang or never end a read; a link is not ours.
            var entryInfo = stat()
            guard lstat(url.path, &entryInfo) == 0, entryInfo.st_mode & S_IFMT == S_IFREG else { continue }
            entries.append(Entry(name: name, url: url, sequence: sequence))
        }
        return entries.sorted { a, b in
            switch (a.sequence, b.sequence) {
            case (nil, nil): return a.name < b.name
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x != y ? x < y : a.name < b.name
            }
        }
    }

    /// Adds the snapshot unless the newest stored snapshot has the same digest, then keeps the newest `keep`.
    /// The digest is known only once the file is written, so it is written under a name no listing reads
    /// and then linked to its own, or removed when it changed nothing. The graph is let go once written:
    /// the stored snapshot it is compared with is as large as the file.
    ///
    /// The file links to the newest stored one (`chain`: its name and the SHA-256 of its bytes), or starts
    /// the chain when the store is empty; with `signingKey` it is signed.
    func save(_ draft: consuming SnapshotDraft, keep: Int?, signingKey: [UInt8]? = nil) throws(CLIError) -> Outcome {
        var outcome = Outcome(written: nil, previous: nil, previousProblem: nil, pruned: [])
        let stored = try entries()
        let instance = draft.header.source.instance
        for entry in stored {
            if let other = Self.instance(of: entry.url), other != instance {
                throw .storeMixesInstances(store: directory.path, file: entry.name, stored: other, exported: instance)
            }
        }
        let newest = stored.last
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .outputFailed(path: directory.path, reason: "cannot create the store folder")
        }
        StaleTemporaryFiles.remove(in: directory, where: Self.isLeftoverName)
        let incoming = directory.appendingPathComponent(".incoming-\(UUID().uuidString).json")
        let generatedAt = draft.header.generatedAt
        if let newest {
            do {
                draft.header.chain = SnapshotChainLink(previousFile: newest.name, previousFileDigest: try FileDigest.sha256(of: newest.url))
            } catch {
                throw .inputUnreadable(path: newest.url.path, reason: "cannot hash it for the chain link: \(error.reason)")
            }
        } else {
            draft.header.chain = .start
        }
        var digest = ""
        do {
            try AtomicFile.write(to: incoming) { emit, patch in
                digest = SnapshotWriter.encode(draft, signingKey: signingKey, emit: emit, patch: patch)
            }
        } catch {
            throw .outputFailed(path: incoming.path, reason: error.reason)
        }
        _ = consume draft
        if let newest, SnapshotRecordComparison.sameRecords(newest.url, incoming) {
            unlink(incoming.path)
            outcome.previous = newest
            return try prune(outcome, keep: keep, keeping: newest)
        }
        var old: DiffInput?
        if let newest {
            switch Self.readDiffInput(newest.url) {
            case .success(let input):
                old = input
                outcome.previous = newest
            case .failure(let refusal):
                outcome.previousProblem = (newest, refusal.reason)
            }
        }
        if let old, old.digest == digest {
            // Same records written differently (a file reformatted by hand, say): still no change.
            unlink(incoming.path)
            return try prune(outcome, keep: keep, keeping: newest!)
        }
        let entry = try place(incoming, after: stored, generatedAt: generatedAt, digest: digest)
        outcome.written = entry
        outcome.linkedTo = newest?.name
        // Printed, so the job's log holds the newest link of the chain, which no later file vouches for yet.
        outcome.writtenDigest = try? FileDigest.sha256(of: entry.url)
        if let old, case .success(let new) = Self.readDiffInput(entry.url) {
            outcome.comparison = (old, new)
        }
        return try prune(outcome, keep: keep, keeping: entry)
    }

    /// Gives the written file its name: the next sequence number, stepping over a name another run took
    /// meanwhile. `link` never replaces an existing file, unlike `rename`.
    private func place(_ incoming: URL, after stored: [Entry], generatedAt: String, digest: String) throws(CLIError) -> Entry {
        var sequence = (stored.compactMap(\.sequence).max() ?? 0) + 1
        for _ in 0..<Self.nameAttempts {
            let name = Self.fileName(sequence: sequence, generatedAt: generatedAt, digest: digest)
            let url = directory.appendingPathComponent(name)
            if link(incoming.path, url.path) == 0 {
                unlink(incoming.path)
                return Entry(name: name, url: url, sequence: sequence)
            }
            let code = errno
            if code == EEXIST {
                sequence += 1
                continue
            }
            // A file system without hard links: rename, having checked the name is free.
            var info = stat()
            if [EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS].contains(code), lstat(url.path, &info) != 0, errno == ENOENT,
                rename(incoming.path, url.path) == 0
            {
                return Entry(name: name, url: url, sequence: sequence)
            }
            unlink(incoming.path)
            throw .outputFailed(path: url.path, reason: String(cString: strerror(code)))
        }
        unlink(incoming.path)
        throw .outputFailed(path: directory.path, reason: "\(Self.nameAttempts) snapshot names in a row were taken")
    }

    /// `--keep N`: deletes the oldest stored snapshots beyond N, never `protected` (this run's file, or the
    /// unchanged newest one that stands for it).
    private func prune(_ outcome: Outcome, keep: Int?, keeping protected: Entry) throws(CLIError) -> Outcome {
        var outcome = outcome
        guard let keep else { return outcome }
        let others = try entries().filter { $0.name != protected.name }
        for entry in others.prefix(max(0, others.count - (keep - 1))) {
            do {
                try FileManager.default.removeItem(at: entry.url)
                outcome.pruned.append(entry)
            } catch {
                throw .outputFailed(path: entry.url.path, reason: "cannot remove it while pruning to --keep \(keep)")
            }
        }
        return outcome
    }

    private static func readDiffInput(_ url: URL) -> Result<DiffInput, InputFile.Refusal> {
        let data: Data
        do {
            data = try InputFile.read(url, limit: SnapshotFile.sizeLimit, limitDescription: "4 GiB for a snapshot").bytes
        } catch {
            return .failure(InputFile.Refusal(reason: "unreadable: \(error.reason)"))
        }
        do {
            return .success(try DiffInput(data))
        } catch {
            return .failure(InputFile.Refusal(reason: "not a valid snapshot: \(error)"))
        }
    }

    /// The `source.instance` of a stored snapshot, read from its last 64 KiB (keys are in code-point order,
    /// so `source` is among the last members), or nil when it cannot be found there.
    static func instance(of url: URL) -> String? {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let window = Int64(SnapshotFile.tailWindow)
        let tail = InputFile.peek(descriptor, at: max(0, Int64(info.st_size) - window), count: Int(window))
        guard let source = lastKey(#""source""#, in: tail, from: 0),
            let instance = lastKey(#""instance""#, in: tail, from: source)
        else { return nil }
        // The value: a JSON string, parsed by the one JSON reader so escapes mean what they mean elsewhere.
        var start = instance
        while start < tail.count, [0x20, 0x0A, 0x0D, 0x09].contains(tail[start]) { start += 1 }
        guard start < tail.count, tail[start] == UInt8(ascii: "\"") else { return nil }
        var end = start + 1
        while end < tail.count, tail[end] != UInt8(ascii: "\"") { end += tail[end] == UInt8(ascii: "\\") ? 2 : 1 }
        guard end < tail.count else { return nil }
        return (try? JSONParser.parse(Array(tail[start...end])))?.stringValue
    }

    /// The position just after the last `key` at or after `from` that is followed by optional whitespace
    /// and a colon (a member name, not a string value; inside a JSON string its quotes would be escaped).
    private static func lastKey(_ key: String, in bytes: [UInt8], from: Int) -> Int? {
        let needle = Array(key.utf8)
        guard bytes.count >= needle.count else { return nil }
        var found: Int?
        var position = from
        while position <= bytes.count - needle.count {
            if bytes[position] == needle[0], bytes[position..<position + needle.count].elementsEqual(needle) {
                var after = position + needle.count
                while after < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[after]) { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ":") { found = after + 1 }
            }
            position += 1
        }
        return found
    }
}
