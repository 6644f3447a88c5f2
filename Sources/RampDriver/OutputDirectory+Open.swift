import Foundation

extension OutputDirectory {
    /// The two parts of the output path: `base`, opened as the operating
    /// system resolves it, and `components`, opened (and created when
    /// missing) one at a time below it without following a symbolic link.
    struct OpeningPlan: Equatable {
        let base: String
        let components: [String]
    }

    /// Returns the opening plan of `path`.
    ///
    /// Symbolic links are rejected in every component below the working
    /// directory and in the output directory itself, because a checked-out
    /// repository can put a link there that points anywhere the user may
    /// write. The working directory and its ancestors, and the parent
    /// directories of an absolute path outside it, are trusted, so a system
    /// link such as macOS's `/tmp` keeps working.
    static func openingPlan(_ path: String, workingDirectory: String) -> OpeningPlan {
        let parts = path.split(separator: "/").map(String.init).filter { $0 != "." }
        guard path.hasPrefix("/") else {
            return OpeningPlan(base: ".", components: parts)
        }
        let working = workingDirectory.split(separator: "/").map(String.init)
        if workingDirectory.hasPrefix("/"), parts.starts(with: working) {
            return OpeningPlan(base: "/" + working.joined(separator: "/"), components: Array(parts.dropFirst(working.count)))
        }
        guard let last = parts.last else {
            return OpeningPlan(base: "/", components: [])
        }
        return OpeningPlan(base: "/" + parts.dropLast().joined(separator: "/"), components: [last])
    }

    /// Opens the output directory, creating it and its missing parents.
    static func open(_ path: String) throws(OutputError) -> OutputDirectory {
        let plan = openingPlan(path, workingDirectory: FileManager.default.currentDirectoryPath)
        var current = try openBase(plan.base)
        var messagePath = plan.base == "." ? "" : plan.base
        for component in plan.components {
            messagePath = appending(component, to: messagePath)
            do {
                let next = try openComponent(component, in: current, messagePath: messagePath)
                close(current)
                current = next
            } catch {
                close(current)
                throw error
            }
        }
        if isRoot(current) {
            close(current)
            throw .unwritable(path, reason: "it is the root directory, where a build would write a file for each namespace and "
                + "delete the files that an earlier build left; pass a directory of its own with '-o', such as 'generated'")
        }
        return OutputDirectory(path: path, descriptor: current)
    }

    /// Returns whether the open directory is the file system's root, however
    /// its path was spelled.
    private static func isRoot(_ descriptor: Int32) -> Bool {
        var opened = stat()
        var root = stat()
        guard fstat(descriptor, &opened) == 0, stat("/", &root) == 0 else { return false }
        return opened.st_dev == root.st_dev && opened.st_ino == root.st_ino
    }

    private static func appending(_ component: String, to path: String) -> String {
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    private static func openBase(_ base: String) throws(OutputError) -> Int32 {
        if !FileManager.default.fileExists(atPath: base) {
            do {
                try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(base, reason: "cannot create the directory: \(error.localizedDescription)")
            }
        }
        let descriptor = Foundation.open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        // Opening a directory reads it, so a failure is a read failure.
        guard descriptor >= 0 else { throw .readFailure(base, errorNumber: errno) }
        return descriptor
    }

    /// Opens one directory below `parent` without following a symbolic link,
    /// creating it when it does not exist.
    private static func openComponent(_ name: String, in parent: Int32, messagePath: String) throws(OutputError) -> Int32 {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        var descriptor = openat(parent, name, flags)
        if descriptor < 0 && errno == ENOENT {
            guard mkdirat(parent, name, 0o777) == 0 || errno == EEXIST else {
                throw .writeFailure(messagePath, errorNumber: errno)
            }
            descriptor = openat(parent, name, flags)
        }
        guard descriptor < 0 else { return descriptor }

        let openError = errno
        switch OutputDirectory.kind(of: name, in: parent) {
        case .symbolicLink(let target):
            throw OutputError(.outputDirectorySymbolicLink(messagePath, target: target))
        case .regularFile, .other:
            throw .unwritable(messagePath, reason: "it is not a directory")
        case .directory:
            throw .readFailure(messagePath, errorNumber: openError)
        case .missing, nil:
            throw .writeFailure(messagePath, errorNumber: openError)
        }
    }
}
