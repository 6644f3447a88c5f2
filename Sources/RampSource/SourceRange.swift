/// A half-open byte range inside one source file.
public struct SourceRange: Hashable, Sendable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// Returns the smallest range that covers both ranges; both must be in one file.
    public func merged(with other: SourceRange) -> SourceRange {
        precondition(file === other.file, "cannot merge ranges of different files")
        return SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public var text: String { file.text(start..<end) }

    /// `path:line:column` of the start, as printed in YAML comments and messages.
    public var locationDescription: String {
        let (line, column) = file.lineAndColumn(of: start)
        return "\(file.path):\(line):\(column)"
    }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool {
        lhs.file === rhs.file && lhs.start == rhs.start && lhs.end == rhs.end
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(start)
        hasher.combine(end)
    }
}

extension SourceRange: Comparable {
    /// Orders by path, then by position, so that diagnostics print in reading order.
    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        // Ranges of one file skip the path comparison, the costly part of sorting.
        if lhs.file !== rhs.file, lhs.file.path != rhs.file.path { return lhs.file.path < rhs.file.path }
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        return lhs.end < rhs.end
    }
}
