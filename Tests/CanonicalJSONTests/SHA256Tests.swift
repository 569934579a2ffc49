@testable import CanonicalJSON
import Foundation
import GoldenFiles
import Testing

@Suite struct SHA256Tests {
    /// Which compression a hasher uses. The hardware cases exist only where the CPU has the SHA extensions;
    /// `hardwareMatchesSoftware` is then skipped with a note saying so.
    enum Path: String, CaseIterable, Sendable {
        case software, hardware
    }

    static let paths: [Path] = SHA256.hardwareAvailable ? [.software, .hardware] : [.software]

    static func hasher(_ path: Path) -> SHA256 {
        var hasher = SHA256()
        hasher.usesHardware = path == .hardware
        return hasher
    }

    static func hexDigest(_ bytes: [UInt8], _ path: Path) -> String {
        var hasher = hasher(path)
        hasher.update(bytes)
        return SHA256.hex(hasher.finalize())
    }

    // NIST example vectors: FIPS 180-2 appendix B ("abc", 448 bits, a million "a"s) and the 896-bit message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ], paths)
    func matchesFIPSVectors(vector: (message: String, digest: String), path: Path) {
        #expect(Self.hexDigest(Array(vector.message.utf8), path) == vector.digest)
    }

    @Test(arguments: paths)
    func matchesOneMillionAs(path: Path) {
        let digest = Self.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), path)
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func defaultsToTheHardwareWhereAvailable() {
        #expect(SHA256().usesHardware == SHA256.hardwareAvailable)
        var hasher = SHA256()
        hasher.usesHardware = true
        #expect(hasher.usesHardware == SHA256.hardwareAvailable)
    }

    #if os(Linux) && arch(x86_64)
    /// Guards the CPUID check itself: a detection bug would otherwise pass every test on the Swift path.
    @Test func detectsTheSHAExtensionsTheKernelReports() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        let expected = flags.isSuperset(of: ["sha_ni", "sse4_1", "ssse3"])
        #expect(SHA256.hardwareAvailable == expected)
    }
    #endif

    @Test func incrementalUpdatesEqualOneShot() {
        let message = Array(String(repeating: "clerk-grants ", count: 1000).utf8)
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 5] where offset < message.count {
            let end = min(message.count, offset + size)
            hasher.update(Array(message[offset..<end]))
            offset = end
        }
        hasher.update(Array(message[offset...]))
        #expect(SHA256.hex(hasher.finalize()) == SHA256.hex(SHA256.hash(message)))
    }

    /// Every length around the block and padding boundaries, and a few inputs long enough for multi-block
    /// runs, each hashed in one call and in random-sized chunks by both compressions.
    @Test(.enabled(if: SHA256.hardwareAvailable, "this CPU lacks the SHA extensions, so only the Swift path is tested"))
    func hardwareMatchesSoftware() throws {
        var random = SplitMix64(seed: 0x5348_415f_4e49)
        let lengths = Array(0...300) + [1 << 20, 3_000_017, (4 << 20) + 63]
        for length in lengths {
            let bytes = Self.randomBytes(length, using: &random)
            let maxChunk = length > 300 ? 1 << 17 : 80
            let chunks = Self.randomChunks(of: length, maxChunk: maxChunk, using: &random)
            let software = Self.digest(bytes, chunks: [length], .software)
            // #require stops at the first bad length rather than reporting hundreds.
            try #require(Self.digest(bytes, chunks: [length], .hardware) == software, "length \(length), one call")
            try #require(Self.digest(bytes, chunks: chunks, .software) == software, "length \(length), chunked")
            try #require(Self.digest(bytes, chunks: chunks, .hardware) == software, "length \(length), chunked")
        }
    }

    static func randomBytes(_ count: Int, using random: inout SplitMix64) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            for start in stride(from: 0, to: count, by: 8) {
                withUnsafeBytes(of: random.next()) { word in
                    buffer[start..<min(count, start + 8)].copyBytes(from: word.prefix(count - start))
                }
            }
        }
        return bytes
    }

    static func randomChunks(of length: Int, maxChunk: Int, using random: inout SplitMix64) -> [Int] {
        var chunks: [Int] = []
        var remaining = length
        while remaining > 0 {
            // Mostly small chunks, which exercise the partial-block buffer, with some large ones between.
            let limit = Bool.random(using: &random) ? min(maxChunk, 70) : maxChunk
            let chunk = min(remaining, Int.random(in: 0...limit, using: &random))
            chunks.append(chunk)
            remaining -= chunk
        }
        return chunks
    }

    static func digest(_ bytes: [UInt8], chunks: [Int], _ path: Path) -> [UInt8] {
        var hasher = hasher(path)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            for chunk in chunks {
                hasher.update(UnsafeBufferPointer(rebasing: buffer[offset..<offset + chunk]))
                offset += chunk
            }
        }
        return hasher.finalize()
    }

    // RFC 4231 test cases 1 and 2.
    @Test(arguments: [
        (
            [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
    ])
    func hmacMatchesRFC4231(vector: (key: [UInt8], message: [UInt8], mac: String)) {
        #expect(SHA256.hex(SHA256.hmac(key: vector.key, message: vector.message)) == vector.mac)
    }
}
