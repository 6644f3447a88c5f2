/// Writes YAML in block style with two-space indentation, sequences
/// indented under their key as `kubectl` prints them.
///
/// The output depends only on the nodes given, so identical input gives
/// byte-identical output.
public struct YAMLEmitter {
    public init() {}

    /// Emits a stream: the header comments, then each document after `---`.
    public func emit(header: [String], documents: [YAMLDocument]) -> String {
        var output = ""
        for line in header { output += comment(line, indent: 0) }
        for document in documents {
            output += "---\n"
            for line in document.comments { output += comment(line, indent: 0) }
            emitValue(document.root, indent: 0, into: &output)
        }
        return output
    }

    private func comment(_ text: String, indent: Int) -> String {
        let clean = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }.joined(separator: " ")
        return String(repeating: " ", count: indent) + (clean.isEmpty ? "#" : "# " + clean) + "\n"
    }

    /// Emits a value that stands at the start of a line (a document root).
    private func emitValue(_ node: YAMLNode, indent: Int, into output: inout String) {
        switch node {
        case .mapping(let entries) where !entries.isEmpty:
            emitEntries(entries, indent: indent, into: &output)
        case .sequence(let items) where !items.isEmpty:
            emitItems(items, indent: indent, into: &output)
        default:
            output += String(repeating: " ", count: indent) + inline(node) + "\n"
        }
    }

    private func emitEntries(_ entries: [YAMLEntry], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            for line in entry.comments { output += comment(line, indent: indent) }
            output += pad + ScalarQuoting.render(entry.key) + ":"
            emitNested(entry.value, indent: indent, into: &output)
        }
    }

    /// Emits the value after `key:`; block collections go on the next lines.
    /// A sequence under a key stays at the key's indentation, as kubectl writes it.
    private func emitNested(_ value: YAMLNode, indent: Int, into output: inout String) {
        switch value {
        case .mapping(let entries) where !entries.isEmpty:
            output += "\n"
            emitEntries(entries, indent: indent + 2, into: &output)
        case .sequence(let items) where !items.isEmpty:
            output += "\n"
            emitItems(items, indent: indent, into: &output)
        default:
            output += " " + inline(value) + "\n"
        }
    }

    private func emitItems(_ items: [YAMLItem], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            for line in item.comments { output += comment(line, indent: indent) }
            switch item.value {
            case .mapping(let entries) where !entries.isEmpty:
                output += dashed(entries, indent: indent)
            case .sequence(let nested) where !nested.isEmpty:
                output += pad + "-\n"
                emitItems(nested, indent: indent + 2, into: &output)
            default:
                output += pad + "- " + inline(item.value) + "\n"
            }
        }
    }

    /// Emits a mapping as a sequence item: the entries go two columns in and
    /// the dash takes the place of the indentation of the first entry line.
    private func dashed(_ entries: [YAMLEntry], indent: Int) -> String {
        var body = ""
        emitEntries(entries, indent: indent + 2, into: &body)
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstEntry = lines.firstIndex { !$0.drop { $0 == " " }.hasPrefix("#") }!
        lines[firstEntry] = String(repeating: " ", count: indent) + "- " + lines[firstEntry].dropFirst(indent + 2)
        return lines.joined(separator: "\n")
    }

    private func inline(_ node: YAMLNode) -> String {
        switch node {
        case .string(let text): return ScalarQuoting.render(text)
        case .integer(let number): return String(number)
        case .boolean(let flag): return flag ? "true" : "false"
        case .mapping: return "{}"
        case .sequence: return "[]"
        }
    }
}
