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
