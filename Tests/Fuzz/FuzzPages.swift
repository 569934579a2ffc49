// libFuzzer harness: Clerk page decoding, and the snapshot written from what decodes. Built by run.sh.
import CanonicalJSON
import ClerkModel
import Foundation
import GrantGraph
import SnapshotFormat

/// The first byte picks the collection, the rest is the page body. A page that decodes is built into a
/// graph and written as a snapshot, which must pass both of the tool's validators: whatever a server
/// sends, the tool refuses it or writes a valid snapshot.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPages(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let collection = ClerkCollection.allCases[Int(start[0]) % ClerkCollection.allCases.count]
    let body = Data(bytes: start + 1, count: count - 1)
    _ = try? ClerkPage.decodeTotalCount(body)
    guard let page = try? ClerkPage.decode(body, as: collection) else { return 0 }
    // A page a one-pass reader reads must be the tree decoder's page too.
    if let reader = ClerkPage.onePassReader(collection), let read = body.withUnsafeBytes({ reader($0.bindMemory(to: UInt8.self)) }) {
        guard let tree = try? ClerkPage.decodeTree(body, as: collection) else {
            preconditionFailure("a one-pass page reader read a page the tree decoder refuses")
        }
        precondition("\(read.items)" == "\(tree.items)" && read.totalCount == tree.totalCount, "a one-pass page reader and the tree decoder disagree")
    }
    var builder = GraphBuilder(requested: Set(ClerkCollection.allCases))
    builder.add(page, at: PagePosition(offset: 0))
    let graph = builder.finish(TenantReadReport(requested: Set(ClerkCollection.allCases)))
    let header = SnapshotHeader(
        generatedAt: "2026-11-23T00:00:00Z", tool: .init(version: "fuzz"),
        source: .init(apiURL: "fixture:fuzz", instance: "fixture:fuzz", collections: ClerkCollection.allCases), complete: true)
    let bytes = SnapshotEncoder.encode(header, body: graph).bytes
    let report = SnapshotValidator.validate(Data(bytes))
    precondition(report.isValid, "a snapshot written from a decoded page is invalid: \(report.problems.prefix(3))")
    precondition(IndexedSnapshot(Data(bytes)) != nil, "the index refuses a snapshot the tool wrote")
    return 0
}
