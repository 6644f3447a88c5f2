/// Lists of integers, each in ascending order, read as one ascending list
/// without building it, as the indexes of candidates by several keys need.
public enum AscendingLists {
    /// Returns the first value below `limit`, in ascending order over all
    /// `lists`, that satisfies `predicate`. A value in several lists is
    /// tested once for each.
    public static func first(in lists: [[Int]], below limit: Int = .max, where predicate: (Int) -> Bool) -> Int? {
        var offsets = [Int](repeating: 0, count: lists.count)
        while true {
            var smallest: Int?
            for list in lists.indices where offsets[list] < lists[list].count {
                if smallest.map({ lists[list][offsets[list]] < lists[$0][offsets[$0]] }) ?? true { smallest = list }
            }
            guard let list = smallest else { return nil }
            let value = lists[list][offsets[list]]
            guard value < limit else { return nil }
            offsets[list] += 1
            if predicate(value) { return value }
        }
    }
}
