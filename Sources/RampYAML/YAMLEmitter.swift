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
        for line in header { writer.comment(line, indent: 0) }
        for (index, document) in documents.enumerated() {
            writer.line("---")
            writer.document = index
            let first = writer.nextLine
            for line in document.comments { writer.comment(line, indent: 0) }
            writer.emitValue(document.root, indent: 0, path: [])
            writer.record([], from: first)
        }
        return (writer.text, writer.spans)
    }
}

/// The output being built, with the number of lines written so far.
private struct Writer {
    let recordsSpans: Bool
    var text = ""
    var lineCount = 0
    var spans: [YAMLLineSpan] = []
    var document = 0

    var nextLine: Int { lineCount + 1 }

    mutating func line(_ content: String) {
        text += content + "\n"
        lineCount += 1
    }

    mutating func comment(_ content: String, indent: Int) {
        let clean = Self.commentText(content)
        line(String(repeating: " ", count: indent) + (clean.isEmpty ? "#" : "# " + clean))
    }

    /// Returns the text with every character that could end the comment line
    /// or make the stream invalid replaced by a space: line breaks, including
    /// the NEL, LS and PS that YAML 1.1 readers break at, and control
    /// characters other than tab. Comments carry contract paths, which users
    /// control.
    static func commentText(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = (value < 0x20 && value != 0x09) || (0x7F...0x9F).contains(value)
            let breaksLines = value == 0x2028 || value == 0x2029 || value == 0xFEFF
            result.append(isControl || breaksLines ? " " : scalar)
        }
        return String(result)
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
            line(String(repeating: " ", count: indent) + inline(node))
        }
    }

    /// Emits mapping entries at `indent`. When `dashed`, the mapping is a
    /// sequence item: the dash takes the place of the two columns before the
    /// first entry's key, and the first entry's comments stay above the dash.
    mutating func emitEntries(_ entries: [YAMLEntry], indent: Int, path: [YAMLPathComponent], dashed: Bool) {
        let pad = String(repeating: " ", count: indent)
        for (index, entry) in entries.enumerated() {
            let first = nextLine
            for line in entry.comments { comment(line, indent: indent) }
            let lead = dashed && index == 0 ? String(repeating: " ", count: indent - 2) + "- " : pad
            let entryPath = recordsSpans ? path + [.key(entry.key)] : path
            emitNested(entry.value, line: lead + ScalarQuoting.render(entry.key) + ":", indent: indent, path: entryPath)
            record(entryPath, from: first)
        }
    }

    /// Emits the value after `key:`; block collections go on the next lines.
    /// A sequence under a key stays at the key's indentation, as kubectl writes it.
    mutating func emitNested(_ value: YAMLNode, line keyLine: String, indent: Int, path: [YAMLPathComponent]) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            line(keyLine)
            emitEntries(entries, indent: indent + 2, path: path, dashed: false)
        case .sequence(let items) where !items.isEmpty:
            line(keyLine)
            emitItems(items, indent: indent, path: path)
        default:
            line(keyLine + " " + inline(value))
        }
    }

    mutating func emitItems(_ items: [YAMLItem], indent: Int, path: [YAMLPathComponent]) {
        let pad = String(repeating: " ", count: indent)
        for (index, item) in items.enumerated() {
            let first = nextLine
            let itemPath = recordsSpans ? path + [.index(index)] : path
            for line in item.comments { comment(line, indent: indent) }
            switch item.value {
            case .mapping(let entries) where !entries.isEmpty:
                emitEntries(entries, indent: indent + 2, path: itemPath, dashed: true)
            case .sequence(let nested) where !nested.isEmpty:
                line(pad + "-")
                emitItems(nested, indent: indent + 2, path: itemPath)
            default:
                line(pad + "- " + inline(item.value))
            }
            record(itemPath, from: first)
        }
    }

    func inline(_ node: YAMLNode) -> String {
        switch node {
        case .string(let text): return ScalarQuoting.render(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .mapping: return "{}"
        case .sequence: return "[]"
        }
    }
}
