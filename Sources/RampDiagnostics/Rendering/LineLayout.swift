import RampSource

/// One source line cut into grapheme clusters, each with the text that a
/// terminal shows for it and the number of terminal columns it fills.
///
/// Markers under a line are laid out cell by cell, so a `^` lands under the
/// glyph on screen. A CJK ideograph or an emoji fills two columns, a letter
/// with combining marks fills one, and a tab is kept as a tab.
struct LineLayout {
    struct Cell {
        /// Byte offsets of the cluster in the file.
        let start: Int
        let end: Int
        /// The text printed for the cluster, with control characters replaced by visible symbols.
        let display: String
        /// Terminal columns, or nil for a tab, whose width depends on where it starts.
        let width: Int?
    }

    /// The cells of the line, then one empty cell at the line end where a
    /// range that starts at the newline, or past the text, is marked.
    let cells: [Cell]
    /// The text printed for the line, which joins the display texts of the cells.
    let displayText: String

    init(file: SourceFile, line: Int) {
        let lineStart = file.lineStarts[line]
        self.init(file: file, from: lineStart, to: lineStart + file.lineBytes(line).count)
    }

    /// Lays out the bytes from `lineStart` to `lineEnd`, which lie on one
    /// line and start at a scalar boundary.
    init(file: SourceFile, from lineStart: Int, to lineEnd: Int) {
        if let cells = LineLayout.asciiCells(file.bytes, from: lineStart, to: lineEnd) {
            self.cells = cells
            self.displayText = LineLayout.displayText(of: cells, bytes: file.bytes[lineStart..<lineEnd])
            return
        }
        let scalars = LineLayout.decodeScalars(file.bytes, from: lineStart, to: lineEnd)

        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.map(\.scalar))

        // The string contains exactly the decoded scalars, so walking its
        // characters and counting their scalars maps each one back to bytes.
        var cells: [Cell] = []
        var index = 0
        for character in String(text) {
            let count = character.unicodeScalars.count
            let start = scalars[index].offset
            index += count
            let end = index < scalars.count ? scalars[index].offset : lineEnd
            cells.append(LineLayout.cell(for: character, start: start, end: end))
        }
        cells.append(Cell(start: lineEnd, end: lineEnd, display: "", width: 1))
        self.cells = cells
        self.displayText = cells.map(\.display).joined()
    }

    /// Takes cells that are already laid out, such as a window of a line.
    init(cells: [Cell]) {
        self.cells = cells
        self.displayText = cells.map(\.display).joined()
    }

    /// Returns the index of the cell that contains `offset`.
    func cellIndex(containing offset: Int) -> Int {
        cells.firstIndex { offset < $0.end } ?? cells.count - 1
    }

    // MARK: - ASCII

    /// Returns the cells of an ASCII line, or nil when the line has another
    /// byte. Each ASCII byte is a grapheme cluster of its own, because the
    /// only rule that joins two ASCII scalars joins CR and LF, and a line
    /// contains no LF. A printable byte fills one column. This path skips the
    /// grapheme breaking and the Unicode property lookups of the general one
    /// and gives the same cells.
    private static func asciiCells(_ bytes: [UInt8], from start: Int, to end: Int) -> [Cell]? {
        guard !bytes[start..<end].contains(where: { $0 >= 0x80 }) else { return nil }
        var cells: [Cell] = []
        cells.reserveCapacity(end - start + 1)
        for offset in start..<end {
            let byte = bytes[offset]
            let width: Int? = byte == UInt8(ascii: "\t") ? nil : 1
            cells.append(Cell(start: offset, end: offset + 1, display: asciiDisplay[Int(byte)], width: width))
        }
        cells.append(Cell(start: end, end: end, display: "", width: 1))
        return cells
    }

    /// The display text of each ASCII byte, made once instead of once per cell:
    /// the character itself, a tab, or the visible symbol of a control character.
    private static let asciiDisplay: [String] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        if scalar == "\t" { return "\t" }
        return DisplayWidth.visibleReplacement(for: scalar) ?? String(Character(scalar))
    }

    /// Returns the display text of an ASCII line, which is its bytes unchanged
    /// when no control character other than a tab needs a visible replacement.
    private static func displayText(of cells: [Cell], bytes: ArraySlice<UInt8>) -> String {
        let printable = bytes.allSatisfy { $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 < 0x7F) }
        return printable ? String(decoding: bytes, as: UTF8.self) : cells.map(\.display).joined()
    }

    // MARK: - Decoding

    /// Decodes the bytes in steps of `SourceFile.scalarLength(in:at:)`,
    /// the steps in which columns are counted, so that cells and columns
    /// agree. A step that is not one valid scalar decodes to U+FFFD.
    private static func decodeScalars(_ bytes: [UInt8], from start: Int, to end: Int) -> [(offset: Int, scalar: Unicode.Scalar)] {
        var result: [(offset: Int, scalar: Unicode.Scalar)] = []
        var offset = start
        while offset < end {
            let length = min(SourceFile.scalarLength(in: bytes, at: offset), end - offset)
            result.append((offset, decodeOneScalar(bytes[offset..<offset + length])))
            offset += length
        }
        return result
    }

    private static func decodeOneScalar(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil {
            return scalar
        }
        return "\u{FFFD}"
    }

    private static func cell(for character: Character, start: Int, end: Int) -> Cell {
        let first = character.unicodeScalars.first!
        if character == "\t" {
            return Cell(start: start, end: end, display: "\t", width: nil)
        }
        if let visible = DisplayWidth.visibleReplacement(for: first), character.unicodeScalars.count == 1 {
            return Cell(start: start, end: end, display: visible, width: 1)
        }
        if first == "\u{FEFF}" {
            // A byte order mark prints as nothing and is never marked.
            return Cell(start: start, end: end, display: "", width: 0)
        }
        let width = DisplayWidth.columns(of: character)
        if width == 0 {
            // A cluster that would print as nothing, such as a lone combining
            // mark, is shown as U+FFFD so that a marker under it stays visible.
            return Cell(start: start, end: end, display: "\u{FFFD}", width: 1)
        }
        return Cell(start: start, end: end, display: String(character), width: width)
    }
}
