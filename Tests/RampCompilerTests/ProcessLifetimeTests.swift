import Foundation
import RampSource
import XCTest

/// Values handed to `ProcessLifetime.release` are freed, and not on the
/// thread that handed them over.
final class ProcessLifetimeTests: XCTestCase {
    /// Reports the thread it is freed on.
    private final class Tracked: Sendable {
        let freed: @Sendable (Thread) -> Void

        init(freed: @escaping @Sendable (Thread) -> Void) {
            self.freed = freed
        }

        deinit {
            freed(Thread.current)
        }
    }

    func testReleaseFreesOnAnotherThread() {
        let done = expectation(description: "freed")
        let caller = Thread.current
        nonisolated(unsafe) var freedOn: Thread?

        // No local keeps the value, so the other thread drops the last reference.
        ProcessLifetime.release([Tracked { thread in
            freedOn = thread
            done.fulfill()
        }])

        wait(for: [done], timeout: 30)
        XCTAssertNotNil(freedOn)
        XCTAssertFalse(freedOn === caller)
    }
}
