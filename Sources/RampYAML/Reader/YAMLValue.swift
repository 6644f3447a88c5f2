import RampSource

/// A node read from YAML source, with the byte range it was written at.
///
/// The reader's tree, unlike `YAMLNode`, which is the emitter's input: it
/// keeps every scalar's style and text so that the caller can resolve it,
/// and every range so that a tool can report `file:line:column`. An alias
/// reads as a copy of its anchored node whose own `range` is the alias.
public struct YAMLValue: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLMappingEntry])
        case sequence([YAMLValue])
    }

    public let content: Content
    /// The node's text without its anchor and tag. An empty node (a key with
    /// no value) has an empty range where its value would start.
    public let range: SourceRange
    /// The tag as written (`!!str`, `!local`), nil when the node has none.
    public let tag: YAMLTag?
    public let anchor: String?
    /// Full-line comments directly above a sequence item, without the `#`
    /// and one following space. Other nodes have none. Comments above the
    /// first line of a document go to the document, and those above a
    /// sequence item to the item rather than to its first mapping entry.
    public internal(set) var comments: [String]

    init(_ content: Content, range: SourceRange, tag: YAMLTag? = nil, anchor: String? = nil, comments: [String] = []) {
        self.content = content
        self.range = range
        self.tag = tag
        self.anchor = anchor
        self.comments = comments
    }

    // MARK: - Access

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }

    public var sequence: [YAMLValue]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// Looks up the value of the first entry whose key resolves to the string `key`.
    public subscript(key: String) -> YAMLValue? {
        mapping?.first { $0.key.resolvedScalar == .string(key) }?.value
    }

    /// The scalar resolved by the YAML 1.2 core schema, honouring the tag;
    /// nil for collections.
    public var resolvedScalar: YAMLResolvedScalar? {
        scalar.map { $0.resolved(tag: tag) }
    }

    /// True for a null scalar: an empty node, `~`, `null` or `!!null`.
    public var isNull: Bool { resolvedScalar == .null }

    /// A short description for messages: `integer 80`, `string 'web'`,
    /// `a mapping`.
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar: return resolvedScalar!.description
        }
    }
}

/// One `key: value` pair of a mapping.
public struct YAMLMappingEntry: Sendable {
    public let key: YAMLValue
    public let value: YAMLValue
    /// Full-line comments directly above the key, without the `#` and one
    /// following space.
    public let comments: [String]

    public init(key: YAMLValue, value: YAMLValue, comments: [String] = []) {
        self.key = key
        self.value = value
        self.comments = comments
    }

    /// The key as a string when it is a scalar, whatever it resolves to.
    public var keyText: String? { key.scalar?.value }
}

/// A scalar's content and the style it was written in.
public struct YAMLScalar: Hashable, Sendable {
    public enum Style: Hashable, Sendable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// A `|` block scalar.
        case literal
        /// A `>` block scalar.
        case folded
    }

    /// The content after unescaping, line folding and chomping. The source
    /// text is the range of the `YAMLValue` that contains the scalar.
    public let value: String
    public let style: Style

    public init(_ value: String, style: Style) {
        self.value = value
        self.style = style
    }
}

/// One document of a YAML stream.
public struct YAMLSourceDocument: Sendable {
    /// The root node, which is an empty null scalar in an empty document.
    public let root: YAMLValue
    /// Full-line comments between the `---` (or the start of the stream) and
    /// the root, without the `#` and one following space.
    public let comments: [String]
    /// From the `---` marker, or the root when there is none, to the end of the root.
    public let range: SourceRange
    /// True when the reader reported an error in this document, so that its
    /// tree is only a best effort.
    public let hasErrors: Bool
}
