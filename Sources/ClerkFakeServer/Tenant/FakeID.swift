/// Clerk-shaped ids (`user_` + 27 base62 characters). The last 7 characters encode the object's index, so
/// ids of one kind are unique by construction rather than by luck.
enum FakeID {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func make(_ prefix: String, index: Int, random: inout SeededRandom) -> String {
        precondition(index >= 0)
        var characters = [UInt8]()
        characters.reserveCapacity(27)
        // Clerk's ids start with a digit that encodes their version; "2" is what current instances issue.
        characters.append(UInt8(ascii: "2"))
        for _ in 0..<19 {
            characters.append(alphabet[random.below(alphabet.count)])
        }
        var remaining = index
        var indexCharacters = [UInt8](repeating: alphabet[0], count: 7)
        for position in stride(from: 6, through: 0, by: -1) {
            indexCharacters[position] = alphabet[remaining % alphabet.count]
            remaining /= alphabet.count
        }
        precondition(remaining == 0, "index too large for a fake id")
        characters.append(contentsOf: indexCharacters)
        return prefix + String(decoding: characters, as: UTF8.self)
    }
}
