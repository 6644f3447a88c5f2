import Foundation
@testable import RampDriver
import XCTest

/// The wording of write failures, checked without a failing system call
/// because the tests may run as root, whom permissions do not stop.
final class WriteFailureMessageTests: XCTestCase {
    func testDeniedWriteGivesNextStep() {
        let error = OutputError.writeFailure("out/sub", errorNumber: EACCES)

        XCTAssertEqual(error.diagnostic.message, "cannot write 'out/sub': Permission denied; make the directory writable or pass another one with '-o'")
    }

    func testReadOnlyFileSystemGivesNextStep() {
        let error = OutputError.writeFailure("out", errorNumber: EROFS)

        XCTAssertEqual(error.diagnostic.message, "cannot write 'out': Read-only file system; make the directory writable or pass another one with '-o'")
    }

    func testOtherFailureKeepsReason() {
        let error = OutputError.writeFailure("out", errorNumber: ENOSPC)

        XCTAssertEqual(error.diagnostic.message, "cannot write 'out': No space left on device")
    }
}
