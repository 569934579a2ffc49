import CanonicalJSON
import SnapshotFormat

/// Writes one block of a compact graph's grants section: the machine grants (values, first in the
/// section) and the grant table's, from the parts `GrantTable.gather` collected for the block.
struct GrantBlockWriter: SnapshotBlockWriter {
    let machineGrants: [Grant]
    let table: GrantTable
    let gathered: GrantTable.GatheredBlock

    func writeRecord(_ index: Int, to writer: inout CanonicalJSONWriter) {
        if index < machineGrants.count {
            writer.writeRecord(machineGrants[index])
        } else {
            table.write(index - machineGrants.count, gathered: gathered, to: &writer)
        }
    }
}
