import RampIR

/// The dependencies of a program in the order they are written: by file,
/// then position, then client.
///
/// It reads the program's array through a sorted list of positions instead
/// of sorting a copy, which would hold every dependency a second time while
/// the checks run.
struct SourceOrderedDependencies: RandomAccessCollection {
    private let all: [Dependency]
    private let order: [Int]

    init(_ dependencies: [Dependency]) {
        all = dependencies
        order = dependencies.indices.sorted { left, right in
            SourceOrderedDependencies.precedes(dependencies[left], dependencies[right])
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { order.count }

    subscript(position: Int) -> Dependency {
        all[order[position]]
    }

    private static func precedes(_ left: Dependency, _ right: Dependency) -> Bool {
        if left.origin != right.origin { return left.origin < right.origin }
        guard let leftClient = left.clientOrigin, let rightClient = right.clientOrigin else { return false }
        return leftClient < rightClient
    }
}
