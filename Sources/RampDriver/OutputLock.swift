import Foundation

/// An exclusive `flock` lock on `.ramp.lock` in the output directory, so
/// that two builds into one directory cannot interleave their writes.
///
/// The lock belongs to the open file description, so the kernel releases it
/// when the process exits in any way. A crashed build never leaves a stale
/// lock. `release()` also deletes the lock file, so that the output
/// directory contains only generated files.
final class OutputLock {
    static let fileName = ".ramp.lock"

    private let directory: OutputDirectory
    private var descriptor: Int32

    private init(directory: OutputDirectory, descriptor: Int32) {
        self.directory = directory
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Takes the lock without waiting, or throws `outputLocked` when another
    /// open file description holds it.
    static func acquire(in directory: OutputDirectory) throws(OutputError) -> OutputLock {
        // A holder may delete the lock file between our open and our flock.
        // The lock we then hold is on a file that no other build can find,
        // so retry with the file that is now at the path.
        for _ in 0..<5 {
            let descriptor = try openLockFile(in: directory)
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let lockError = errno
                close(descriptor)
                if lockError == EWOULDBLOCK || lockError == EAGAIN {
                    throw OutputError(.outputLocked(directory.path, lockFile: directory.displayPath(fileName)))
                }
                let reason = "flock on its lock file '\(fileName)' failed (\(String(cString: strerror(lockError)))); "
                    + "pass a directory on a file system that supports flock with '-o'"
                throw OutputError(.outputLockFailed(directory.path, reason: reason))
            }
            if isStillAtPath(descriptor, in: directory) {
                return OutputLock(directory: directory, descriptor: descriptor)
            }
            close(descriptor)
        }
        throw OutputError(.outputLocked(directory.path, lockFile: directory.displayPath(fileName)))
    }

    private static func openLockFile(in directory: OutputDirectory) throws(OutputError) -> Int32 {
        let descriptor = openat(directory.descriptor, fileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor < 0 else { return descriptor }
        let openError = errno
        if case .symbolicLink(let target)? = OutputDirectory.kind(of: fileName, in: directory.descriptor) {
            throw OutputError(.outputFileSymbolicLink(directory.displayPath(fileName), target: target))
        }
        var reason = "its lock file '\(fileName)' cannot be created or opened (\(String(cString: strerror(openError))))"
        if openError == EACCES || openError == EROFS {
            reason += "; make the directory writable or pass another one with '-o'"
        }
        throw OutputError(.outputLockFailed(directory.path, reason: reason))
    }

    private static func isStillAtPath(_ descriptor: Int32, in directory: OutputDirectory) -> Bool {
        var opened = stat()
        var current = stat()
        guard fstat(descriptor, &opened) == 0,
              fstatat(directory.descriptor, fileName, &current, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
        return opened.st_dev == current.st_dev && opened.st_ino == current.st_ino
    }

    /// Deletes the lock file and releases the lock; later calls do nothing.
    func release() {
        guard descriptor >= 0 else { return }
        unlinkat(directory.descriptor, OutputLock.fileName, 0)
        close(descriptor)
        descriptor = -1
    }
}
