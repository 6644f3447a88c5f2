import RampSource

/// Ranges that remove a statement or one item of a list cleanly, for fix-its.
enum Removal {
    /// Returns the range that deletes `statement`: its whole line with the
    /// indentation and line break when nothing but blanks or a comment shares
    /// the line, otherwise the statement alone.
    static func statement(_ statement: SourceRange) -> SourceRange {
        let file = statement.file
        let firstLine = file.lineIndex(of: statement.start)
        let lastLine = file.lineIndex(of: max(statement.start, statement.end - 1))
        let lineStart = file.lineStarts[firstLine]
        let lineEnd = Removal.start(ofLineAfter: lastLine, in: file)

        let before = file.bytes[lineStart..<statement.start]
        let after = file.text(statement.end..<lineEnd).trimmingLeadingBlanks()
        guard before.allSatisfy(isBlank), after.isEmpty || after.hasPrefix("#") || after == "\n" || after == "\r\n" else {
            return statement
        }
        return SourceRange(file: file, start: lineStart, end: lineEnd)
    }

    /// Returns the range that deletes item `index` of a comma-separated list
    /// with its separator: from the end of the item before, or, for the
    /// first item, up to the start of the next.
    static func listItem(_ index: Int, of items: [SourceRange]) -> SourceRange {
        let item = items[index]
        if index > 0 {
            return SourceRange(file: item.file, start: items[index - 1].end, end: item.end)
        }
        return SourceRange(file: item.file, start: item.start, end: items[1].start)
    }

    private static func start(ofLineAfter line: Int, in file: SourceFile) -> Int {
        line + 1 < file.lineStarts.count ? file.lineStarts[line + 1] : file.bytes.count
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

extension String {
    fileprivate func trimmingLeadingBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" })
    }
}
