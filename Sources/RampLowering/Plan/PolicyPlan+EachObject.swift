import Dispatch

extension PolicyPlan {
    /// Objects per work item: enough that scheduling costs little next to
    /// the rewrite, few enough that the items spread over all cores.
    static let objectsPerWorkItem = 64

    /// Applies `rewrite` to every object, on all cores. The result is the
    /// same as a loop in plan order, because `rewrite` sees only the object
    /// it changes and each object is written by exactly one work item.
    mutating func rewriteEachObject(_ rewrite: @Sendable (inout PlanObject) -> Void) {
        let count = objects.count
        let itemCount = (count + PolicyPlan.objectsPerWorkItem - 1) / PolicyPlan.objectsPerWorkItem
        guard itemCount > 1 else {
            for index in objects.indices { rewrite(&objects[index]) }
            return
        }

        objects.withUnsafeMutableBufferPointer { buffer in
            // Safe to share: the work items write disjoint index ranges, and
            // `concurrentPerform` returns only after all of them finish.
            nonisolated(unsafe) let shared = buffer
            DispatchQueue.concurrentPerform(iterations: itemCount) { item in
                let start = item * PolicyPlan.objectsPerWorkItem
                for index in start..<min(start + PolicyPlan.objectsPerWorkItem, count) {
                    rewrite(&shared[index])
                }
            }
        }
    }
}
