/// "Did you mean": the declared word nearest to a mistyped one, by edit distance with adjacent
/// transpositions (`--outptu` is one step from `--output`, `expor` one from `export`).
enum NearMiss {
    /// Words longer than this are junk, not typos: nothing is suggested and nothing quadratic is computed.
    static let longestWord = 64
    /// A shorter beginning (without dashes) names too little to suggest the one word it starts.
    static let minimumPrefix = 3

    /// The one candidate the word begins (`--redact-key` for `--redact-key-file`), else the nearest
    /// candidate within a third of the word's length (at least 1, at most 3 edits), else nil. Ties go to
    /// the earlier candidate, so the suggestion is stable.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let typed = Array(word.unicodeScalars)
        guard !typed.isEmpty, typed.count <= longestWord else { return nil }
        let extended = candidates.filter { $0.hasPrefix(word) && $0 != word }
        if word.drop(while: { $0 == "-" }).count >= minimumPrefix, extended.count == 1 { return extended[0] }
        let allowed = min(3, max(1, typed.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, before[j - 2] + 1)
                }
                current[j] = distance
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
