/// The contents of a file that `OutputWriter` writes, produced only when the
/// file is staged, so that a build need not hold every file in memory at once.
public protocol OutputFileContents: Sendable {
    /// Returns the contents as UTF-8 bytes.
    func bytes() -> [UInt8]
}

extension String: OutputFileContents {
    public func bytes() -> [UInt8] {
        Array(utf8)
    }
}
