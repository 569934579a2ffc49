// libFuzzer harness: the snapshot readers, and the read side on what they accept. Built by run.sh.
import AccessReview
import Foundation
import OCSF
import SnapshotFormat

/// Both readers of a snapshot file. The index must never accept a file the validator rejects, since
/// `validate` and `diff` trust its answer. A file the index accepts then goes through everything the
/// read commands do with it: the access index (each user's facts read from the record bytes), the
/// findings, every review format (the decision workbook included) and every feed, plain and redacted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let report = SnapshotValidator.validate(data)
    guard let indexed = IndexedSnapshot(data) else { return 0 }
    precondition(report.isValid, "the index accepts a snapshot the validator rejects: \(report.problems.prefix(3))")
    // Plain, and redacted as `--redact-pii` reads it (every name and address through the redactor).
    for redactor in [nil, PIIRedactor(key: Array("fuzz-redaction-key-0123".utf8))] {
        let index = AccessIndex(indexed, redactor: redactor)
        let findings = FindingsEngine.findings(index, policy: ReviewPolicy())
        var written = 0
        for format in ReviewFormat.allCases {
            format.write(index, policy: ReviewPolicy(), findings: findings, listed: 2) { written += $0.count }
        }
        for feed in FeedFormat.allCases {
            feed.write(index, expand: feed == .ndjson || feed == .csv, rawCells: false, product: OCSFProduct(version: "fuzz")) { written += $0.count }
        }
        precondition(written > 0, "the read side wrote nothing")
    }
    return 0
}
