/// A write buffer handed to a sink in chunks of about `chunkSize` bytes, so a report or feed never holds
/// its whole output in memory: only the snapshot and one chunk.
public struct ChunkedOutput {
    public static let defaultChunkSize = 64 * 1024

    private var buffer: [UInt8] = []
    private let chunkSize: Int
    private let emit: ([UInt8]) -> Void

    /// `emit` receives each chunk in order; call `finish()` to hand over the rest.
    public init(chunkSize: Int = ChunkedOutput.defaultChunkSize, emit: @escaping ([UInt8]) -> Void) {
        self.chunkSize = max(1, chunkSize)
        self.emit = emit
        buffer.reserveCapacity(self.chunkSize + 1024)
    }

    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { flush() }
    }

    public mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { flush() }
    }

    public mutating func line(_ text: String = "") { write(text + "\n") }

    public mutating func finish() { flush() }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

extension ChunkedOutput {
    /// Writes items `0..<count` in order, with the items made on every core: they are independent (a
    /// finding, a membership row, an organization's section), so a round of small batches is shared out
    /// over the cores (small, so no core waits long for the last of a round) and written out in order.
    /// `encode` writes the items of one batch, a range of them, to the batch's own output; it is called
    /// from several threads at once and must read only what no one changes. Memory holds one round:
    /// `itemsPerBatch` is sized so that sixteen batches of items stay at a few megabytes.
    public mutating func writeInOrder(
        count: Int, itemsPerBatch: Int = 128, encode: @escaping @Sendable (_ items: Range<Int>, _ out: inout ChunkedOutput) -> Void
    ) {
        let chunkSize = chunkSize
        let batch = max(1, min(itemsPerBatch, count / 2))
        let batchesPerRound = 16
        var start = 0
        while start < count {
            let ranges = (0..<batchesPerRound).map { number in
                let first = min(start + number * batch, count)
                return first..<min(first + batch, count)
            }
            let encoded = ParallelParts.make(batchesPerRound) { number in
                let chunks = ChunkList()
                var out = ChunkedOutput(chunkSize: chunkSize) { chunks.items.append($0) }
                encode(ranges[number], &out)
                out.finish()
                return chunks.items
            }
            for chunk in encoded.joined() { write(chunk) }
            start = ranges[batchesPerRound - 1].upperBound
        }
    }
}

/// Chunks gathered by an output on the one thread that writes them (a batch of `writeInOrder`, a file
/// of a split), to be handed on in order.
final class ChunkList {
    var items: [[UInt8]] = []
}
