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

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Hashes one section of `count` records, the record at `position` being `record(position)`.
    mutating func section(_ section: SnapshotSection, count: Int, record: (Int) -> ByteSpan) {
        hasher.beginSection(section)
        for position in 0..<count { hasher.record(UnsafeBufferPointer(rebasing: bytes[record(position).range])) }
        hasher.endSection()
    }

    /// `sha256:<hex>`.
    mutating func finish() -> String { hasher.finish() }
}
