import CanonicalJSON
import SnapshotFormat

/// Records kept as their canonical JSON bytes, each with its id: the form a snapshot writes them in, and
/// several times smaller than the same record as `String`s and `JSONValue`s.
struct EncodedRecords {
    private(set) var ids = ByteStrings()
    private(set) var records = ByteStrings()
    private var writer = CanonicalJSONWriter(reservingCapacity: 4096)

    var count: Int { ids.count }

    /// Appends a record; returns its index.
    @discardableResult
    mutating func append(id: String, _ write: (inout CanonicalJSONWriter) -> Void) -> Int {
        writer.removeAll()
        write(&writer)
        ids.append(id)
        writer.bytes.withUnsafeBufferPointer { records.append(utf8: $0) }
        return ids.count - 1
    }

    /// The given records (all by default) in canonical order: by id, equal ids by index.
    func sorted(_ indices: [Int]? = nil) -> SortedRecords {
        SortedRecords(records: records, order: ids.sortedIndices(indices))
    }
}
