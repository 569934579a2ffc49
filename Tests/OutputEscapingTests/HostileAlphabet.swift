import GoldenFiles

/// Random strings drawn from the characters that attack each output format, mixed with plain letters,
/// from a seeded generator so a failing string can be reproduced from its seed.
enum HostileAlphabet {
    static let scalars: [Unicode.Scalar] = [
        "a", "Z", "0", " ", ",", ";", ".", ":", "/", "'", "\"", "\\", "`", "*", "_", "[", "]", "(", ")", "!", "#",
        "~", "|", "<", ">", "&", "=", "+", "-", "@", "{", "}", "%",
        "\u{0}", "\u{7}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}",
        "\u{9B}", "\u{9F}", "\u{A0}", "é", "\u{61C}", "\u{200B}", "\u{200E}", "\u{200F}", "\u{2028}", "\u{2029}",
        "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{FEFF}", "\u{FF1D}", "\u{FF20}", "😀", "\u{301}",
    ]

    /// `count` strings of 0 to 24 scalars each.
    static func strings(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<random.next(below: 25) { text.unicodeScalars.append(scalars[random.next(below: scalars.count)]) }
            return text
        }
    }
}
