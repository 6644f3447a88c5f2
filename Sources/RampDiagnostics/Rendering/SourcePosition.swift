import RampSource

/// A point in a source file in the units that the renderers print.
///
/// `column` counts Unicode scalars, as `SourceFile.lineAndColumn(of:)` does,
/// and `utf16Column` counts UTF-16 code units for consumers that index
/// strings that way (SARIF's default column kind, JavaScript editors).
/// Both are 1-based, and `offset` is the 0-based UTF-8 byte offset.
struct SourcePosition: Equatable {
    let line: Int
    let column: Int
    let utf16Column: Int
    let offset: Int
}

extension SourceFile {
    func position(of offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), bytes.count)
        let (line, column) = lineAndColumn(of: clamped)

        // Steps through the line as lineAndColumn does, so that both columns
        // agree on invalid UTF-8. Only a 4-byte sequence needs a surrogate pair.
        var utf16Column = 1
        var position = lineStarts[line - 1]
        while position < clamped {
            let length = SourceFile.scalarLength(in: bytes, at: position)
            utf16Column += length == 4 ? 2 : 1
            position += length
        }
        return SourcePosition(line: line, column: column, utf16Column: utf16Column, offset: clamped)
    }

    /// Returns the 0-based index of the line that contains the last byte of a
    /// non-empty range, so that a range ending with its line's newline does
    /// not reach into the next line. An empty range stays on its own line.
    func lastLineIndex(of range: SourceRange) -> Int {
        range.end > range.start ? lineIndex(of: range.end - 1) : lineIndex(of: range.start)
    }
}

extension SourceRange {
    var startPosition: SourcePosition { file.position(of: start) }
    var endPosition: SourcePosition { file.position(of: end) }
}
