import RampSource

/// A span to mark under the source lines of a snippet.
struct SnippetMark {
    enum Kind {
        /// Underlined `^~~~`, the span that the message is about.
        case primary
        /// Underlined `----`, a related span, usually with a label.
        case secondary
    }

    let range: SourceRange
    let kind: Kind
    let label: String
}

/// Prints the source lines that marks touch, with a line-number gutter and
/// a marker line under each:
///
///     3 |     frontend -> api:htp
///       |     --------        ^~~ label
///
/// Every line of a span of up to four lines is printed, and a longer span
/// shows its first two lines and its last. Between printed lines that are more than
/// one line apart, `...` stands for the lines left out. A line wider than
/// `LineLayout.maximumColumns` is cut to a window around its mark.
struct SnippetRenderer {
    let style: TerminalStyle

    static let maximumLinesPerSpan = 4

    /// Returns the digits of the largest line number that `render` prints.
    static func gutterWidth(for marks: [SnippetMark]) -> Int {
        let last = marks.map { $0.range.file.lastLineIndex(of: $0.range) }.max() ?? 0
        return String(last + 1).count
    }

    func render(_ marks: [SnippetMark]) -> String {
        guard let file = marks.first?.range.file else { return "" }
        let lines = printedLines(marks)
        let gutterWidth = SnippetRenderer.gutterWidth(for: marks)

        var output = ""
        var previous: Int?
        for line in lines {
            if let previous, line > previous + 1 {
                output += style.paint("...", .blue) + "\n"
            }
            output += LineRenderer(
                file: file, line: line, focus: focus(of: marks, on: line), gutterWidth: gutterWidth, style: style
            ).render(marks)
            previous = line
        }
        return output
    }

    /// Returns the byte offset that a cut line is centred on: the start of
    /// the primary mark when it starts on the line, else of another mark
    /// that starts there, else the line start.
    private func focus(of marks: [SnippetMark], on line: Int) -> Int {
        let starting = marks.filter { $0.range.file.lineIndex(of: $0.range.start) == line }
        let mark = starting.first { $0.kind == .primary } ?? starting.first
        return mark?.range.start ?? marks[0].range.file.lineStarts[line]
    }

    /// Returns the 0-based lines to print, in order: the lines each mark
    /// touches, and a single line that would otherwise stand between two.
    private func printedLines(_ marks: [SnippetMark]) -> [Int] {
        var lines = Set<Int>()
        for mark in marks {
            let first = mark.range.file.lineIndex(of: mark.range.start)
            let last = mark.range.file.lastLineIndex(of: mark.range)
            if last - first + 1 > SnippetRenderer.maximumLinesPerSpan {
                lines.formUnion([first, first + 1, last])
            } else {
                lines.formUnion(first...last)
            }
        }
        let sorted = lines.sorted()
        for (line, next) in zip(sorted, sorted.dropFirst()) where next == line + 2 {
            lines.insert(line + 1)
        }
        return lines.sorted()
    }
}

// MARK: - One line

/// Prints one source line with its marker line and the label lines below.
private struct LineRenderer {
    let file: SourceFile
    let line: Int
    let gutterWidth: Int
    let style: TerminalStyle
    let layout: LineLayout
    /// Terminal columns of every cell. A tab's width depends on where it
    /// starts, counted from the left edge of the terminal, gutter included.
    let widths: [Int]

    init(file: SourceFile, line: Int, focus: Int, gutterWidth: Int, style: TerminalStyle) {
        self.file = file
        self.line = line
        self.gutterWidth = gutterWidth
        self.style = style
        self.layout = LineLayout.window(file: file, line: line, focus: focus)

        var column = gutterWidth + 3  // "12 | "
        var widths: [Int] = []
        for cell in layout.cells {
            let width = cell.width ?? DisplayWidth.tabStop - column % DisplayWidth.tabStop
            widths.append(width)
            column += width
        }
        self.widths = widths
    }

    private struct Segment {
        let mark: SnippetMark
        let cells: ClosedRange<Int>
        let startsMark: Bool
        let endsMark: Bool
    }

    func render(_ marks: [SnippetMark]) -> String {
        let segments = marks.compactMap(segment)
        var output = sourceLine()
        guard !segments.isEmpty else { return output }

        let labeled = segments.filter { $0.endsMark && !$0.mark.label.isEmpty }
            .sorted { $0.cells.lowerBound < $1.cells.lowerBound }
        // A label goes at the end of the marker line only if no other mark
        // lies to the right of its span. Otherwise it would read as theirs.
        let lastMarked = segments.map(\.cells.upperBound).max()!
        if let last = labeled.last, last.cells.upperBound == lastMarked {
            output += markerLine(segments, inlineLabel: last)
            output += labelLines(Array(labeled.dropLast()))
        } else {
            output += markerLine(segments, inlineLabel: nil)
            output += labelLines(labeled)
        }
        return output
    }

    private func sourceLine() -> String {
        let number = String(line + 1)
        let padding = String(repeating: " ", count: gutterWidth - number.count)
        let text = layout.displayText
        return style.paint(padding + number + " |", .blue) + (text.isEmpty ? "" : " " + text) + "\n"
    }

    private var blankGutter: String {
        String(repeating: " ", count: gutterWidth + 1) + style.paint("|", .blue) + " "
    }

    /// Returns the cells that a mark covers on this line, or nil if none.
    /// Lines after a span's first are marked from their first non-blank cell.
    private func segment(for mark: SnippetMark) -> Segment? {
        let range = mark.range
        let firstLine = file.lineIndex(of: range.start)
        let lastLine = file.lastLineIndex(of: range)
        guard (firstLine...lastLine).contains(line) else { return nil }

        let cells = layout.cells
        let textEnd = cells.count - 1
        let first: Int
        if line == firstLine {
            first = layout.cellIndex(containing: range.start)
        } else {
            guard let blank = cells.indices.first(where: { !isBlank(cells[$0]) }), blank < textEnd else { return nil }
            first = blank
        }

        // The empty cell at the line end is marked only for a span that
        // starts there, such as a missing token reported at the newline.
        var last = first
        if range.end > range.start {
            last = line < lastLine ? textEnd : layout.cellIndex(containing: range.end - 1)
            if first < textEnd { last = min(last, textEnd - 1) }
            last = max(last, first)
        }
        return Segment(mark: mark, cells: first...last, startsMark: line == firstLine, endsMark: line == lastLine)
    }

    private func isBlank(_ cell: LineLayout.Cell) -> Bool {
        cell.display == " " || cell.display == "\t"
    }

    // MARK: - Markers and labels

    /// The symbol under one cell of the marker line.
    private enum Marker {
        /// `^` then `~` to the cell's width, under the first cell of a primary span.
        case caret
        /// `~` to the cell's width, under the other cells of a primary span.
        case tilde
        /// `-` to the cell's width, under a secondary span.
        case dash

        var color: TerminalStyle.Color {
            self == .dash ? .blue : .green
        }
    }

    private func markerLine(_ segments: [Segment], inlineLabel: Segment?) -> String {
        // Secondary marks first, so that a primary mark over the same cell wins.
        var markers = [Marker?](repeating: nil, count: layout.cells.count)
        for segment in segments.sorted(by: { $0.mark.kind == .secondary && $1.mark.kind == .primary }) {
            for index in segment.cells {
                switch segment.mark.kind {
                case .primary:
                    markers[index] = index == segment.cells.lowerBound && segment.startsMark ? .caret : .tilde
                case .secondary:
                    markers[index] = .dash
                }
            }
        }

        // Adjacent symbols of one colour are painted as one run, so that
        // coloured output carries one escape sequence per mark, not per cell.
        // Every symbol and blank is ASCII, so a run is collected as bytes.
        var text = blankGutter
        var run: [UInt8] = []
        var runColor: TerminalStyle.Color?
        let lastMarked = segments.map(\.cells.upperBound).max()!
        for index in 0...lastMarked {
            let marker = markers[index]
            if marker?.color != runColor {
                text += paint(run, runColor)
                run.removeAll(keepingCapacity: true)
                runColor = marker?.color
            }
            append(marker, at: index, to: &run)
        }
        text += paint(run, runColor)
        if let inlineLabel {
            text += " " + style.paint(inlineLabel.mark.label, color(of: inlineLabel.mark))
        }
        return text + "\n"
    }

    /// Appends the symbol of one cell, or its blank when it has no marker.
    private func append(_ marker: Marker?, at index: Int, to run: inout [UInt8]) {
        let width = widths[index]
        switch marker {
        case .caret:
            run.append(UInt8(ascii: "^"))
            run.append(contentsOf: repeatElement(UInt8(ascii: "~"), count: max(width - 1, 0)))
        case .tilde:
            run.append(contentsOf: repeatElement(UInt8(ascii: "~"), count: width))
        case .dash:
            run.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
        case nil:
            if layout.cells[index].width == nil {
                run.append(UInt8(ascii: "\t"))
            } else {
                run.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
            }
        }
    }

    private func paint(_ run: [UInt8], _ color: TerminalStyle.Color?) -> String {
        let text = String(decoding: run, as: UTF8.self)
        return color.map { style.paint(text, $0) } ?? text
    }

    /// Prints labels that do not fit at the end of the marker line below it,
    /// each hanging from a `|` under the start of its span, rightmost first.
    private func labelLines(_ labeled: [Segment]) -> String {
        guard !labeled.isEmpty else { return "" }
        let connectors = labeled.map { ($0.cells.lowerBound, style.paint("|", color(of: $0.mark))) }
        var output = blankGutter + overlay(connectors) + "\n"
        for index in labeled.indices.reversed() {
            let segment = labeled[index]
            let label = (segment.cells.lowerBound, style.paint(segment.mark.label, color(of: segment.mark)))
            output += blankGutter + overlay(Array(connectors[..<index]) + [label]) + "\n"
        }
        return output
    }

    /// Places one-column items, and a last item of any length, at cells of
    /// the line, with blanks between them that keep the line's tabs.
    private func overlay(_ items: [(cell: Int, text: String)]) -> String {
        var text = ""
        var index = 0
        for (itemNumber, item) in items.enumerated() {
            while index < item.cell {
                text += blank(index)
                index += 1
            }
            text += item.text
            if itemNumber < items.count - 1 {
                text += String(repeating: " ", count: max(widths[index] - 1, 0))
                index += 1
            }
        }
        return text
    }

    private func blank(_ index: Int) -> String {
        layout.cells[index].width == nil ? "\t" : String(repeating: " ", count: widths[index])
    }

    private func color(of mark: SnippetMark) -> TerminalStyle.Color {
        mark.kind == .primary ? .green : .blue
    }
}
