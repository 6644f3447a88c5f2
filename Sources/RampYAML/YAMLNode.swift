/// A YAML value to be emitted: the subset that Kubernetes manifests use.
///
/// Mapping keys keep the order they are given in, because Kubernetes
/// readers expect `apiVersion` and `kind` first and reviewers expect a
/// stable order; the emitter never sorts.
public indirect enum YAMLNode: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case mapping([YAMLEntry])
    case sequence([YAMLItem])
}

/// A mapping entry, with comment lines printed above it.
public struct YAMLEntry: Equatable, Sendable {
    public let key: String
    public let value: YAMLNode
    public let comments: [String]

    public init(_ key: String, _ value: YAMLNode, comments: [String] = []) {
        self.key = key
        self.value = value
        self.comments = comments
    }
}

/// A sequence item, with comment lines printed above it.
public struct YAMLItem: Equatable, Sendable {
    public let value: YAMLNode
    public let comments: [String]

    public init(_ value: YAMLNode, comments: [String] = []) {
        self.value = value
        self.comments = comments
    }
}

/// One document of a YAML stream, with comment lines printed above it.
public struct YAMLDocument: Equatable, Sendable {
    public let root: YAMLNode
    public let comments: [String]

    public init(_ root: YAMLNode, comments: [String] = []) {
        self.root = root
        self.comments = comments
    }
}
