/// "Did you mean" suggestions and lists of valid names, for messages about an
/// unknown name in a contract, a manifest or on the command line.
public enum NameSuggestion {
    /// The maximum length of a name that gets a suggestion: the maximum length
    /// of a Kubernetes name (a DNS-1123 subdomain). A longer name is not a
    /// typo of a valid one, and comparing it would cost time and memory for
    /// nothing.
    public static let maxNameLength = 253

    /// Returns the candidate closest to `name` when it is close enough to be
    /// a likely typo: at most `maxDistance` edits, by default a third of the
    /// name's length (at least 1) and at most 3. A candidate equal to `name`
    /// is skipped, and of equally close candidates the one that sorts first
    /// wins. With `ignoringCase`, letters are compared in lowercase.
    public static func closest(
        to name: String, in candidates: [String], maxDistance: Int? = nil, ignoringCase: Bool = false
    ) -> String? {
        let typed = Array(ignoringCase ? name.lowercased() : name)
        guard typed.count <= maxNameLength else { return nil }
        let limit = maxDistance ?? min(3, max(1, typed.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() where candidate != name {
            let letters = Array(ignoringCase ? candidate.lowercased() : candidate)
            // The distance is at least the difference in length.
            guard abs(letters.count - typed.count) <= limit else { continue }
            let distance = editDistance(typed, letters)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Returns `names` sorted, quoted with `QuotedText` and joined with commas. After `limit`
    /// names the rest are counted, so that a message stays one readable line.
    public static func list(_ names: [String], limit: Int = 10) -> String {
        let sorted = names.sorted()
        let quotedNames = sorted.prefix(limit).map(QuotedText.quote).joined(separator: ", ")
        let omittedCount = sorted.count - min(limit, sorted.count)
        return omittedCount == 0 ? quotedNames : quotedNames + " and \(omittedCount) more"
    }

    /// Computes the optimal string alignment distance: insertions,
    /// deletions, substitutions and swaps of two adjacent characters each
    /// cost one, because a swap is the most common typo. Keeps three rows of
    /// the table, so memory grows with the length of `b` only.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
