import RampLowering

extension Array where Element: Sendable {
    /// Returns `transform` applied to every element, in order, computing
    /// the elements on all processor cores, one element per work item.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let elements = self
        return ConcurrentIndices.map(count: count, itemSize: 1) { transform(elements[$0]) }
    }
}
