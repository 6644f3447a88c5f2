/// "Did you mean" suggestions by edit distance.
enum Suggestions {
    /// The longest name that gets a suggestion: the longest Kubernetes name
    /// (a DNS-1123 subdomain). A longer name is not a typo of a valid one,
    /// and comparing it would cost time and memory for nothing.
    static let maxNameLength = 253

    /// Returns the candidate closest to `name` when it is close enough to be
    /// a likely typo: at most a third of the name's length (at least 1), and
    /// at most 3 edits.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let typed = Array(name)
        guard typed.count <= maxNameLength else { return nil }
        let limit = min(3, max(1, typed.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() where candidate != name {
            let letters = Array(candidate)
            // The distance is at least the difference in length.
            guard abs(letters.count - typed.count) <= limit else { continue }
            let distance = editDistance(typed, letters)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal string alignment distance: insertions, deletions,
    /// substitutions and swaps of two adjacent characters each cost one,
    /// because a swap is the most common typo. Keeps three rows of the
    /// table, so memory grows with the length of `b` only.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var twoBack = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], twoBack[j - 2] + 1)
                }
            }
            (twoBack, previous, row) = (previous, row, twoBack)
        }
        return previous[b.count]
    }
}
