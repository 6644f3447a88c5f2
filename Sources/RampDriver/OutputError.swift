import Foundation
import RampDiagnostics

/// A failure to write the output. Every case is an I/O problem, so the
/// build exits with status 2.
public struct OutputError: Error {
    public let message: DiagnosticMessage

    init(_ message: DiagnosticMessage) {
        self.message = message
    }

    /// Makes the error for a system call that failed to create, change or
    /// delete `path`, worded as "cannot write 'path': reason". A denied
    /// permission or a read-only file system gets a next step, because the
    /// user must change the directory or choose another one.
    static func writeFailure(_ path: String, errorNumber: Int32) -> OutputError {
        let reason = String(cString: strerror(errorNumber))
        guard [EACCES, EPERM, EROFS].contains(errorNumber) else {
            return OutputError(.outputUnwritable(path, reason: reason))
        }
        return OutputError(.outputUnwritable(path, reason: reason + "; make the directory writable or pass another one with '-o'"))
    }

    /// Makes the error for a system call that failed to list, examine or
    /// read `path`, worded as "cannot read 'path': reason".
    static func readFailure(_ path: String, errorNumber: Int32) -> OutputError {
        OutputError(.outputUnreadable(path, reason: String(cString: strerror(errorNumber))))
    }

    static func unwritable(_ path: String, reason: String) -> OutputError {
        OutputError(.outputUnwritable(path, reason: reason))
    }

    /// The diagnostic to report; it has no source location.
    public var diagnostic: Diagnostic {
        Diagnostic(message, at: nil)
    }
}
