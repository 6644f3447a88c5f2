/// Writes YAML documents given as nodes; `YAMLTextWriter` does the writing.
///
/// The output depends only on the nodes given, so identical input gives
/// byte-identical output.
public struct YAMLEmitter {
    public init() {}

    /// Emits a stream: the header comments, then each document after `---`.
    public func emit(header: [String], documents: [YAMLDocument]) -> String {
        var writer = YAMLTextWriter()
        for line in header { writer.headerComment(line) }
        for document in documents { writer.document(document) }
        return writer.text
    }
}
