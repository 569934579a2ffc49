/// The flat feeds a snapshot converts to (`convert --to`). A closed set: each case has its writer.
public enum FeedFormat: String, Sendable, CaseIterable {
    case ndjson
    case csv

    /// Writes the feed in this format, in chunks, to `emit`. `rawCells` (no formula neutralising) applies
    /// to CSV only.
    public func write(
        _ index: AccessIndex, expand: Bool, rawCells: Bool, emit: @escaping ([UInt8]) -> Void
    ) {
        switch self {
        case .ndjson: NDJSONFeed.write(index, expand: expand, emit: emit)
        case .csv: CSVFeed.write(index, expand: expand, rawCells: rawCells, emit: emit)
        }
    }
}
