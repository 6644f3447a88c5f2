import Foundation

/// An open output directory.
///
/// Every operation goes through the directory's file descriptor with
/// `openat`, `renameat` and `unlinkat`, and never follows a symbolic link.
/// Once the directory is open, nothing that ramp writes or deletes can land
/// outside it, even if a component of its path is replaced meanwhile.
final class OutputDirectory: Sendable {
    /// The path as the user gave it, used in messages.
    let path: String
    let descriptor: Int32

    /// Names of temporary files start with this and end with `temporarySuffix`,
    /// so that a later build can remove those that an interrupted one left.
    static let temporaryPrefix = ".ramp-"
    static let temporarySuffix = ".tmp"

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Returns the path of an entry, for messages.
    func displayPath(_ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    // MARK: - Entries

    enum EntryKind: Equatable {
        case missing
        case regularFile
        case directory
        case symbolicLink(target: String)
        /// A FIFO, socket or device.
        case other
    }

    /// Returns the kind of an entry without following a symbolic link.
    func kind(of name: String) throws(OutputError) -> EntryKind {
        guard let kind = OutputDirectory.kind(of: name, in: descriptor) else {
            throw .readFailure(displayPath(name), errorNumber: errno)
        }
        return kind
    }

    /// Returns the kind of an entry of the directory open as `descriptor`,
    /// or nil with `errno` set when it cannot be examined.
    static func kind(of name: String, in descriptor: Int32) -> EntryKind? {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            return errno == ENOENT ? .missing : nil
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink(target: linkTarget(name, in: descriptor))
        default: return .other
        }
    }

    private static func linkTarget(_ name: String, in descriptor: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlinkat(descriptor, name, &buffer, buffer.count - 1)
        guard length >= 0 else { return "?" }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Returns the names of all entries except `.` and `..`, sorted.
    func entryNames() throws(OutputError) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw .readFailure(path, errorNumber: errno)
        }
        defer { closedir(stream) }
        rewinddir(stream)

        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    // MARK: - Reading

    /// Returns whether an entry is a regular file with exactly `bytes`, and
    /// false when there is no entry. Any other kind of entry is an error,
    /// because ramp would replace it. A file of another size is not read.
    ///
    /// The entry is opened first and examined only when that fails, so that
    /// a regular file, the common case, costs no separate `fstatat`.
    func hasContents(_ name: String, _ bytes: [UInt8]) throws(OutputError) -> Bool {
        if let (file, size) = openRegularFile(name) {
            defer { close(file) }
            guard size == bytes.count else { return false }
            guard let existing = readContents(of: file, size: size, limit: nil) else {
                throw .readFailure(displayPath(name), errorNumber: errno)
            }
            return existing == bytes
        }

        let openError = errno
        switch try kind(of: name) {
        case .missing:
            return false
        case .regularFile:
            throw .readFailure(displayPath(name), errorNumber: openError)
        case .symbolicLink(let target):
            throw OutputError(.outputFileSymbolicLink(displayPath(name), target: target))
        case .directory:
            throw .unwritable(displayPath(name), reason: "it is a directory; rename or remove it")
        case .other:
            throw .unwritable(displayPath(name), reason: "it is not a regular file; rename or remove it")
        }
    }

    /// Returns up to `limit` bytes from the start of a regular file (all of
    /// it when `limit` is nil), or nil when it cannot be opened as one.
    func read(_ name: String, limit: Int?) -> [UInt8]? {
        guard let (file, size) = openRegularFile(name) else { return nil }
        defer { close(file) }
        return readContents(of: file, size: size, limit: limit)
    }

    /// Opens an entry for reading and returns its descriptor and size, or nil
    /// when it cannot be opened as a regular file. `errno` then gives the
    /// reason, unless the entry opened but is of another kind.
    /// `O_NONBLOCK` keeps a FIFO that replaced the file from blocking the read.
    private func openRegularFile(_ name: String) -> (descriptor: Int32, size: Int)? {
        let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return nil }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(file)
            return nil
        }
        return (file, Int(status.st_size))
    }

    /// Reads up to `limit` bytes from an open file of `size` bytes (all of it
    /// when `limit` is nil), or returns nil with `errno` set when a read fails.
    private func readContents(of file: Int32, size: Int, limit: Int?) -> [UInt8]? {
        let byteCount = limit ?? size
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while limit == nil || bytes.count < byteCount {
            let request = limit == nil ? chunk.count : min(chunk.count, byteCount - bytes.count)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(file, $0.baseAddress, request) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return bytes
    }

    // MARK: - Writing

    /// Writes `bytes` to a new temporary file in the directory and returns
    /// its name. The file is removed again when writing fails.
    func createTemporary(_ bytes: [UInt8], for target: String) throws(OutputError) -> String {
        var name = OutputDirectory.temporaryName(for: target)
        var file = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        if file < 0 && errno == EEXIST {
            // Something that is not a leftover temporary file has the name.
            name = OutputDirectory.temporaryPrefix + UUID().uuidString + OutputDirectory.temporarySuffix
            file = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        }
        guard file >= 0 else { throw .writeFailure(displayPath(target), errorNumber: errno) }

        let failure = writeAll(bytes, to: file)
        let closeFailed = close(file) != 0
        if failure != nil || closeFailed {
            let errorNumber = failure ?? errno
            unlinkat(descriptor, name, 0)
            throw .writeFailure(displayPath(target), errorNumber: errorNumber)
        }
        return name
    }

    /// Returns the name of the temporary file for `target`, which is the
    /// target's name between the temporary prefix and suffix. The lock keeps
    /// other builds from using the name. Unlike a UUID, for which Foundation
    /// on Linux opens, reads and closes `/dev/urandom`, it costs no system
    /// call. A target name longer than 200 bytes gets a UUID instead, so
    /// that the name stays within the 255-byte limit of common file systems.
    static func temporaryName(for target: String) -> String {
        guard target.utf8.count <= 200 else { return temporaryPrefix + UUID().uuidString + temporarySuffix }
        return temporaryPrefix + target + temporarySuffix
    }

    /// Returns nil on success or the `errno` of the failed write.
    private func writeAll(_ bytes: [UInt8], to file: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Foundation.write(file, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? errno : EIO }
            offset += count
        }
        return nil
    }

    /// Renames an entry over another one; both stay in this directory.
    func rename(_ source: String, to destination: String) throws(OutputError) {
        guard renameat(descriptor, source, descriptor, destination) == 0 else {
            throw .writeFailure(displayPath(destination), errorNumber: errno)
        }
    }

    func removeFile(_ name: String) throws(OutputError) {
        guard unlinkat(descriptor, name, 0) == 0 || errno == ENOENT else {
            throw .writeFailure(displayPath(name), errorNumber: errno)
        }
    }
}
