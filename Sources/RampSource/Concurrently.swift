/// Returns the results of two computations that share nothing, each run on
/// a core of its own when there are two.
public func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    // Both run through the one concurrent map, which owns the unsafe code.
    let results = ConcurrentIndices.map(count: 2, itemSize: 1) { index in
        index == 0 ? EitherResult<First, Second>.first(first()) : .second(second())
    }
    guard case .first(let firstResult) = results[0], case .second(let secondResult) = results[1] else {
        preconditionFailure("the concurrent map returns its results in index order")
    }
    return (firstResult, secondResult)
}

/// The result of one of the two computations of `concurrently`.
private enum EitherResult<First, Second> {
    case first(First)
    case second(Second)
}
