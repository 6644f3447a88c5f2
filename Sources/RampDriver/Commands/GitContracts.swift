import Foundation
import RampDiagnostics
import RampSource

/// Reads the contracts at a Git revision of the repository that contains
/// the current directory, with `git ls-tree` and `git show`, without
/// touching the working tree.
enum GitContracts {
    struct Failure: Error {
        let reason: String
    }

    /// Reads the `.ramp` files that `paths` name at `revision`, as
    /// `ContractInputs` would read them in the working tree: a file, or the
    /// files below a directory, sorted. Each file is named
    /// `<revision>:<path>` so that messages name the version.
    static func read(_ paths: [String], revision: String, diagnostics: DiagnosticEngine) -> [SourceFile] {
        do throws(Failure) {
            var files: [SourceFile] = []
            var seen: Set<String> = []
            for path in paths {
                let found = try list(path, revision: revision)
                guard !found.isEmpty else {
                    throw Failure(reason: "no '.ramp' files found at '\(path)'")
                }
                for filePath in found where seen.insert(filePath).inserted {
                    let bytes = try run(["show", "\(revision):./\(filePath)"])
                    files.append(SourceFile(path: "\(revision):\(filePath)", bytes: bytes))
                }
            }
            return files
        } catch {
            diagnostics.emit(.revisionUnreadable(revision, reason: error.reason), at: nil)
            return []
        }
    }

    /// Returns the `.ramp` files at or below `path`, relative to the current directory.
    private static func list(_ path: String, revision: String) throws(Failure) -> [String] {
        let output = try run(["ls-tree", "-r", "--name-only", "-z", revision, "--", path])
        return String(decoding: output, as: UTF8.self)
            .split(separator: "\0")
            .map(String.init)
            .filter { $0.hasSuffix("." + ContractInputs.fileExtension) }
            .sorted()
    }

    /// Runs git in the current directory and returns its standard output.
    private static func run(_ arguments: [String]) throws(Failure) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(reason: "cannot run git: \(error.localizedDescription)")
        }
        // Read standard output before waiting, so that a large file cannot
        // fill the pipe and block git. Its error output is a few lines.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).split(separator: "\n").first.map(String.init)
            throw Failure(reason: message.map { $0 + advice(for: $0) } ?? "git exited with status \(process.terminationStatus)")
        }
        return [UInt8](outputData)
    }

    /// Returns what to do about the two failures a user most often meets,
    /// recognised by git's English messages, or "" for any other message.
    private static func advice(for gitMessage: String) -> String {
        if gitMessage.contains("not a git repository") {
            return "; run 'ramp diff --base' from a directory inside the Git repository of the contracts"
        }
        if gitMessage.contains("Not a valid object name") {
            return "; give a branch, tag or commit that exists, such as 'main' or 'HEAD~1'"
        }
        return ""
    }
}
