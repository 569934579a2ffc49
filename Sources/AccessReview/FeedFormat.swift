import OCSF

/// The flat feeds a snapshot converts to (`convert --to`). A closed set: each case has its writer.
public enum FeedFormat: String, Sendable, CaseIterable {
    case ndjson
    case csv
    case accessFile = "access-file"
    case ocsf

    /// Writes the feed in this format, in chunks, to `emit`. `expand` applies to NDJSON and CSV, `rawCells`
    /// (no formula neutralising) to the CSV feeds, `product` (the tool as `metadata.product`) to OCSF.
    public func write(
        _ index: AccessIndex, expand: Bool, rawCells: Bool, product: OCSFProduct, emit: @escaping ([UInt8]) -> Void
    ) {
        switch self {
        case .ndjson: NDJSONFeed.write(index, expand: expand, emit: emit)
        case .csv: CSVFeed.write(index, expand: expand, rawCells: rawCells, emit: emit)
        case .accessFile: AccessFileFeed.write(index, rawCells: rawCells, emit: emit)
        case .ocsf: OCSFInventoryFeed.write(index, product: product, emit: emit)
        }
    }
}
