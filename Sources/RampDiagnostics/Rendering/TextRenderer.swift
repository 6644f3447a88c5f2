import RampSource

/// Renders diagnostics as clang and swiftc print them:
/// `path:line:column: severity: message [CODE]`, then the source line with a
/// gutter and carets under the span. Editors and CI parse the first line.
public struct TextRenderer {
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var output = header(
            location: diagnostic.range,
            severity: diagnostic.severity,
            message: diagnostic.message + " [\(diagnostic.id.code)]"
        )
        if let range = diagnostic.range {
            let sameFile = diagnostic.highlights.filter { $0.range.file === range.file }
            output += snippet(primary: range, highlights: sameFile)
        }
        for fixIt in diagnostic.fixIts {
            output += "   = " + paint("fix-it:", .green) + " \(fixIt.message): replace '\(fixIt.range.text)' with '\(fixIt.replacement)'\n"
        }
        for note in diagnostic.notes {
            if let range = note.range {
                output += header(location: range, severity: .note, message: note.message)
                output += snippet(primary: range, highlights: [])
            } else {
                output += "   = " + paint("note:", .bold) + " \(note.message)\n"
            }
        }
        return output
    }

    // MARK: - Parts

    private func header(location: SourceRange?, severity: Severity, message: String) -> String {
        let label = paint("\(severity.rawValue):", severity.color)
        guard let location else {
            return "ramp: " + label + " " + paint(message, .bold) + "\n"
        }
        return paint(location.locationDescription + ":", .bold) + " " + label + " " + paint(message, .bold) + "\n"
    }

    /// Prints every line that a span touches once, with markers under it:
    /// `^~~~` under the primary span and `---` under secondary spans.
    private func snippet(primary: SourceRange, highlights: [Highlight]) -> String {
        let file = primary.file
        var marks: [Int: [Mark]] = [:]
        marks[file.lineIndex(of: primary.start), default: []].append(Mark(range: primary, isPrimary: true, label: ""))
        for highlight in highlights {
            let line = file.lineIndex(of: highlight.range.start)
            marks[line, default: []].append(Mark(range: highlight.range, isPrimary: false, label: highlight.label))
        }

        let gutterWidth = String(marks.keys.max()! + 1).count
        let blankGutter = String(repeating: " ", count: gutterWidth + 1) + paint("|", .blue)
        var output = ""
        for line in marks.keys.sorted() {
            let number = String(line + 1)
            let padding = String(repeating: " ", count: gutterWidth - number.count)
            let source = String(decoding: file.lineBytes(line), as: UTF8.self)
            output += paint(padding + number + " |", .blue) + " " + source + "\n"
            output += blankGutter + " " + markerLine(line: line, file: file, marks: marks[line]!) + "\n"
        }
        return output
    }

    private struct Mark {
        let range: SourceRange
        let isPrimary: Bool
        let label: String
    }

    private func markerLine(line: Int, file: SourceFile, marks: [Mark]) -> String {
        let lineStart = file.lineStarts[line]
        let lineBytes = file.lineBytes(line)
        let lineEnd = lineStart + lineBytes.count

        // One cell per Unicode scalar of the line; a tab stays a tab so that
        // the marker lines up in any terminal.
        var cells: [Character] = []
        var cellStarts: [Int] = []
        var offset = lineStart
        while offset < lineEnd {
            cellStarts.append(offset)
            cells.append(file.bytes[offset] == UInt8(ascii: "\t") ? "\t" : " ")
            offset += SourceFile.scalarLength(leadingByte: file.bytes[offset])
        }
        cellStarts.append(lineEnd)
        cells.append(" ")

        var kinds = Array(repeating: 0, count: cells.count)  // 0 none, 1 secondary, 2 primary
        for mark in marks.sorted(by: { !$0.isPrimary && $1.isPrimary }) {
            let first = cellStarts.firstIndex { $0 >= mark.range.start } ?? cells.count - 1
            let endOffset = min(mark.range.end, lineEnd)
            var last = first
            while last + 1 < cellStarts.count - 1, cellStarts[last + 1] < endOffset { last += 1 }
            for index in first...last { kinds[index] = mark.isPrimary ? 2 : 1 }
            if mark.isPrimary { kinds[first] = 3 }
        }

        var text = ""
        var lastMarked = -1
        for (index, kind) in kinds.enumerated() where kind != 0 { lastMarked = index }
        for index in 0...max(lastMarked, 0) {
            switch kinds[index] {
            case 3: text += paint("^", .green)
            case 2: text += paint("~", .green)
            case 1: text += paint("-", .blue)
            default: text.append(cells[index])
            }
        }
        let labels = marks.filter { !$0.label.isEmpty }.map(\.label)
        if !labels.isEmpty { text += " " + labels.joined(separator: "; ") }
        return text
    }

    // MARK: - Colour

    enum Style: String {
        case bold = "1"
        case red = "1;31"
        case magenta = "1;35"
        case green = "1;32"
        case blue = "1;34"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colored ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension Severity {
    var color: TextRenderer.Style {
        switch self {
        case .error: return .red
        case .warning: return .magenta
        case .note: return .bold
        }
    }
}
