import CanonicalJSON
import Dispatch
import Synchronization

/// A run of consecutive records of one section, encoded as the snapshot file lays them out
/// (`    <record>,\n` each) and as the digest reads them (`<record>,<record>...`): hashing a block's
/// records in one call is several times faster than a call per record. Blocks are
/// encoded in parallel: a snapshot's million records are independent of each other, and encoding them
/// on one core left the other idle while an export's last seconds ticked by.
struct RecordBlock: Sendable {
    static let recordsPerBlock = 4096
    /// Blocks encoded at once: enough to keep two cores busy. A block of grants is about 1.6 MB, twice that
    /// with its digest form, held until hashed: eight at once cost 12-15 MiB more at an export's peak and
    /// gained no time.
    static let blocksPerWave = 4

    var bytes: [UInt8] = []
    /// The records joined by `,`, as the digest covers them.
    var canonical: [UInt8] = []
    var count = 0

    /// The blocks that follow record `first` of `section`, up to a wave's worth, in order.
    static func encodeWave(
        of section: SnapshotSection, in body: some SnapshotBody, from first: Int, count: Int
    ) -> [RecordBlock] {
        let blocks = min(blocksPerWave, (count - first + recordsPerBlock - 1) / recordsPerBlock)
        let encoded = Mutex<[RecordBlock?]>(Array(repeating: nil, count: blocks))
        DispatchQueue.concurrentPerform(iterations: blocks) { number in
            let start = first + number * recordsPerBlock
            let block = encode(section, in: body, range: start..<min(start + recordsPerBlock, count))
            encoded.withLock { $0[number] = block }
        }
        return encoded.withLock { $0.map { $0! } }
    }

    private static func encode(_ section: SnapshotSection, in body: some SnapshotBody, range: Range<Int>) -> RecordBlock {
        var writer = CanonicalJSONWriter(reservingCapacity: range.count * 320)
        var canonical: [UInt8] = []
        canonical.reserveCapacity(range.count * 320)
        let prepared = body.blockWriter(for: section, range: range)
        for index in range {
            writer.writeRaw("    ")
            let start = writer.bytes.count
            if let prepared {
                prepared.writeRecord(index, to: &writer)
            } else {
                body.writeRecord(index, of: section, to: &writer)
            }
            if index > range.lowerBound { canonical.append(UInt8(ascii: ",")) }
            writer.bytes.withUnsafeBufferPointer { canonical.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start...])) }
            writer.writeRaw(",\n")
        }
        return RecordBlock(bytes: writer.bytes, canonical: canonical, count: range.count)
    }
}
