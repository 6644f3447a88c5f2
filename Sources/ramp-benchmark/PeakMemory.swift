import Foundation

/// The peak resident memory of this process, from `VmHWM` in
/// `/proc/self/status` (Linux only).
enum PeakMemory {
    /// Returns the peak resident set size in bytes, or nil where
    /// `/proc/self/status` does not exist.
    static func bytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    /// Resets the peak to the current resident size by writing 5 to
    /// `/proc/self/clear_refs` (Linux 4.0 or later). Returns false when the
    /// kernel does not allow it.
    @discardableResult
    static func reset() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }
}
