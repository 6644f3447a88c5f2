/// Writes YAML in block style with two-space indentation, sequences
/// indented under their key as `kubectl` prints them.
///
/// The output depends only on the nodes given, so identical input gives
/// byte-identical output.
public struct YAMLEmitter {
    public init() {}

    /// Emits a stream: the header comments, then each document after `---`.
    public func emit(header: [String], documents: [YAMLDocument]) -> String {
        write(header: header, documents: documents, recordingSpans: false).text
    }

    /// Emits the same text as `emit(header:documents:)` and the lines of
    /// every node in it: each document, mapping entry and sequence item, in
    /// the order they are written. A document's span leaves out its `---`.
    public func emitWithLineSpans(header: [String], documents: [YAMLDocument]) -> (text: String, spans: [YAMLLineSpan]) {
        write(header: header, documents: documents, recordingSpans: true)
    }

    /// Writes the stream; the spans, and the node paths they need, are only
    /// built when asked for, because most callers want the text alone.
    private func write(header: [String], documents: [YAMLDocument], recordingSpans: Bool) -> (text: String, spans: [YAMLLineSpan]) {
        var writer = Writer(recordsSpans: recordingSpans)
        writer.write(header: header, documents: documents)
        return (writer.text, writer.spans)
    }
}

/// The output being built, with the number of lines written so far.
private struct Writer {
    let recordsSpans: Bool
    var buffer = YAMLBuffer()
    var lineCount = 0
    var spans: [YAMLLineSpan] = []
    var document = 0

    var nextLine: Int { lineCount + 1 }

    var text: String { String(decoding: buffer.bytes, as: UTF8.self) }

    mutating func write(header: [String], documents: [YAMLDocument]) {
        for line in header { comment(line, indent: 0) }
        for (index, document) in documents.enumerated() {
            line("---")
            self.document = index
            let first = nextLine
            for line in document.comments { comment(line, indent: 0) }
            emitValue(document.root, indent: 0, path: [])
            record([], from: first)
        }
    }

    mutating func line(_ content: StaticString) {
        buffer.append(content)
        endLine()
    }

    mutating func endLine() {
        buffer.newline()
        lineCount += 1
    }

    mutating func comment(_ content: String, indent: Int) {
        buffer.comment(content, indent: indent)
        lineCount += 1
    }

    /// Records that the node at `path` took the lines from `first` to the last one written.
    mutating func record(_ path: [YAMLPathComponent], from first: Int) {
        guard recordsSpans else { return }
        spans.append(YAMLLineSpan(document: document, path: path, firstLine: first, lastLine: lineCount))
    }

    /// Emits a value that is at the start of a line (a document root).
    mutating func emitValue(_ node: YAMLNode, indent: Int, path: [YAMLPathComponent]) {
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            emitEntries(entries, indent: indent, path: path, dashed: false)
        case .sequence(let items) where !items.isEmpty:
            emitItems(items, indent: indent, path: path)
        default:
            buffer.spaces(indent)
            inline(node)
            endLine()
        }
    }

    /// Emits mapping entries at `indent`. When `dashed`, the mapping is a
    /// sequence item: the dash takes the place of the two columns before the
    /// first entry's key, and the first entry's comments stay above the dash.
    mutating func emitEntries(_ entries: [YAMLEntry], indent: Int, path: [YAMLPathComponent], dashed: Bool) {
        for (index, entry) in entries.enumerated() {
            let first = nextLine
            for line in entry.comments { comment(line, indent: indent) }
            if dashed && index == 0 {
                buffer.spaces(indent - 2)
                buffer.append("- ")
            } else {
                buffer.spaces(indent)
            }
            buffer.scalar(entry.key)
            buffer.byte(UInt8(ascii: ":"))
            let entryPath = recordsSpans ? path + [.key(entry.key)] : path
            emitNested(entry.value, indent: indent, path: entryPath)
            record(entryPath, from: first)
        }
    }

    /// Emits the value after `key:`; block collections go on the next lines.
    /// A sequence under a key stays at the key's indentation, as kubectl writes it.
    mutating func emitNested(_ value: YAMLNode, indent: Int, path: [YAMLPathComponent]) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            endLine()
            emitEntries(entries, indent: indent + 2, path: path, dashed: false)
        case .sequence(let items) where !items.isEmpty:
            endLine()
            emitItems(items, indent: indent, path: path)
        default:
            buffer.byte(UInt8(ascii: " "))
            inline(value)
            endLine()
        }
    }

    mutating func emitItems(_ items: [YAMLItem], indent: Int, path: [YAMLPathComponent]) {
        for (index, item) in items.enumerated() {
            let first = nextLine
            let itemPath = recordsSpans ? path + [.index(index)] : path
            for line in item.comments { comment(line, indent: indent) }
            switch item.value {
            case .mapping(let entries) where !entries.isEmpty:
                emitEntries(entries, indent: indent + 2, path: itemPath, dashed: true)
            case .sequence(let nested) where !nested.isEmpty:
                buffer.spaces(indent)
                line("-")
                emitItems(nested, indent: indent + 2, path: itemPath)
            default:
                buffer.spaces(indent)
                buffer.append("- ")
                inline(item.value)
                endLine()
            }
            record(itemPath, from: first)
        }
    }

    mutating func inline(_ node: YAMLNode) {
        switch node {
        case .string(let text): buffer.scalar(text)
        case .integer(let number): buffer.integer(number)
        case .boolean(let flag): buffer.append(flag ? "true" : "false")
        case .mapping: buffer.append("{}")
        case .sequence: buffer.append("[]")
        }
    }
}
