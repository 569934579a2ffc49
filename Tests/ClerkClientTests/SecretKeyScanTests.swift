import ClerkClient
import Foundation
import GoldenFiles
import Testing

/// `SecretKey.occurs(in: Data)` guards every page before it is decoded or recorded; its skipping search
/// must agree with the plainest search there is on bodies built to trip it: the key at the very start and
/// end, cut short by one byte, with one byte changed, and near-copies that share its prefix.
@Suite struct SecretKeyScanTests {
    static let text = "sk_test_FAKE-unitTestKeyNotReal0123456789abcdef"
    static let key = SecretKey(text)!

    static func naive(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    @Test func agreesWithANaiveSearch() {
        var random = SplitMix64(seed: 16)
        let needle = Array(Self.text.utf8)
        let alphabet = Array(#"sk_tes{}":,0123456789abcdefFAKE-"#.utf8)
        var found = 0
        for round in 0..<3_000 {
            var body = (0..<Int(random.next() % 300)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            var piece = needle
            switch round % 5 {
            case 0: break
            case 1: piece.removeLast()
            case 2: piece[Int(random.next() % UInt64(piece.count))] ^= 1
            case 3: piece = Array(piece.prefix(Int(random.next() % UInt64(piece.count))))
            default: piece = []
            }
            let at = body.isEmpty ? 0 : Int(random.next() % UInt64(body.count + 1))
            body.insert(contentsOf: piece, at: at)
            let expected = Self.naive(needle, in: body)
            #expect(Self.key.occurs(in: Data(body)) == expected, "\(String(decoding: body, as: UTF8.self))")
            if expected { found += 1 }
        }
        #expect(found >= 600)
        #expect(Self.key.occurs(in: Data(needle)))
        #expect(Self.key.occurs(in: Data(needle + [0x20])))
        #expect(Self.key.occurs(in: Data([0x20] + needle)))
        #expect(!Self.key.occurs(in: Data(needle.dropLast())))
        #expect(!Self.key.occurs(in: Data()))
    }
}
