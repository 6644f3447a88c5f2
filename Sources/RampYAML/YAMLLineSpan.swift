/// One step from a document's root to a node: a mapping key or a sequence
/// index.
public enum YAMLPathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return String(index)
        }
    }
}

/// The lines of the output that one node takes, with the comment lines
/// printed above it.
public struct YAMLLineSpan: Equatable, Sendable {
    /// The 0-based index of the document in the stream.
    public let document: Int
    /// The node's path from the document's root; empty for the root.
    public let path: [YAMLPathComponent]
    /// The first and last line, 1-based and inclusive.
    public let firstLine: Int
    public let lastLine: Int

    public init(document: Int, path: [YAMLPathComponent], firstLine: Int, lastLine: Int) {
        self.document = document
        self.path = path
        self.firstLine = firstLine
        self.lastLine = lastLine
    }
}
