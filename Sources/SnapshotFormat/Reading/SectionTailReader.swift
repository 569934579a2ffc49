import CanonicalJSON
import Dispatch
import Synchronization

/// Reads the later part of a snapshot's grants section, then of its resources section, on a second core
/// while `SnapshotIndexer` reads everything before each: those two sections are nine tenths of a file, one
/// record a line.
///
/// Where each part starts is a guess made before any of the file is read: the first line after a share
/// of its bytes that opens an object. From there it reads records of that section, with the indexer's own
/// `readGrant` or `readResource`, up to the section's `]`. A part's records are used only when the
/// indexer, reading the file in order, arrives at a record of that section starting at exactly that byte:
/// the records from there on are then the ones the indexer would have read, checked by the same code. A
/// guess that lands elsewhere (another section, inside a record, a reformatted file) or a part that does
/// not read is dropped, and the indexer reads on by itself, so the result never depends on the guess.
package final class SectionTailReader: Sendable {
    /// The two sections read this way.
    enum Part: Int, CaseIterable {
        case grants, resources
    }

    /// What the second reader read of one part: its records from the guessed start on, and where the
    /// section's `]` ends.
    struct Tail: Sendable {
        var grants: [IndexedSnapshot.GrantEntry] = []
        var resources: [IndexedSnapshot.ResourceEntry] = []
        var roleSets: [Resource] = []
        var sawManualInvitationDomains = false
        var end = 0
    }

    /// When a second reader is started, and where.
    package struct Placement: Sendable {
        /// Files below this size are read on one core: starting a thread would cost more than it saves.
        package var minimumFileSize: Int
        /// Where each part's guess is made, as a share of the file.
        package var grantsShare: Double
        package var resourcesShare: Double

        /// The whole index is built on the calling thread: no second reader, no early digest, no job on
        /// another core.
        package var onOneCore = false

        package init(minimumFileSize: Int, grantsShare: Double, resourcesShare: Double, onOneCore: Bool = false) {
            self.minimumFileSize = minimumFileSize
            self.grantsShare = grantsShare
            self.resourcesShare = resourcesShare
            self.onOneCore = onOneCore
        }

        /// A canonical file holds its grants from about a tenth of its bytes to about five sixths and its
        /// resources after them, to the end; the indexer waits at each guess for the second reader's part,
        /// so these shares give both readers about as many bytes before each meeting.
        package static let standard = Placement(minimumFileSize: 16 << 20, grantsShare: 0.36, resourcesShare: 0.92)

        /// Everything on the calling thread: for a caller that reads two files at once (`diff`), whose two
        /// cores the two files take. Threads of each waiting for threads of the other made `diff` 45% slower
        /// than reading each file on one core.
        package static let oneCore = Placement(minimumFileSize: .max, grantsShare: 0, resourcesShare: 0, onOneCore: true)
    }

    /// The byte each part's first record starts at; nil for a part not read.
    private let starts: [Int?]
    private let finished: [DispatchGroup]
    /// One bit a part, set when the indexer no longer wants it.
    private let stopped = Atomic<UInt8>(0)
    private let results = Mutex<[Tail?]>([nil, nil])

    /// Starts reading `bytes` on another thread; nil for a small file or when no guess finds a line that
    /// opens an object. `finish()` must be called before `bytes` is released.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, placement: Placement) {
        guard bytes.count >= placement.minimumFileSize, bytes.count > 0 else { return nil }
        let starts = [placement.grantsShare, placement.resourcesShare].map { share in
            Self.recordStart(in: bytes, after: min(bytes.count - 1, Int(Double(bytes.count) * share)))
        }
        guard starts.contains(where: { $0 != nil }) else { return nil }
        self.starts = starts
        finished = Part.allCases.map { _ in DispatchGroup() }
        for group in finished { group.enter() }
        // The pointer is read-only here and outlives the job: `finish()` waits for it.
        nonisolated(unsafe) let bytes = bytes
        // A Dispatch thread, not the cooperative pool: this is CPU work, and the waits in `join`/`finish`
        // are bounded by it (it checks `stopped` after every record).
        DispatchQueue.global().async { [self] in
            for part in Part.allCases {
                let tail = starts[part.rawValue].flatMap { read(part, bytes, from: $0) }
                results.withLock { $0[part.rawValue] = tail }
                finished[part.rawValue].leave()
            }
        }
    }

    /// The byte `part`'s first record starts at; nil when it is not read.
    func start(of part: Part) -> Int? { starts[part.rawValue] }

    /// Waits for `part`; its records, or nil when they did not read as records of its section up to a `]`.
    func join(_ part: Part) -> Tail? {
        finished[part.rawValue].wait()
        return results.withLock { $0[part.rawValue].take() }
    }

    /// Tells the second reader to stop reading `part` after its current record.
    func abandon(_ part: Part) { stopped.bitwiseOr(1 << part.rawValue, ordering: .relaxed) }

    /// Stops the second reader and waits for it, whether or not its records were used.
    func finish() {
        for part in Part.allCases { abandon(part) }
        for group in finished { group.wait() }
    }

    private func read(_ part: Part, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Tail? {
        var reader = SnapshotIndexer(cursor: JSONCursor(bytes))
        reader.cursor.index = start
        while true {
            guard stopped.load(ordering: .relaxed) & (1 << part.rawValue) == 0 else { return nil }
            let read: Bool
            switch part {
            case .grants: read = reader.readGrant()
            case .resources: read = reader.readResource()
            }
            guard read, let more = reader.cursor.continues(before: UInt8(ascii: "]")) else { return nil }
            if !more { return reader.tail }
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
