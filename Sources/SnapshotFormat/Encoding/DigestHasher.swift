import CanonicalJSON

/// The digest's framing in one place: SHA-256 of `{"<section>":[...],...}` over a version's
/// `digestSections` (1.0: entitlements, grants, resources; 1.1: access_paths first), fed section by section with batches of whole records, so the encoder (which hashes what it writes) and
/// `SnapshotDigest` (which hashes values, for `validate`) cannot disagree on a bracket or a comma.
struct DigestHasher {
    private var hasher = SHA256()
    private var sections = 0
    private var recordsInSection = 0

    mutating func beginSection(_ section: SnapshotSection) {
        hash((sections == 0 ? "{" : ",") + "\"\(section.rawValue)\":[")
        sections += 1
        recordsInSection = 0
    }

    /// `bytes` holds `count` whole records of the current section, joined by commas.
    mutating func records(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) {
        guard count > 0 else { return }
        if recordsInSection > 0 { hash(",") }
        hasher.update(bytes)
        recordsInSection += count
    }

    mutating func records(_ bytes: [UInt8], count: Int) {
        bytes.withUnsafeBufferPointer { records($0, count: count) }
    }

    mutating func endSection() {
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
