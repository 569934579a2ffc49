import CanonicalJSON
import Dispatch
import Synchronization

/// Reads the later part of a snapshot's grants section on a second core while `SnapshotIndexer` reads
/// everything before it: the grants are three quarters of a file, one record a line.
///
/// Where that part starts is a guess made before any of the file is read: the first line after about a
/// third of its bytes that opens an object. From there it reads grant records, with the indexer's own
/// `readGrant`, up to the section's `]`. Its records are used only when the indexer, reading the file in
/// order, arrives at a grant record starting at exactly that byte: the records from there on are then the
/// ones the indexer would have read, checked by the same code. A guess that lands elsewhere (another
/// section, inside a record, a small file's layout) or a part that does not read is dropped, and the
/// indexer reads on by itself, so the result never depends on the guess.
package final class GrantTailReader: Sendable {
    /// What the second reader read: the grants from `start` on, and where the section's `]` ends.
    struct Tail: Sendable {
        var grants: [IndexedSnapshot.GrantEntry]
        var end: Int
    }

    /// When a second reader is started, and where.
    package struct Placement: Sendable {
        /// Files below this size are read on one core: starting a thread would cost more than it saves.
        package var minimumFileSize: Int
        /// Where the guess is made, as a share of the file.
        package var startShare: Double

        package init(minimumFileSize: Int, startShare: Double) {
            self.minimumFileSize = minimumFileSize
            self.startShare = startShare
        }

        /// The grants section runs from about a tenth of a canonical file to about five sixths, and the
        /// indexer also reads the resources after it, so this share gives both readers about as many bytes.
        package static let standard = Placement(minimumFileSize: 16 << 20, startShare: 0.36)
    }

    /// The byte the second reader's first record starts at.
    let start: Int
    private let done = DispatchGroup()
    private let stopped = Atomic<Bool>(false)
    private let result = Mutex<Tail?>(nil)

    /// Starts reading `bytes` on another thread; nil for a small file or when no line there opens an object.
    /// `finish()` must be called before `bytes` is released.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, placement: Placement) {
        guard bytes.count >= placement.minimumFileSize, bytes.count > 0,
            let start = Self.recordStart(in: bytes, after: min(bytes.count - 1, Int(Double(bytes.count) * placement.startShare)))
        else { return nil }
        self.start = start
        // The pointer is read-only here and outlives the job: `finish()` waits for it.
        nonisolated(unsafe) let bytes = bytes
        // A Dispatch thread, not the cooperative pool: this is CPU work, and the wait in `join`/`finish`
        // is bounded by it (it checks `stopped` after every record).
        DispatchQueue.global().async(group: done) { [self] in
            let tail = read(bytes)
            result.withLock { $0 = tail }
        }
    }

    /// Waits for the second reader; its records, or nil when they did not read as grants up to a `]`.
    func join() -> Tail? {
        done.wait()
        return result.withLock { $0.take() }
    }

    /// Tells the second reader to stop after its current record.
    func abandon() { stopped.store(true, ordering: .relaxed) }

    /// Stops the second reader and waits for it, whether or not its records were used.
    func finish() {
        abandon()
        done.wait()
    }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Tail? {
        var reader = SnapshotIndexer(cursor: JSONCursor(bytes))
        reader.cursor.index = start
        while true {
            guard !stopped.load(ordering: .relaxed), reader.readGrant(), let more = reader.cursor.continues(before: UInt8(ascii: "]")) else {
                return nil
            }
            if !more { return Tail(grants: reader.grants, end: reader.cursor.index) }
            reader.cursor.skipWhitespace()
        }
    }

    /// The first position after `offset` that follows a line break and indentation and opens an object.
    private static func recordStart(in bytes: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int? {
        guard var position = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        position += 1
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        return position < bytes.count && bytes[position] == UInt8(ascii: "{") ? position : nil
    }
}
