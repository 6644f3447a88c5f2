/// Numbers distinct port sets so that both policy sets of a comparison can
/// store and compare them as integers, and remembers unions already formed.
/// Large comparisons form the same few sets over and over.
final class PortSetTable {
    static let emptyID = 0
    static let allID = 1

    private var sets: [PortSet] = [.empty, .all]
    private var ids: [PortSet: Int] = [.empty: 0, .all: 1]
    private var unions: [UInt64: Int] = [:]
    private var namelessIDs: [Int: Int] = [:]

    subscript(id: Int) -> PortSet { sets[id] }

    /// Returns a table with the same sets under the same IDs, to which
    /// another thread can add its own.
    func copy() -> PortSetTable {
        let copy = PortSetTable()
        copy.sets = sets
        copy.ids = ids
        copy.unions = unions
        copy.namelessIDs = namelessIDs
        return copy
    }

    func id(of set: PortSet) -> Int {
        if let id = ids[set] { return id }
        sets.append(set)
        ids[set] = sets.count - 1
        return sets.count - 1
    }

    func union(_ first: Int, _ second: Int) -> Int {
        if first == second || second == Self.emptyID || first == Self.allID { return first }
        if first == Self.emptyID || second == Self.allID { return second }
        let key = UInt64(min(first, second)) << 32 | UInt64(max(first, second))
        if let id = unions[key] { return id }
        let id = id(of: sets[first].union(sets[second]))
        unions[key] = id
        return id
    }

    /// Returns the set with port names dropped, for a destination outside the cluster.
    func withoutNames(_ id: Int) -> Int {
        if let nameless = namelessIDs[id] { return nameless }
        let nameless = self.id(of: sets[id].withoutNames)
        namelessIDs[id] = nameless
        return nameless
    }
}
