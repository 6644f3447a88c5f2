import Dispatch

/// Returns the results of two computations that share nothing, each run on
/// a core of its own when there are two.
public func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    // Safe to share: each iteration writes one of the two results, and
    // `concurrentPerform` returns only after both finish.
    nonisolated(unsafe) var firstResult: First?
    nonisolated(unsafe) var secondResult: Second?
    DispatchQueue.concurrentPerform(iterations: 2) { iteration in
        if iteration == 0 {
            firstResult = first()
        } else {
            secondResult = second()
        }
    }
    return (firstResult!, secondResult!)
}
