import Foundation
import RampDiagnostics
import RampSource

/// Finds and reads the contract files named on the command line.
public enum ContractInputs {
    static let fileExtension = "ramp"

    /// Expands directories to the `.ramp` files below them, sorted by path so
    /// that output does not depend on directory order, and reads every file.
    /// A file reached by several paths, such as a directory and a file in
    /// it, is read once, under the first path, because compiling it twice
    /// would declare everything in it twice.
    /// Problems are reported as diagnostics without a source location.
    public static func read(_ paths: [String], diagnostics: DiagnosticEngine) -> [SourceFile] {
        var files: [SourceFile] = []
        var seen: Set<FileIdentity> = []
        for path in paths {
            for filePath in expand(path, diagnostics: diagnostics) where seen.insert(FileIdentity(filePath)).inserted {
                if let file = InputFile.read(filePath, diagnostics: diagnostics) { files.append(file) }
            }
        }
        return files
    }

    /// The device and inode of a file after following symbolic links, or
    /// its path when it cannot be examined.
    private enum FileIdentity: Hashable {
        case inode(device: UInt64, number: UInt64)
        case path(String)

        init(_ path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else {
                self = .path(path)
                return
            }
            self = .inode(device: UInt64(status.st_dev), number: UInt64(status.st_ino))
        }
    }

    private static func expand(_ path: String, diagnostics: DiagnosticEngine) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.emit(.fileUnreadable(path, reason: "no such file or directory"), at: nil)
            return []
        }
        guard isDirectory.boolValue else { return [path] }

        guard let found = DirectorySearch.files(below: path, extensions: [fileExtension]) else {
            diagnostics.emit(.fileUnreadable(path, reason: "the directory cannot be listed"), at: nil)
            return []
        }
        if found.isEmpty {
            diagnostics.emit(.noContracts(path), at: nil)
        }
        return found
    }
}
