// libFuzzer harness: the byte-level JSON readers. Built and run by run.sh, never by SwiftPM.
import CanonicalJSON
import Foundation

/// Every reading of the same bytes: the full parse, the selective parse with a Clerk-like key set, the
/// streamed parse, and `JSONCursor`. Any crash, hang or sanitizer report is a finding, and so is a broken
/// promise between them: what the cursor accepts the parser accepts, and a selective or streamed parse
/// succeeds exactly when the full one does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let full = try? JSONParser.parse(data)
    let kept = try? JSONParser.parse(data, keeping: keys)
    precondition((full == nil) == (kept == nil), "the selective parse disagrees with the full parse")
    var streamed = true
    do {
        try JSONParser.streamObject(data, streaming: ["data", "grants"]) { _ in }
    } catch {
        streamed = false
    }
    if case .object? = full { precondition(streamed, "the streamed parse refuses an object the full parse reads") }
    if streamed { precondition(full?.objectValue != nil, "the streamed parse accepts what the full parse does not") }
    let cursorAccepts = data.withUnsafeBytes { raw -> Bool in
        var cursor = JSONCursor(raw.bindMemory(to: UInt8.self))
        guard cursor.skipValue(depth: 0) else { return false }
        cursor.skipWhitespace()
        return cursor.atEnd
    }
    if cursorAccepts { precondition(full != nil, "JSONCursor accepts what JSONParser refuses") }
    if let full {
        // What the writer makes of a value reads back, and writing that again gives the same bytes.
        let written = CanonicalJSONWriter.encode(full)
        guard let reread = try? JSONParser.parse(written) else { preconditionFailure("canonical output does not parse") }
        precondition(CanonicalJSONWriter.encode(reread) == written, "canonical output is not a fixed point")
    }
    return 0
}

private let keys = JSONKeyFilter(["id", "data", "total_count", "role", "user_id", "organization", "public_user_data", "created_at"])
