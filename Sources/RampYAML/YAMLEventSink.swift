/// Receives YAML as a stream of events, so that a value can be written as
/// text without first being built as a tree of nodes, as Pkl's renderer
/// does. `YAMLTextWriter` writes the events as text and `YAMLTreeBuilder`
/// builds `YAMLDocument`s from them.
///
/// Events must nest. A document contains one value. A mapping contains `key`
/// events, each followed by one value, and a sequence contains `item`
/// events, each followed by one value. Comments go with the document, key or item that
/// they are printed above.
public protocol YAMLEventSink {
    mutating func beginDocument(comments: [String])
    mutating func beginMapping()
    mutating func key(_ key: String, comments: [String])
    mutating func endMapping()
    mutating func beginSequence()
    mutating func item(comments: [String])
    mutating func endSequence()
    mutating func string(_ value: String)
    mutating func integer(_ value: Int)
    mutating func boolean(_ value: Bool)
}

extension YAMLEventSink {
    public mutating func key(_ key: String) {
        self.key(key, comments: [])
    }

    public mutating func item() {
        item(comments: [])
    }

    /// Sends `node` and everything in it.
    public mutating func node(_ node: YAMLNode) {
        switch node {
        case .string(let text):
            string(text)
        case .integer(let number):
            integer(number)
        case .boolean(let flag):
            boolean(flag)
        case .mapping(let entries):
            beginMapping()
            for entry in entries {
                key(entry.key, comments: entry.comments)
                self.node(entry.value)
            }
            endMapping()
        case .sequence(let items):
            beginSequence()
            for item in items {
                self.item(comments: item.comments)
                self.node(item.value)
            }
            endSequence()
        }
    }

    /// Sends a whole document.
    public mutating func document(_ document: YAMLDocument) {
        beginDocument(comments: document.comments)
        node(document.root)
    }
}
