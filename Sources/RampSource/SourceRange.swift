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
    ///
    /// Lowering describes the origin of every rule this way, so the text is
    /// written as bytes into one buffer instead of by interpolation, which
    /// appends each part and converts each number separately.
    public var locationDescription: String {
        let (line, column) = file.lineAndColumn(of: start)
        var path = file.path
        return path.withUTF8 { pathBytes in
            // Two colons and two decimal integers of at most 19 digits fit in 40 bytes.
            String(unsafeUninitializedCapacity: pathBytes.count + 40) { buffer in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(pathBytes))
                let afterLine = SourceRange.appendColonAndDecimal(line, to: buffer, at: pathBytes.count)
                return SourceRange.appendColonAndDecimal(column, to: buffer, at: afterLine)
            }
        }
    }

    /// Writes `:` and the decimal digits of a non-negative `value` at
    /// `index` and returns the index after them.
    private static func appendColonAndDecimal(_ value: Int, to buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        buffer[index] = UInt8(ascii: ":")
        var digitCount = 1
        var rest = value / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        var remaining = value
        for position in stride(from: index + digitCount, to: index, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        return index + 1 + digitCount
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
