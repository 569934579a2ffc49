import CanonicalJSON
import Foundation

/// A Clerk secret key. It can only leave this type as an `Authorization` header value: its description
/// is redacted, so interpolating it into a message or log by mistake prints nothing secret.
public struct SecretKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace }) else { return nil }
        value = trimmed
    }

    public var authorizationHeader: String { "Bearer \(value)" }

    /// `sha256:` and 16 hex digits of the key's hash: identifies the instance across runs without
    /// revealing anything usable (the key is 40+ random characters, so the hash cannot be reversed).
    public var fingerprint: String {
        "sha256:" + String(SHA256.hexHash("clerk-grants instance fingerprint\n" + value).prefix(16))
    }

    /// Production keys may use more of the instance's budget than development keys.
    public var environment: Environment {
        if value.hasPrefix("sk_live_") { return .production }
        if value.hasPrefix("sk_test_") { return .development }
        return .unknown
    }

    public enum Environment: Sendable {
        case production
        case development
        case unknown

        /// A quarter of Clerk's documented per-instance limit (1000 or 100 requests per 10 s), so an export
        /// never starves the application that shares the budget.
        public var defaultRequestsPerSecond: Double {
            switch self {
            case .production: return 25
            case .development, .unknown: return 2.5
            }
        }
    }

    public var description: String { "<redacted Clerk secret key>" }
    public var debugDescription: String { description }
    /// `dump()` and debuggers read stored properties through the mirror; this one has none to show.
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// Whether some text contains this key (used to keep it out of anything written).
    public func occurs(in text: String) -> Bool { text.contains(value) }

    /// Whether a response body holds the key's bytes anywhere. A Boyer-Moore-Horspool scan: it looks at the
    /// byte under the key's last position and jumps ahead by up to the key's length, so a 500 KB page costs
    /// a few thousand steps. The `memchr`-then-`memcmp` loop before it stopped at every `s` (the keys'
    /// first byte, and one of the commonest in JSON), which made the check 3% of an export's CPU.
    package func occurs(in body: Data) -> Bool {
        var key = value
        return key.withUTF8 { needle in
            body.withUnsafeBytes { haystack in
                let length = needle.count
                guard let base = haystack.baseAddress?.assumingMemoryBound(to: UInt8.self), let needleBase = needle.baseAddress,
                    length > 0, haystack.count >= length
                else { return false }
                var shift = [Int](repeating: length, count: 256)
                for index in 0..<(length - 1) { shift[Int(needle[index])] = length - 1 - index }
                let last = needle[length - 1]
                var position = 0
                while position <= haystack.count - length {
                    let tail = base[position + length - 1]
                    if tail == last, memcmp(base + position, needleBase, length - 1) == 0 { return true }
                    position += shift[Int(tail)]
                }
                return false
            }
        }
    }

    /// `text` with every occurrence of the key replaced by `[redacted]`: for text a server sent back.
    package func redacting(in text: String) -> String {
        text.contains(value) ? text.replacingOccurrences(of: value, with: "[redacted]") : text
    }

    /// `body` with every occurrence of the key's bytes replaced by `[redacted]`: for a page about to be
    /// recorded, should a server have put the key in it. Inside a JSON string the result is still JSON.
    package func redacting(in body: Data) -> Data {
        let keyBytes = Data(value.utf8)
        guard body.range(of: keyBytes) != nil else { return body }
        var result = Data()
        var rest = body[...]
        while let found = rest.range(of: keyBytes) {
            result.append(rest[..<found.lowerBound])
            result.append(contentsOf: "[redacted]".utf8)
            rest = rest[found.upperBound...]
        }
        result.append(rest)
        return result
    }
}
