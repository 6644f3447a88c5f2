/// Writes YAML in block style with two-space indentation, sequences
/// indented under their key as `kubectl` prints them.
///
/// The output depends only on the nodes given, so identical input gives
/// byte-identical output. The text is built in one pass into a byte buffer,
/// because emitting tens of megabytes is the largest part of a build.
public struct YAMLEmitter {
    public init() {}

    /// Emits a stream: the header comments, then each document after `---`.
    public func emit(header: [String], documents: [YAMLDocument]) -> String {
        var writer = YAMLWriter()
        for line in header { writer.comment(line, indent: 0) }
        for document in documents {
            writer.append("---\n")
            for line in document.comments { writer.comment(line, indent: 0) }
            writer.root(document.root)
        }
        return writer.text
    }
}

/// Appends the lines of block-style YAML to a byte buffer.
struct YAMLWriter {
    private(set) var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Nodes

    /// Emits a value that begins a line (a document root).
    mutating func root(_ node: YAMLNode) {
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            self.entries(entries, indent: 0)
        case .sequence(let items) where !items.isEmpty:
            self.items(items, indent: 0)
        default:
            inline(node)
            newline()
        }
    }

    /// Emits mapping entries at `indent`. With `dashed`, the first entry's
    /// line starts with `- ` two columns further left, which makes the
    /// mapping a sequence item; its comments stay at `indent`.
    private mutating func entries(_ entries: [YAMLEntry], indent: Int, dashed: Bool = false) {
        for (index, entry) in entries.enumerated() {
            for line in entry.comments { comment(line, indent: indent) }
            if dashed && index == 0 {
                spaces(indent - 2)
                append("- ")
            } else {
                spaces(indent)
            }
            scalar(entry.key)
            byte(UInt8(ascii: ":"))
            nested(entry.value, indent: indent)
        }
    }

    /// Emits the value after `key:`; block collections go on the next lines.
    /// A sequence under a key stays at the key's indentation, as kubectl writes it.
    private mutating func nested(_ value: YAMLNode, indent: Int) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            newline()
            self.entries(entries, indent: indent + 2)
        case .sequence(let items) where !items.isEmpty:
            newline()
            self.items(items, indent: indent)
        default:
            byte(UInt8(ascii: " "))
            inline(value)
            newline()
        }
    }

    private mutating func items(_ items: [YAMLItem], indent: Int) {
        for item in items {
            for line in item.comments { comment(line, indent: indent) }
            switch item.value {
            case .mapping(let entries) where !entries.isEmpty:
                self.entries(entries, indent: indent + 2, dashed: true)
            case .sequence(let nested) where !nested.isEmpty:
                spaces(indent)
                append("-\n")
                self.items(nested, indent: indent + 2)
            default:
                spaces(indent)
                append("- ")
                inline(item.value)
                newline()
            }
        }
    }

    private mutating func inline(_ node: YAMLNode) {
        switch node {
        case .string(let text): scalar(text)
        case .integer(let number): append(String(number))
        case .boolean(let flag): append(flag ? "true" : "false")
        case .mapping: append("{}")
        case .sequence: append("[]")
        }
    }

    // MARK: - Comments

    /// Emits one comment line. A line break or any other character that YAML
    /// does not allow in a stream becomes a space, so no text can end the
    /// comment early: YAML 1.1 readers also break lines at U+0085, U+2028
    /// and U+2029.
    mutating func comment(_ text: String, indent: Int) {
        spaces(indent)
        byte(UInt8(ascii: "#"))
        if !text.isEmpty { byte(UInt8(ascii: " ")) }
        if YAMLWriter.isPrintableASCII(text) {
            append(text)
        } else {
            for scalar in text.unicodeScalars {
                append(YAMLWriter.isCommentSafe(scalar) ? String(scalar) : " ")
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

    private mutating func scalar(_ text: String) {
        if ScalarQuoting.needsQuotes(text) {
            append(ScalarQuoting.doubleQuoted(text))
        } else {
            append(text)
        }
    }

    mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    private static let spaceRun = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func spaces(_ count: Int) {
        var remaining = count
        while remaining > 0 {
            let chunk = min(remaining, YAMLWriter.spaceRun.count)
            bytes.append(contentsOf: YAMLWriter.spaceRun[..<chunk])
            remaining -= chunk
        }
    }
}
