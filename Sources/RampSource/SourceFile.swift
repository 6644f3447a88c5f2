/// One contract file as bytes, with the table that turns byte offsets into
/// lines and columns.
///
/// Positions inside ramp are UTF-8 byte offsets; line and column are computed
/// only when a message is printed, so lexing and parsing never pay for them.
public final class SourceFile: Sendable {
    /// The path as the user wrote it (or as found under a directory), used in messages.
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line; the first entry is 0.
    public let lineStarts: [Int]
    /// By line, whether every byte of the line is ASCII. A column on such a
    /// line is its byte distance from the line start, so a long line with
    /// many marks is not scanned once per mark.
    private let asciiLines: [Bool]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        (lineStarts, asciiLines) = SourceFile.computeLines(bytes)
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    private static func computeLines(_ bytes: [UInt8]) -> (starts: [Int], ascii: [Bool]) {
        var starts = [0]
        var ascii: [Bool] = []
        var highBits: UInt8 = 0
        for (offset, byte) in bytes.enumerated() {
            highBits |= byte
            if byte == UInt8(ascii: "\n") {
                starts.append(offset + 1)
                ascii.append(highBits < 0x80)
                highBits = 0
            }
        }
        ascii.append(highBits < 0x80)
        return (starts, ascii)
    }

    /// Returns the 0-based line index that contains `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// Returns the bytes of a 0-based line without its line terminator.
    public func lineBytes(_ index: Int) -> ArraySlice<UInt8> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[start..<end]
    }

    /// Returns the 1-based line and column of `offset`. The column counts
    /// Unicode scalars, not bytes, so an editor lands on the right character;
    /// a tab counts as one column, as in clang and swiftc.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        let line = lineIndex(of: clamped)
        if asciiLines[line] { return (line + 1, clamped - lineStarts[line] + 1) }
        var column = 1
        var position = lineStarts[line]
        // The lexer skips a byte order mark, so column 1 is the character after it.
        if line == 0, clamped >= SourceFile.byteOrderMark.count, bytes.starts(with: SourceFile.byteOrderMark) {
            position = SourceFile.byteOrderMark.count
        }
        while position < clamped {
            position += SourceFile.scalarLength(in: bytes, at: position)
            column += 1
        }
        return (line + 1, column)
    }

    /// Returns the byte count of the UTF-8 sequence that starts with `byte`;
    /// invalid leading bytes count as one so that columns stay defined.
    public static func scalarLength(leadingByte byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: return 4
        case 0xE0...0xEF: return 3
        case 0xC0...0xDF: return 2
        default: return 1
        }
    }

    /// Returns the byte count of the scalar that starts at `offset`, the step
    /// in which columns are counted. A leading byte counts as one unless the
    /// continuation bytes it announces follow, so that the bytes after an
    /// invalid one, such as a Latin-1 'é' before '"', keep their own columns.
    public static func scalarLength(in bytes: [UInt8], at offset: Int) -> Int {
        let length = scalarLength(leadingByte: bytes[offset])
        guard length > 1, offset + length <= bytes.count else { return 1 }
        let continuations = bytes[(offset + 1)..<(offset + length)]
        return continuations.allSatisfy { $0 & 0xC0 == 0x80 } ? length : 1
    }

    /// Returns the text of a byte range, replacing invalid UTF-8 with U+FFFD.
    public func text(_ range: Range<Int>) -> String {
        let clamped = max(0, range.lowerBound)..<min(bytes.count, range.upperBound)
        return String(decoding: bytes[clamped], as: UTF8.self)
    }
}

extension SourceFile {
    /// The UTF-8 encoding of U+FEFF, which some editors write at the start of a file.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Returns the byte offset of the first byte that is not part of a valid
    /// UTF-8 sequence, or nil when the whole file is valid UTF-8.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        // Contracts are mostly ASCII, which is valid UTF-8 byte by byte, so
        // the decoder starts at the first byte that is not ASCII.
        let start = asciiPrefixLength(bytes)
        guard start < bytes.count else { return nil }
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        var offset = start
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    /// Returns the number of ASCII bytes at the start of `bytes`, reading
    /// eight bytes at a time.
    private static func asciiPrefixLength(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = 0
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            while index < raw.count, raw[index] < 0x80 {
                index += 1
            }
            return index
        }
    }
}
