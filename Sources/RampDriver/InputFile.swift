import Foundation
import RampDiagnostics
import RampSource

/// Reads one input file named on the command line, a contract or a
/// manifest, or reports why it cannot.
enum InputFile {
    /// Returns the file, or nil after reporting a path that is not a regular
    /// file, with `advice` on what to pass instead, or that cannot be read.
    static func read(_ path: String, advice: String? = nil, diagnostics: DiagnosticEngine) -> SourceFile? {
        // Checked before opening, because reading a FIFO or a device could block.
        guard !isOtherThanRegularFile(path) else {
            diagnostics.emit(.fileUnreadable(path, reason: "it is not a regular file" + (advice.map { "; " + $0 } ?? "")), at: nil)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.emit(.fileUnreadable(path, reason: "the file does not exist or is not readable"), at: nil)
            return nil
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// Returns whether `path`, after following symbolic links, exists and is
    /// something other than a regular file, such as a FIFO or a device.
    static func isOtherThanRegularFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return status.st_mode & S_IFMT != S_IFREG
    }
}
