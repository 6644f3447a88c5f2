import Dispatch
import RampSource

extension PolicyPlan {
    /// Objects per work item: enough that scheduling costs little next to
    /// the rewrite, few enough that the items spread over all cores. The
    /// value is an estimate, not tuned on more than two cores.
    static let objectsPerWorkItem = 64

    /// Applies `rewrite` to every object, on all cores. The result is the
    /// same as a loop in plan order, because `rewrite` reads and writes only the object
    /// it changes and each object is written by exactly one work item.
    mutating func rewriteEachObject(_ rewrite: @Sendable (inout PlanObject) -> Void) {
        rewriteEachObject { _, object in rewrite(&object) }
    }

    /// Applies `rewrite` to every object and its index in plan order, on
    /// all cores, under the terms of `rewriteEachObject(_:)`.
    mutating func rewriteEachObject(_ rewrite: @Sendable (Int, inout PlanObject) -> Void) {
        let count = objects.count
        objects.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: the work items write disjoint index ranges, and
            // `concurrentPerform` returns only after all of them finish.
            nonisolated(unsafe) let shared = buffer
            PolicyPlan.forEachWorkItem(count: count) { range in
                for index in range { rewrite(index, &shared[index]) }
            }
        }
    }

    /// Returns `transform` of every object in plan order, computed on all cores.
    func mapEachObject<Result>(_ transform: @Sendable (PlanObject) -> Result) -> [Result] {
        PolicyPlan.mapConcurrently(objects, transform)
    }

    /// Returns `transform` of every element in order, computed on all cores.
    static func mapConcurrently<Element: Sendable, Result>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        ConcurrentIndices.map(count: elements.count, itemSize: objectsPerWorkItem) { transform(elements[$0]) }
    }

    /// Splits `0..<count` into work items and runs `body` on each, in
    /// parallel when there is more than one.
    private static func forEachWorkItem(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let itemCount = (count + objectsPerWorkItem - 1) / objectsPerWorkItem
        guard itemCount > 1 else {
            body(0..<count)
            return
        }

        DispatchQueue.concurrentPerform(iterations: itemCount) { item in
            let start = item * objectsPerWorkItem
            body(start..<min(start + objectsPerWorkItem, count))
        }
    }
}
