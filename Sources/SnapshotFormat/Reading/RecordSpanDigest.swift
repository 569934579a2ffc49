import CanonicalJSON

/// The digest over record sections whose records are spans of a file's bytes, hashed as they stand and
/// framed by `DigestHasher` as the encoder frames them: `FileOrderDigest`'s value, from spans noted
/// beforehand, so that it can be computed on another core once a file has been read.
///
/// Unchecked Sendable: it is handed from the thread that hashes a file's first sections to the one that
/// finishes, one at a time; its pointer is to the snapshot's bytes, which are read-only and outlive both.
struct RecordSpanDigest: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var hasher = DigestHasher()
    /// Whole records joined by commas, hashed in batches: one call per record costs several times more.
    private var buffer: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        buffer.reserveCapacity(Self.batchSize + 4096)
    }

    private static let batchSize = 1 << 16

    /// Hashes one section of `count` records, the record at `position` being `record(position)`.
    mutating func section(_ section: SnapshotSection, count: Int, record: (Int) -> ByteSpan) {
        hasher.beginSection(section)
        var batched = 0
        for position in 0..<count {
            if batched > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: bytes[record(position)])
            batched += 1
            if buffer.count >= Self.batchSize {
                hasher.records(buffer, count: batched)
                buffer.removeAll(keepingCapacity: true)
                batched = 0
            }
        }
        hasher.records(buffer, count: batched)
        buffer.removeAll(keepingCapacity: true)
        hasher.endSection()
    }

    /// `sha256:<hex>`.
    mutating func finish() -> String { hasher.finish() }
}
