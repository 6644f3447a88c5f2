/// "Did you mean" suggestions and lists of valid names, for messages about a
/// name given on the command line.
public enum NameSuggestion {
    /// Returns the first candidate with the smallest edit distance to
    /// `name`, if that distance is at most a third of the name's length (at
    /// least 1).
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance($0, name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    /// Returns `names` sorted, quoted with `QuotedText` and joined with commas. After `limit`
    /// names the rest are counted, so that a message stays one readable line.
    public static func list(_ names: [String], limit: Int = 10) -> String {
        let sorted = names.sorted()
        let quotedNames = sorted.prefix(limit).map(QuotedText.quote).joined(separator: ", ")
        let omittedCount = sorted.count - min(limit, sorted.count)
        return omittedCount == 0 ? quotedNames : quotedNames + " and \(omittedCount) more"
    }

    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left.unicodeScalars)
        let b = Array(right.unicodeScalars)
        guard !a.isEmpty else { return b.count }

        // Levenshtein distance, keeping one row of the table at a time.
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
