/// How the records of one kind line up between two sides walked in id order: positions only the old side
/// has, positions only the new side has, and same-id pairs whose records may differ.
struct RecordMatch {
    enum Section {
        case resources, entitlements, grants
    }

    var removed: [Int] = []
    var added: [Int] = []
    var differing: [(old: Int, new: Int)] = []

    /// Merges two id-ordered lists. `compare` orders old position `i` against new position `j` (negative,
    /// zero or positive); `identical` says a same-id pair certainly has equal records.
    @inline(__always)
    static func merge(
        oldCount: Int, newCount: Int, compare: (Int, Int) -> Int, identical: (Int, Int) -> Bool
    ) -> RecordMatch {
        var match = RecordMatch()
        var i = 0
        var j = 0
        while i < oldCount || j < newCount {
            if j == newCount {
                match.removed.append(i)
                i += 1
            } else if i == oldCount {
                match.added.append(j)
                j += 1
            } else {
                let order = compare(i, j)
                if order == 0 {
                    if !identical(i, j) { match.differing.append((i, j)) }
                    i += 1
                    j += 1
                } else if order < 0 {
                    match.removed.append(i)
                    i += 1
                } else {
                    match.added.append(j)
                    j += 1
                }
            }
        }
        return match
    }
}
