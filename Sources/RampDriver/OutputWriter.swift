/// Writes generated files into the output directory.
///
/// A build changes the directory in three steps, under an exclusive lock:
/// 1. Every changed file is written to a temporary file beside it, with the
///    permission bits of the file it replaces. When any write fails, the
///    temporary files are deleted and the directory is as it was.
/// 2. The temporary files are renamed over their targets, so a reader never
///    sees half a file.
/// 3. Files left from an earlier build are deleted, but only regular files
///    named `*.yaml` whose first line is ramp's header.
///
/// Symbolic links are never followed: not in the output directory's own
/// path below the working directory (see `OutputDirectory.openingPlan`) and
/// not for any file in it. A build that was killed can leave temporary
/// files behind; the next build deletes them.
///
/// NOTE: each rename is atomic, but the set of renames is not: a build
/// killed during step 2 leaves some files new and the others old. Files are
/// not flushed with `fsync` either, so a power loss right after a build may
/// leave empty files on some file systems.
public struct OutputWriter {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Writes `files`, a map from file name to contents, and deletes stale
    /// generated files.
    public func write<Contents: OutputFileContents>(_ files: [String: Contents]) throws(OutputError) {
        try stage(files).commit()
    }

    /// Takes the lock and writes every changed file to a temporary file, the
    /// first step, so that a build of several directories can stage all of
    /// them before it changes any. Call `commit()` or `discard()` on the
    /// result, which releases the lock.
    func stage<Contents: OutputFileContents>(_ files: [String: Contents]) throws(OutputError) -> StagedOutput {
        let output = try OutputDirectory.open(directory)
        let lock = try OutputLock.acquire(in: output)
        do {
            // One listing serves every step. The lock keeps other builds out,
            // and this build adds only temporary files and files that it keeps.
            // NOTE: a file that another program creates at a generated file's
            // name after this listing is replaced without the ownership check.
            let entries = try output.entryNames()
            try OutputWriter.removeLeftoverTemporaries(entries, in: output)
            let staged = try OutputWriter.stage(files, existing: Set(entries), in: output)
            return StagedOutput(output: output, lock: lock, entries: entries, staged: staged, kept: Set(files.keys))
        } catch {
            lock.release()
            throw error
        }
    }

    /// A directory whose changed files are written to temporary files, under
    /// its lock.
    struct StagedOutput {
        fileprivate let output: OutputDirectory
        fileprivate let lock: OutputLock
        fileprivate let entries: [String]
        fileprivate let staged: [StagedFile]
        fileprivate let kept: Set<String>

        /// Renames the temporary files over their targets, deletes stale
        /// generated files and releases the lock: the second and third steps.
        func commit() throws(OutputError) {
            defer { lock.release() }
            try OutputWriter.commit(staged, in: output)
            try OutputWriter.removeStale(entries, in: output, keeping: kept)
        }

        /// Deletes the temporary files and releases the lock, leaving the
        /// directory as it was.
        func discard() {
            OutputWriter.discard(staged, in: output)
            lock.release()
        }
    }

    // MARK: - Steps

    /// A temporary file with the new contents of `target`.
    fileprivate struct StagedFile: Sendable {
        let temporary: String
        let target: String
    }

    /// Writes every changed file to a temporary file, and on failure deletes
    /// those written and throws the error of the first failed file in name
    /// order, the one that writing the files one by one would report.
    ///
    /// Each file is produced and written by one task, and the tasks run on
    /// all processor cores. Linux creates the files of one directory one at
    /// a time, so one core produces contents while another creates its file.
    /// Only one file per core is in memory at a time.
    ///
    /// `existing` contains the names of the directory's entries. A file whose
    /// name is not among them is created without looking for an entry of
    /// that name, which saves a directory lookup per file in a new directory.
    private static func stage<Contents: OutputFileContents>(
        _ files: [String: Contents], existing: Set<String>, in output: OutputDirectory
    ) throws(OutputError) -> [StagedFile] {
        let names = files.keys.sorted()
        let outcomes = names.concurrentMap { name in
            Result { () throws(OutputError) in
                try OutputWriter.stage(name, bytes: files[name]!.bytes(), exists: existing.contains(name), in: output)
            }
        }

        var staged: [StagedFile] = []
        var firstError: OutputError?
        for outcome in outcomes {
            switch outcome {
            case .success(let file?): staged.append(file)
            case .success(nil): break
            case .failure(let error): firstError = firstError ?? error
            }
        }
        if let firstError {
            discard(staged, in: output)
            throw firstError
        }
        return staged
    }

    /// Writes one file to a temporary file, or returns nil when the file
    /// already has these contents. An entry at `name` is examined only when
    /// `exists` is set.
    private static func stage(_ name: String, bytes: [UInt8], exists: Bool, in output: OutputDirectory) throws(OutputError) -> StagedFile? {
        if exists {
            if try output.hasContents(name, bytes) { return nil }
            try checkOwnership(of: name, replacingWith: bytes, in: output)
        }
        let temporary = try output.createTemporary(bytes, for: name)
        // A new file keeps the mode it was created with, so it needs no
        // look at the target.
        if exists { try copyPermissions(of: name, to: temporary, in: output) }
        return StagedFile(temporary: temporary, target: name)
    }

    /// Refuses to replace a file that ramp did not write. A generated file
    /// starts with ramp's header, so an existing file at its name without
    /// that header was put there by someone else, and replacing it would
    /// lose their work.
    private static func checkOwnership(of name: String, replacingWith bytes: [UInt8], in output: OutputDirectory) throws(OutputError) {
        guard bytes.starts(with: ManifestLayout.headerPrefix.utf8), try output.kind(of: name) == .regularFile,
              !hasGeneratedHeader(name, in: output) else { return }
        throw .unwritable(
            output.displayPath(name),
            reason: "it was not written by ramp (its first line is not ramp's header); move it away or build into another directory"
        )
    }

    private static func commit(_ staged: [StagedFile], in output: OutputDirectory) throws(OutputError) {
        for (index, file) in staged.enumerated() {
            do {
                try output.rename(file.temporary, to: file.target)
            } catch {
                discard(Array(staged[index...]), in: output)
                throw error
            }
        }
    }

    private static func discard(_ staged: [StagedFile], in output: OutputDirectory) {
        for file in staged {
            try? output.removeFile(file.temporary)
        }
    }

    /// Deletes the temporary files of a build that was interrupted. The lock
    /// guarantees that no other build is writing them now.
    private static func removeLeftoverTemporaries(_ entries: [String], in output: OutputDirectory) throws(OutputError) {
        for name in entries
        where name.hasPrefix(OutputDirectory.temporaryPrefix) && name.hasSuffix(OutputDirectory.temporarySuffix) {
            if try output.kind(of: name) == .regularFile {
                try output.removeFile(name)
            }
        }
    }

    /// Deletes `*.yaml` files among `entries` that ramp generated earlier
    /// and does not generate now. A symbolic link, a directory, a file that
    /// cannot be read and a file without the header are left alone.
    private static func removeStale(_ entries: [String], in output: OutputDirectory, keeping kept: Set<String>) throws(OutputError) {
        for name in entries where name.hasSuffix(".yaml") && !kept.contains(name) {
            guard try output.kind(of: name) == .regularFile, OutputWriter.hasGeneratedHeader(name, in: output) else { continue }
            try output.removeFile(name)
        }
    }

    /// Returns whether the first line of a file is ramp's header: the header
    /// prefix followed by a space or the end of the line.
    private static func hasGeneratedHeader(_ name: String, in output: OutputDirectory) -> Bool {
        let prefix = Array(ManifestLayout.headerPrefix.utf8)
        guard let start = output.read(name, limit: prefix.count + 1), start.starts(with: prefix) else { return false }
        return start.count == prefix.count || start[prefix.count] == UInt8(ascii: " ") || start[prefix.count] == UInt8(ascii: "\n")
    }
}
