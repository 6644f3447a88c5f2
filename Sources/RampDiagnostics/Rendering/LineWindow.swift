import RampSource

/// Cuts a long source line down to a window around the column that a
/// message is about, so that a line of megabytes prints as one screen line.
///
/// The window keeps some text to the left of the marked column and fills
/// the rest to the right, and `...` stands for the text cut off on each side. A line that fits is laid out whole, exactly as without a window.
extension LineLayout {
    /// The widest text, in terminal columns, that a snippet line prints.
    /// Each cut side adds a `...` of three columns.
    static let maximumColumns = 120
    /// The columns shown to the left of the marked column when the line is cut.
    static let leftContextColumns = 40
    static let ellipsis = "..."

    /// Lays out a line, cut around the byte offset `focus` on that line
    /// when its text is wider than `maximumColumns`.
    static func window(file: SourceFile, line: Int, focus: Int) -> LineLayout {
        let lineStart = file.lineStarts[line]
        let lineEnd = lineStart + file.lineBytes(line).count
        let focus = min(max(focus, lineStart), lineEnd)

        // Only the bytes near the focus are laid out, because a cell per byte
        // of a ten-megabyte line would take gigabytes. A printed column takes
        // at least one byte, so this reach fills the window unless the text
        // near the focus is mostly long clusters, such as emoji sequences.
        let (start, end) = byteRange(file.bytes, around: focus, in: lineStart..<lineEnd)
        let laidOut = LineLayout(file: file, from: start, to: end)
        let cells = Array(laidOut.cells.dropLast())
        if start == lineStart, end == lineEnd, cells.reduce(0, { $0 + columns($1) }) <= maximumColumns {
            return laidOut
        }

        let shown = shownCells(cells, focus: focus)
        var window: [Cell] = []
        if shown.lowerBound > 0 || start > lineStart {
            let cutEnd = shown.isEmpty ? end : cells[shown.lowerBound].start
            window.append(Cell(start: lineStart, end: cutEnd, display: ellipsis, width: ellipsis.count))
        }
        window.append(contentsOf: cells[shown])
        if shown.upperBound < cells.count || end < lineEnd {
            let cutStart = shown.upperBound < cells.count ? cells[shown.upperBound].start : end
            window.append(Cell(start: cutStart, end: lineEnd, display: ellipsis, width: ellipsis.count))
        }
        window.append(Cell(start: lineEnd, end: lineEnd, display: "", width: 1))
        return LineLayout(cells: window)
    }

    /// Returns the bytes within reach of `focus`, with both ends moved onto
    /// the start of a UTF-8 sequence.
    private static func byteRange(_ bytes: [UInt8], around focus: Int, in line: Range<Int>) -> (start: Int, end: Int) {
        let reach = maximumColumns * 8
        var start = max(line.lowerBound, focus - reach)
        var end = min(line.upperBound, focus + reach)
        while start < focus, isContinuationByte(bytes[start]) { start += 1 }
        while end > focus, end < line.upperBound, isContinuationByte(bytes[end]) { end -= 1 }
        return (start, end)
    }

    /// Returns the indices of the cells to print: up to `leftContextColumns`
    /// before the focus, then cells to the right while they fit, then more
    /// on the left when the line ends before the window is full.
    private static func shownCells(_ cells: [Cell], focus: Int) -> Range<Int> {
        let focusIndex = cells.firstIndex { focus < $0.end } ?? cells.count
        var low = focusIndex
        var high = focusIndex
        var used = 0
        while low > 0, used + columns(cells[low - 1]) <= leftContextColumns {
            low -= 1
            used += columns(cells[low])
        }
        while high < cells.count, used + columns(cells[high]) <= maximumColumns {
            used += columns(cells[high])
            high += 1
        }
        while low > 0, used + columns(cells[low - 1]) <= maximumColumns {
            low -= 1
            used += columns(cells[low])
        }
        return low..<high
    }

    /// Returns the columns of a cell, counting a tab at its widest.
    private static func columns(_ cell: Cell) -> Int {
        cell.width ?? DisplayWidth.tabStop
    }

    private static func isContinuationByte(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }
}
