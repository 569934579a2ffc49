import CanonicalJSON
import Foundation

/// The HMAC a snapshot may carry (1.2 `signature`, `export --sign-key-file`), and the digests it is built on.
///
/// The signature cannot be inside the bytes it signs, so it signs the file with its own line left out:
/// the **sealed digest** is SHA-256 over the file's bytes with the one line that begins
/// `  "signature": ` (two spaces, the quoted name, a colon and a space: a top-level member, since records
/// are indented four) removed, from its first byte through its line feed. The signature is
/// `hmac-sha256:` + hex of HMAC-SHA256(key, `sha256:` + hex of the sealed digest), the key being the key
/// file's bytes exactly. A file with no such line, or more than one, has no signature to check. So
/// `grep -v '^  "signature": ' FILE | sha256sum` gives the sealed digest by hand.
public enum SnapshotSeal {
    public static let scheme = "hmac-sha256:"
    /// The start of the signature's line.
    public static let linePrefix = Array(#"  "signature": "#.utf8)
    /// A key shorter than this is refused: an HMAC is only as strong as its key.
    public static let minimumKeyLength = 16

    /// `sha256:` + hex of `bytes`: a stored file's digest as a chain link records it.
    public static func fileDigest(_ bytes: Data) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update($0.bindMemory(to: UInt8.self)) }
        return SnapshotDigest.text(hasher.finalize())
    }

    /// `hmac-sha256:<hex>` for a file whose sealed digest is `sealedDigest`.
    public static func signature(key: [UInt8], sealedDigest: [UInt8]) -> String {
        scheme + SHA256.hex(mac(key: key, sealedDigest: sealedDigest))
    }

    /// The signature line as the encoder writes it (`null` when unsigned), with its comma and line feed.
    static func line(_ signature: String?) -> [UInt8] {
        linePrefix + Array((signature.map { "\"\($0)\"" } ?? "null").utf8) + Array(",\n".utf8)
    }

    /// What checking a file's signature with a key found.
    public enum Verdict: Sendable, Equatable {
        /// The signature is the key's HMAC of the sealed digest.
        case valid
        /// The file says `"signature": null`: written without a key.
        case unsigned
        /// The file has no single signature line (an earlier version, or a file laid out otherwise).
        case noSignatureLine
        /// The signature is not the key's HMAC: the file changed after it was signed, or another key signed it.
        case mismatch

        /// A sentence for a person, after the file's name.
        public var explanation: String {
            switch self {
            case .valid: return "signature valid"
            case .unsigned: return "not signed (\"signature\": null): it was written without --sign-key-file"
            case .noSignatureLine:
                return "no signature: a snapshot of version 1.2 or later written by export holds one \"signature\" line; this file has none, or more than one"
            case .mismatch:
                return "the signature does not match: the file was changed after it was signed (a recomputed digest does not help without the key), or it was signed with another key"
            }
        }
    }

    /// Checks the signature of `data` with `key`, comparing the MACs in constant time.
    public static func verify(_ data: Data, key: [UInt8]) -> Verdict {
        guard let sealed = sealed(data) else { return .noSignatureLine }
        guard let stated = sealed.signature else { return .unsigned }
        guard let statedMAC = macBytes(stated) else { return .mismatch }
        return constantTimeEqual(statedMAC, mac(key: key, sealedDigest: sealed.digest)) ? .valid : .mismatch
    }

    /// The sealed digest of `data` and the signature its line states (nil for `null`, or a value that is not
    /// a string); nil when the file has no single signature line.
    public static func sealed(_ data: Data) -> (digest: [UInt8], signature: String?)? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (digest: [UInt8], signature: String?)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
            var found: Range<Int>?
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let newline = memchr(base + start, 0x0A, bytes.count - start) {
                    end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                }
                if end - start >= linePrefix.count, linePrefix.indices.allSatisfy({ bytes[start + $0] == linePrefix[$0] }) {
                    guard found == nil else { return nil }
                    found = start..<min(end + 1, bytes.count)
                }
                start = end + 1
            }
            guard let line = found else { return nil }
            var hasher = SHA256()
            hasher.update(UnsafeBufferPointer(rebasing: bytes[..<line.lowerBound]))
            hasher.update(UnsafeBufferPointer(rebasing: bytes[line.upperBound...]))
            let valueBytes = UnsafeBufferPointer(rebasing: bytes[(line.lowerBound + linePrefix.count)..<line.upperBound])
            var text = Substring(String(decoding: valueBytes, as: UTF8.self))
            while let last = text.last, last == "\n" || last == "," || last == " " { text = text.dropLast() }
            var signature: String?
            if text.count > 2, text.first == "\"", text.last == "\"" { signature = String(text.dropFirst().dropLast()) }
            return (hasher.finalize(), signature)
        }
    }

    /// `sha256:` and 64 lowercase hex digits.
    public static func isDigest(_ text: String) -> Bool {
        text.hasPrefix("sha256:") && isHex(text.utf8.dropFirst("sha256:".count), count: 64)
    }

    /// `hmac-sha256:` and 64 lowercase hex digits.
    public static func isSignature(_ text: String) -> Bool {
        text.hasPrefix(scheme) && isHex(text.utf8.dropFirst(scheme.utf8.count), count: 64)
    }

    private static func isHex(_ digits: Substring.UTF8View, count: Int) -> Bool {
        digits.count == count
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    private static func mac(key: [UInt8], sealedDigest: [UInt8]) -> [UInt8] {
        SHA256.hmac(key: key, message: Array(SnapshotDigest.text(sealedDigest).utf8))
    }

    private static func macBytes(_ signature: String) -> [UInt8]? {
        guard isSignature(signature) else { return nil }
        let digits = Array(signature.utf8.dropFirst(scheme.utf8.count))
        func value(_ digit: UInt8) -> UInt8 { digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10 }
        return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
    }

    /// Equal bytes, in a time that depends on the length only: a forger learns nothing from how long a
    /// rejection took.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
