import Dispatch

extension Array where Element: Sendable {
    /// Returns `transform` applied to every element, in order, computing
    /// the elements on all processor cores. The result does not depend on
    /// the schedule, because each element is computed once into its own slot.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let elements = self
        return [Result](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            // Each iteration initializes only its own element of the buffer.
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                (base + index).initialize(to: transform(elements[index]))
            }
            initializedCount = elements.count
        }
    }
}
