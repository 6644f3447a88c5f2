import Dispatch

/// Maps indices to values on all cores, in work items of consecutive indices.
/// It is public so that every module maps concurrently with this one copy
/// of the unsafe buffer code.
public enum ConcurrentIndices {
    /// Returns `transform(index)` for every index in `0..<count`, in index
    /// order. Work items of `itemSize` indices run in parallel when there is
    /// more than one. The result does not depend on the schedule, because
    /// each index is computed once and written to its own slot.
    public static func map<Result>(count: Int, itemSize: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
        let itemCount = (count + itemSize - 1) / itemSize
        return [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            // Safe to share: each work item initializes a disjoint index
            // range, and `concurrentPerform` returns only after all finish.
            nonisolated(unsafe) let shared = buffer
            if itemCount > 1 {
                DispatchQueue.concurrentPerform(iterations: itemCount) { item in
                    let start = item * itemSize
                    for index in start..<min(start + itemSize, count) {
                        (shared.baseAddress! + index).initialize(to: transform(index))
                    }
                }
            } else {
                for index in 0..<count {
                    (shared.baseAddress! + index).initialize(to: transform(index))
                }
            }
            initializedCount = count
        }
    }
}

extension Array where Element: Sendable {
    /// Returns `transform` applied to every element, in order, computing
    /// the elements on all processor cores, one element per work item.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let elements = self
        return ConcurrentIndices.map(count: count, itemSize: 1) { transform(elements[$0]) }
    }
}
