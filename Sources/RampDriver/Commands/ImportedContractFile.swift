import Foundation
import RampDiagnostics

/// The contract file that `ramp import` writes, and the check that keeps it
/// from replacing a contract that someone wrote by hand.
///
/// Import marks its output with a first line that starts with
/// `# Imported by ramp`. The line is a contract comment, so the contract
/// compiles as before. A file without that line is never replaced, in the
/// same way as a build never replaces a YAML file without ramp's header.
enum ImportedContractFile {
    static let headerText = "Imported by ramp"
    static var headerPrefix: String { "# " + headerText }

    /// Returns the first header line of an imported contract.
    static func firstHeaderLine(version: String, inputs: [String]) -> String {
        "\(headerText) \(version) from \(inputs.joined(separator: ", "))."
    }

    /// Returns nil when import may write `path`: nothing is there, or a file
    /// whose first line is import's header. Otherwise returns the error that
    /// names the file and what to do.
    static func replacementError(at path: String) -> DiagnosticMessage? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else {
            return .outputUnwritable(path, reason: "it is a directory; pass a contract file with '-o'")
        }
        // Opening a FIFO or a device would block, or write where no file is kept.
        guard !InputFile.isOtherThanRegularFile(path) else {
            return .outputUnwritable(path, reason: "it is not a regular file; pass a contract file with '-o', or '-' for standard output")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .fileUnreadable(path, reason: "the existing file cannot be read, so ramp cannot tell whether 'ramp import' wrote it")
        }
        defer { try? handle.close() }

        let prefix = Array(headerPrefix.utf8)
        let start = [UInt8]((try? handle.read(upToCount: prefix.count + 1)) ?? Data())
        guard !hasHeader(start, prefix: prefix) else { return nil }
        return .outputUnwritable(
            path,
            reason: "it was not written by 'ramp import' (its first line does not start with '\(headerPrefix)'); "
                + "move it away or pass another file with '-o'"
        )
    }

    /// Returns whether `start` is the header prefix followed by a space, a
    /// line end or nothing.
    private static func hasHeader(_ start: [UInt8], prefix: [UInt8]) -> Bool {
        guard start.starts(with: prefix) else { return false }
        return start.count == prefix.count || start[prefix.count] == UInt8(ascii: " ") || start[prefix.count] == UInt8(ascii: "\n")
    }
}
