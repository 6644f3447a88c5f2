import Foundation

extension OutputWriter {
    /// Copies the permission bits of the file at `target` to the temporary
    /// file that will replace it, so that a mode set by hand (such as 0444 or
    /// 0640) survives a build, as it does a GNU `sed -i` (checked with 4.9).
    /// When there is no file at `target`, the temporary file keeps the mode
    /// it was created with. When this fails, the temporary file is deleted.
    static func copyPermissions(of target: String, to temporary: String, in output: OutputDirectory) throws(OutputError) {
        var status = stat()
        guard fstatat(output.descriptor, target, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return }
            throw failure(errno, target: target, temporary: temporary, in: output)
        }
        // Only the read, write and execute bits, because the set-user-ID,
        // set-group-ID and sticky bits mean nothing on a manifest.
        guard fchmodat(output.descriptor, temporary, status.st_mode & 0o777, 0) == 0 else {
            throw failure(errno, target: target, temporary: temporary, in: output)
        }
    }

    /// Deletes the temporary file and returns the error to throw for `target`.
    private static func failure(_ errorNumber: Int32, target: String, temporary: String, in output: OutputDirectory) -> OutputError {
        try? output.removeFile(temporary)
        return .writeFailure(output.displayPath(target), errorNumber: errorNumber)
    }
}
