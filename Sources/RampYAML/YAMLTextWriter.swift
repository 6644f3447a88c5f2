/// Writes YAML events as block-style text with two-space indentation,
/// sequences indented under their key as `kubectl` prints them.
///
/// The text is built in one pass into a byte buffer. Whether a collection
/// opens on the next line or is written `{}` or `[]` is decided when its
/// first child or its end arrives.
public struct YAMLTextWriter: YAMLEventSink {
    public private(set) var bytes: [UInt8] = []

    /// The place of the next value.
    private enum Slot {
        /// A document root, at the start of a line.
        case root
        /// After `key:`, whose key starts at `indent`.
        case afterKey(indent: Int)
        /// A sequence item whose dash goes at `indent`; its comments are written.
        case item(indent: Int)
    }

    /// An open collection.
    private struct Frame {
        /// The slot the collection fills, which decides how it opens and
        /// how it is written when empty.
        let slot: Slot
        /// The column of the keys of a mapping or of the dashes of a sequence.
        let indent: Int
        var childCount = 0
    }

    private var slot = Slot.root
    private var frames: [Frame] = []

    public init() {}

    /// The text written so far.
    public var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Writes a comment line at the start of the stream, before any document.
    public mutating func headerComment(_ text: String) {
        comment(text, indent: 0)
    }

    // MARK: - Collections

    public mutating func beginDocument(comments: [String]) {
        precondition(frames.isEmpty, "a document begins only after the previous one is complete")
        append("---\n")
        for line in comments { comment(line, indent: 0) }
        slot = .root
    }

    public mutating func beginMapping() {
        switch slot {
        case .root: frames.append(Frame(slot: slot, indent: 0))
        case .afterKey(let indent): frames.append(Frame(slot: slot, indent: indent + 2))
        case .item(let indent): frames.append(Frame(slot: slot, indent: indent + 2))
        }
    }

    /// Writes `key:`. The first key of a mapping that is a sequence item
    /// takes the item's dash: `- key:`.
    public mutating func key(_ key: String, comments: [String]) {
        let frame = frames[frames.count - 1]
        if frame.childCount == 0, case .afterKey = frame.slot { newline() }
        for line in comments { comment(line, indent: frame.indent) }
        if frame.childCount == 0, case .item(let indent) = frame.slot {
            spaces(indent)
            append("- ")
        } else {
            spaces(frame.indent)
        }
        scalar(key)
        byte(UInt8(ascii: ":"))
        frames[frames.count - 1].childCount += 1
        slot = .afterKey(indent: frame.indent)
    }

    public mutating func endMapping() {
        let frame = frames.removeLast()
        if frame.childCount == 0 { empty("{}", in: frame.slot) }
    }

    public mutating func beginSequence() {
        switch slot {
        case .root: frames.append(Frame(slot: slot, indent: 0))
        case .afterKey(let indent): frames.append(Frame(slot: slot, indent: indent))
        case .item(let indent): frames.append(Frame(slot: slot, indent: indent + 2))
        }
    }

    /// Starts an item: a sequence under a key opens on the next line, and a
    /// sequence that is itself an item opens with a lone dash.
    public mutating func item(comments: [String]) {
        let frame = frames[frames.count - 1]
        if frame.childCount == 0 {
            switch frame.slot {
            case .root: break
            case .afterKey: newline()
            case .item(let indent):
                spaces(indent)
                append("-\n")
            }
        }
        for line in comments { comment(line, indent: frame.indent) }
        frames[frames.count - 1].childCount += 1
        slot = .item(indent: frame.indent)
    }

    public mutating func endSequence() {
        let frame = frames.removeLast()
        if frame.childCount == 0 { empty("[]", in: frame.slot) }
    }

    // MARK: - Scalars

    public mutating func string(_ value: String) {
        beginScalar()
        scalar(value)
        newline()
    }

    public mutating func integer(_ value: Int) {
        beginScalar()
        append(String(value))
        newline()
    }

    public mutating func boolean(_ value: Bool) {
        beginScalar()
        append(value ? "true" : "false")
        newline()
    }

    /// Writes what precedes a scalar or an empty collection in the current slot.
    private mutating func beginScalar() {
        switch slot {
        case .root: break
        case .afterKey: byte(UInt8(ascii: " "))
        case .item(let indent):
            spaces(indent)
            append("- ")
        }
    }

    private mutating func empty(_ text: String, in collectionSlot: Slot) {
        slot = collectionSlot
        beginScalar()
        append(text)
        newline()
    }

    private mutating func scalar(_ text: String) {
        if ScalarQuoting.needsQuotes(text) {
            append(ScalarQuoting.doubleQuoted(text))
        } else {
            append(text)
        }
    }

    // MARK: - Comments

    /// Writes one comment line. A line break or any other character that
    /// YAML does not allow in a stream becomes a space, so no text can end
    /// the comment early: YAML 1.1 readers also break lines at U+0085,
    /// U+2028 and U+2029.
    private mutating func comment(_ text: String, indent: Int) {
        spaces(indent)
        byte(UInt8(ascii: "#"))
        if !text.isEmpty { byte(UInt8(ascii: " ")) }
        if YAMLTextWriter.isPrintableASCII(text) {
            append(text)
        } else {
            for scalar in text.unicodeScalars {
                append(YAMLTextWriter.isCommentSafe(scalar) ? String(scalar) : " ")
            }
        }
        newline()
    }

    private static func isPrintableASCII(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// Tab and YAML's printable characters (`c-printable`), without line breaks.
    private static func isCommentSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    // MARK: - Bytes

    private mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func spaces(_ count: Int) {
        for _ in 0..<max(0, count) { bytes.append(UInt8(ascii: " ")) }
    }
}
