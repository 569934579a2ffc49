import CanonicalJSON
import SnapshotFormat

/// Encoded records in the order a snapshot lists them.
struct SortedRecords {
    let records: ByteStrings
    let order: [Int]

    var count: Int { order.count }

    func write(_ position: Int, to writer: inout CanonicalJSONWriter) {
        records.withUTF8(order[position]) { writer.writeBytes($0) }
    }
}
