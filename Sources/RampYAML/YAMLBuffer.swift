/// A byte buffer that YAML text is written into, with the primitives that
/// every writer shares: scalars quoted by `ScalarQuoting`, comment lines made
/// safe, indentation and integers. `YAMLEmitter` and the NetworkPolicy writer
/// both use it, so they format each scalar and comment alike.
///
/// It can record the byte range of every comment line it writes, so that a
/// caller can read the same text without comments without writing it again.
public struct YAMLBuffer: Sendable {
    public var bytes: [UInt8]
    /// The byte ranges of the comment lines written so far, each with its
    /// indentation and line break; empty unless `recordsComments`.
    public private(set) var commentRanges: [Range<Int>] = []
    public let recordsComments: Bool

    public init(capacity: Int = 0, recordsComments: Bool = false) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.recordsComments = recordsComments
    }

    public var count: Int { bytes.count }

    /// Releases the unused capacity of a buffer that is kept after writing,
    /// at the cost of one copy of the bytes and of the comment ranges. Arrays
    /// grow by doubling, so up to half of the capacity can be unused.
    public mutating func trimCapacity() {
        bytes = Self.trimmed(bytes)
        commentRanges = Self.trimmed(commentRanges)
    }

    private static func trimmed<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity > array.count + array.count / 8 else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { target, initializedCount in
            initializedCount = target.initialize(fromContentsOf: array)
        }
    }

    // MARK: - Text

    /// Appends text as it is, without quoting.
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends text as it is, without quoting.
    public mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ other: YAMLBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    public mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Appends `count` spaces. Indentation is written for nearly every line,
    /// so the usual widths are copied from a fixed run of spaces.
    public mutating func spaces(_ count: Int) {
        guard count > 0 else { return }
        guard count <= 16 else {
            return bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
        let run: StaticString = "                "
        run.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    // MARK: - Scalars

    /// Appends a string scalar, plain or double-quoted as `ScalarQuoting` decides.
    public mutating func scalar(_ value: String) {
        ScalarQuoting.append(value, to: &bytes)
    }

    /// Appends an integer in decimal.
    public mutating func integer(_ value: Int) {
        guard value != 0 else { return byte(UInt8(ascii: "0")) }
        if value < 0 { byte(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var rest = value.magnitude
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes.append(contentsOf: digits.reversed())
    }

    // MARK: - Comments

    /// Appends one comment line at `indent`. Every character that could end
    /// the comment line or make the stream invalid becomes a space. These are
    /// line breaks, including the NEL, LS and PS that YAML 1.1 readers break
    /// at, control characters other than tab, and the byte order mark.
    /// Comments carry contract paths, which users control.
    public mutating func comment(_ text: String, indent: Int) {
        let start = bytes.count
        spaces(indent)
        byte(UInt8(ascii: "#"))
        if !text.isEmpty {
            byte(UInt8(ascii: " "))
            appendCommentText(text)
        }
        newline()
        if recordsComments { commentRanges.append(start..<bytes.count) }
    }

    private mutating func appendCommentText(_ text: String) {
        var copy = text
        let isPrintableASCII = copy.withUTF8 { utf8 in utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
        if isPrintableASCII { return append(copy) }

        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value)
            let breaksLines = value == 0x2028 || value == 0x2029 || value == 0xFEFF
            result.append(isControl || breaksLines ? " " : scalar)
        }
        append(String(result))
    }
}
