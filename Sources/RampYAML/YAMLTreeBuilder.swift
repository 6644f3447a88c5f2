/// Builds `YAMLDocument`s from events, for callers that want nodes.
public struct YAMLTreeBuilder: YAMLEventSink {
    public private(set) var documents: [YAMLDocument] = []

    /// An open collection and what its next child belongs to.
    private enum Frame {
        case mapping(entries: [YAMLEntry], key: String, comments: [String])
        case sequence(items: [YAMLItem], comments: [String])
    }

    private var frames: [Frame] = []
    private var documentComments: [String] = []

    public init() {}

    public mutating func beginDocument(comments: [String]) {
        precondition(frames.isEmpty, "a document begins only after the previous one is complete")
        documentComments = comments
    }

    public mutating func beginMapping() {
        frames.append(.mapping(entries: [], key: "", comments: []))
    }

    public mutating func key(_ key: String, comments: [String]) {
        guard case .mapping(let entries, _, _) = frames.removeLast() else { preconditionFailure("a key outside a mapping") }
        frames.append(.mapping(entries: entries, key: key, comments: comments))
    }

    public mutating func endMapping() {
        guard case .mapping(let entries, _, _) = frames.removeLast() else { preconditionFailure("unbalanced endMapping") }
        add(.mapping(entries))
    }

    public mutating func beginSequence() {
        frames.append(.sequence(items: [], comments: []))
    }

    public mutating func item(comments: [String]) {
        guard case .sequence(let items, _) = frames.removeLast() else { preconditionFailure("an item outside a sequence") }
        frames.append(.sequence(items: items, comments: comments))
    }

    public mutating func endSequence() {
        guard case .sequence(let items, _) = frames.removeLast() else { preconditionFailure("unbalanced endSequence") }
        add(.sequence(items))
    }

    public mutating func string(_ value: String) {
        add(.string(value))
    }

    public mutating func integer(_ value: Int) {
        add(.integer(value))
    }

    public mutating func boolean(_ value: Bool) {
        add(.boolean(value))
    }

    /// Adds a complete value to the open collection, or ends the document.
    private mutating func add(_ node: YAMLNode) {
        guard let frame = frames.popLast() else {
            documents.append(YAMLDocument(node, comments: documentComments))
            return
        }
        switch frame {
        case .mapping(var entries, let key, let comments):
            entries.append(YAMLEntry(key, node, comments: comments))
            frames.append(.mapping(entries: entries, key: "", comments: []))
        case .sequence(var items, let comments):
            items.append(YAMLItem(node, comments: comments))
            frames.append(.sequence(items: items, comments: []))
        }
    }
}
