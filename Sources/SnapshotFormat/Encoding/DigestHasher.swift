import CanonicalJSON

/// The digest's framing in one place: SHA-256 of `{"<section>":[...],...}` over a version's
/// `digestSections` (1.0: entitlements, grants, resources; 1.1: access_paths first), fed section by section with batches of whole records, so the encoder (which hashes what it writes) and
/// `SnapshotDigest` (which hashes values, for `validate`) cannot disagree on a bracket or a comma.
struct DigestHasher {
    private var hasher = SHA256()
    private var sections = 0
    private var recordsInSection = 0
    /// Records handed in one at a time (`record`), joined by commas, not hashed yet: hashing about 64 KB in
    /// one call is several times faster than a call per record.
    private var pending: [UInt8] = []
    private var pendingCount = 0
    private static let batchSize = 1 << 16

    mutating func beginSection(_ section: SnapshotSection) {
        flushPending()
        hash((sections == 0 ? "{" : ",") + "\"\(section.rawValue)\":[")
        sections += 1
        recordsInSection = 0
    }

    /// One whole record of the current section, batched with the ones before it.
    mutating func record(_ bytes: UnsafeBufferPointer<UInt8>) {
        if pendingCount > 0 { pending.append(UInt8(ascii: ",")) }
        pending.append(contentsOf: bytes)
        pendingCount += 1
        if pending.count >= Self.batchSize { flushPending() }
    }

    mutating func record(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { record($0) }
    }

    /// `bytes` holds `count` whole records of the current section, joined by commas.
    mutating func records(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        flushPending()
        if recordsInSection > 0 { hash(",") }
        hasher.update(bytes)
        recordsInSection += count
    }

    private mutating func flushPending() {
        guard pendingCount > 0 else { return }
        let (batch, count) = (pending, pendingCount)
        pending.removeAll(keepingCapacity: true)
        pendingCount = 0
        batch.withUnsafeBufferPointer { records($0, count: count) }
    }

    mutating func records(_ bytes: [UInt8], count: Int) {
        bytes.withUnsafeBufferPointer { records($0, count: count) }
    }

    mutating func endSection() {
        flushPending()
        hash("]")
    }

    /// `sha256:<hex>`.
    mutating func finish() -> String {
        hash("}")
        return SnapshotDigest.text(hasher.finalize())
    }

    private mutating func hash(_ text: String) {
        var text = text
        text.withUTF8 { hasher.update($0) }
    }
}
