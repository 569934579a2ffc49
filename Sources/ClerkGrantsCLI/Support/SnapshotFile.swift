import Foundation
import LocalFiles
import SnapshotFormat

/// Reading a snapshot file a user named, with one error for every command that does it (validate, diff,
/// review, convert, who-can, access).
enum SnapshotFile {
    /// The largest snapshot read: about ten times the 305 MB a 100,000-user tenant gives. A bigger file is
    /// refused from its size alone, before any of it is loaded.
    static let sizeLimit: Int64 = 4 << 30
    /// Files above this size are sniffed (first and last bytes) before they are read whole.
    static let sniffAbove: Int64 = 1 << 20
    /// How far from the end the `"schema": "clerk-grants.snapshot"` member must appear: keys are in
    /// code-point order, so `schema`, `schema_version`, `source` and `tool` close every snapshot.
    static let tailWindow = 64 << 10

    static func read(_ path: String, context: CommandContext) throws(CLIError) -> Data {
        do {
            return try InputFile.read(
                context.url(forPath: path), limit: sizeLimit, limitDescription: "4 GiB for a snapshot", accepts: looksLikeSnapshot
            ).bytes
        } catch {
            throw .inputUnreadable(path: path, reason: error.reason)
        }
    }

    /// Reads and validates (every command that consumes a snapshot refuses a corrupt, foreign or tampered
    /// one) into the byte index the read-side commands work from: the file as it stands
    /// when the indexer reads it (every file this tool writes), else decoded whole by the validator, which
    /// refuses an invalid one with every problem, and indexed after encoding canonically.
    static func load(_ path: String, context: CommandContext) throws(CLIError) -> IndexedSnapshot {
        let data = try read(path, context: context)
        if let indexed = IndexedSnapshot(data) { return indexed }
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotDecoder.decode(data)
        } catch {
            throw .invalidSnapshot(path: path, problem: error)
        }
        guard let indexed = IndexedSnapshot(encoding: snapshot) else {
            throw .inputUnreadable(path: path, reason: "a valid snapshot, but too large for the byte index (4 GiB of canonical JSON at most)")
        }
        return indexed
    }

    /// A large file must open with `{` and end with the snapshot's schema name, or it is not read at all.
    /// Small files are read whole, so the validator can say exactly what is wrong with them.
    private static func looksLikeSnapshot(_ descriptor: Int32, _ size: Int64) -> String? {
        guard size > sniffAbove else { return nil }
        let head = InputFile.peek(descriptor, at: 0, count: 4096)
        let firstByte = head.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        let tail = InputFile.peek(descriptor, at: max(0, size - Int64(tailWindow)), count: tailWindow)
        let schemaName = Array(#""clerk-grants.snapshot""#.utf8)
        guard firstByte == UInt8(ascii: "{"), contains(tail, schemaName) else {
            return "it is \(size) bytes and does not look like a clerk-grants snapshot (it must open with '{' and end with the \"schema\" member); it was not read whole"
        }
        return nil
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
