// libFuzzer harness: the snapshot readers. Built by run.sh.
import Foundation
import SnapshotFormat

/// Both readers of a snapshot file. The index must never accept a file the validator rejects, since
/// `validate` and `diff` trust its answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let report = SnapshotValidator.validate(data)
    if IndexedSnapshot(data) != nil {
        precondition(report.isValid, "the index accepts a snapshot the validator rejects: \(report.problems.prefix(3))")
    }
    return 0
}
