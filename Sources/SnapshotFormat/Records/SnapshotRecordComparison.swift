import Foundation

/// Whether two snapshot files hold the same digest and byte-identical records, read a chunk at a time.
/// A scheduled export (`export --store`) mostly finds nothing changed; proving that from the two files'
/// lines costs a few megabytes, where reading the stored snapshot to compare it whole costs its size.
/// Any difference, or any file not laid out as this tool writes it, answers false, and the caller compares
/// the long way.
public enum SnapshotRecordComparison {
    public static func sameRecords(_ first: URL, _ second: URL) -> Bool {
        guard var left = LineReader(first), var right = LineReader(second) else { return false }
        var inRecords = false
        var inAccessPaths = false
        var sawDigest = false
        while true {
            let (a, b) = (left.next(), right.next())
            guard let a, let b else { return false }
            // How a run was collected and which file it follows differ between runs of an unchanged tenant.
            let aIsEvidence = evidencePrefixes.contains { a.starts(with: $0) }
            guard aIsEvidence == evidencePrefixes.contains(where: { b.starts(with: $0) }) else { return false }
            if aIsEvidence { continue }
            // A 1.1 file's access paths come first, before the digest: their lines must agree too.
            let aStartsPaths = a.starts(with: accessPathsPrefix)
            guard aStartsPaths == b.starts(with: accessPathsPrefix) else { return false }
            if aStartsPaths { inAccessPaths = true }
            if inAccessPaths {
                if a.starts(with: completePrefix) || b.starts(with: completePrefix) {
                    guard a.starts(with: completePrefix) && b.starts(with: completePrefix) else { return false }
                    inAccessPaths = false
                } else {
                    guard a == b else { return false }
                    continue
                }
            }
            if !inRecords {
                // Up to the records, only the digest lines must agree: counts and diagnostics may differ
                // while the digest does not, and the digest is what "unchanged" means.
                let aIsDigest = a.starts(with: digestPrefix)
                guard aIsDigest == b.starts(with: digestPrefix) else { return false }
                if aIsDigest {
                    guard a == b else { return false }
                    sawDigest = true
                }
                let aStarts = a.starts(with: recordsPrefix)
                guard aStarts == b.starts(with: recordsPrefix) else { return false }
                inRecords = aStarts
                if !inRecords { continue }
            }
            if a.starts(with: endPrefix) || b.starts(with: endPrefix) {
                return sawDigest && a.starts(with: endPrefix) && b.starts(with: endPrefix)
            }
            let aIsStamp = a.starts(with: generatedAtPrefix)
            guard aIsStamp == b.starts(with: generatedAtPrefix) else { return false }
            if !aIsStamp, a != b { return false }
        }
    }

    /// 1.2's `chain` (between `access_paths` and `complete`) and `provenance` (between `grants` and `resources`).
    private static let evidencePrefixes = [Array(#"  "chain": "#.utf8), Array(#"  "provenance": "#.utf8)]
    private static let digestPrefix = Array(#"  "digest": "#.utf8)
    private static let accessPathsPrefix = Array(#"  "access_paths": "#.utf8)
    /// The member after `access_paths`.
    private static let completePrefix = Array(#"  "complete": "#.utf8)
    private static let recordsPrefix = Array(#"  "entitlements": "#.utf8)
    private static let generatedAtPrefix = Array(#"  "generated_at": "#.utf8)
    /// The first member after the record sections.
    private static let endPrefix = Array(#"  "schema": "#.utf8)
}

/// Lines of a file, read a megabyte at a time.
private struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init?(_ url: URL) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        self.handle = handle
    }

    /// The next line without its newline, or nil at the end of the file.
    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                return buffer[position..<newline]
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return buffer[position...]
            }
            buffer.removeSubrange(..<position)
            position = 0
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else {
                atEnd = true
                continue
            }
            buffer.append(contentsOf: chunk)
        }
    }
}
