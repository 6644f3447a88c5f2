import Foundation

/// A computation that runs on another thread while the caller goes on,
/// and whose result the caller waits for once.
final class BackgroundTask<Result: Sendable>: @unchecked Sendable {
    // `result` is written once on the worker, before `signal`, and read only
    // after `wait` returns, so the semaphore orders the two accesses.
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result?

    /// Starts `work` on a thread of its own. The thread is outside the
    /// dispatch pool, so a caller that waits on a pool thread cannot keep
    /// the work from starting, and the pool stays free for the caller's
    /// own concurrent loops.
    init(_ work: @escaping @Sendable () -> Result) {
        let thread = Thread {
            self.result = work()
            self.finished.signal()
        }
        thread.start()
    }

    /// Blocks until the work has finished and returns its result.
    func wait() -> Result {
        finished.wait()
        return result!
    }
}
