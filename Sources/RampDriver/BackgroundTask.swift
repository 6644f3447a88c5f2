import Dispatch

/// A computation that runs on another thread while the caller goes on,
/// and whose result the caller waits for once.
final class BackgroundTask<Result: Sendable>: @unchecked Sendable {
    // `result` is written once on the worker, before `leave`, and read only
    // after `wait` returns, so the group orders the two accesses.
    private let group = DispatchGroup()
    private var result: Result?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Result) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.group.leave()
        }
    }

    /// Blocks until the work has finished and returns its result.
    func wait() -> Result {
        group.wait()
        return result!
    }
}
