import RampSource

/// A NetworkPolicy read from a manifest, with where each part was written.
public struct DecodedNetworkPolicy: Sendable {
    public let policy: NetworkPolicy
    public let ranges: NetworkPolicyRanges
}

/// The source ranges of a decoded NetworkPolicy. Lists run parallel to the
/// model's lists, and a nil range means the field was omitted.
public struct NetworkPolicyRanges: Sendable {
    /// The whole object, from `apiVersion` or its first key to its last value.
    public let object: SourceRange
    public let name: SourceRange?
    /// Nil when the manifest omits the namespace and the decoder's default was used.
    public let namespace: SourceRange?
    public let podSelector: SourceRange?
    /// Nil when `policyTypes` is omitted or empty and the decoder applied the
    /// API server's default: Ingress, plus Egress when `egress` has rules.
    public let policyTypes: SourceRange?
    public let ingress: [NetworkPolicyRuleRanges]?
    public let egress: [NetworkPolicyRuleRanges]?
    /// Every field written in the object, by its path from the object, such
    /// as `spec.ingress[0].from[1].ipBlock.cidr`. A label's path ends in its
    /// key in brackets: `spec.podSelector.matchLabels[app]`. Indices count
    /// the items as written, before the decoder sorts `except` and `values`.
    public let fields: [String: FieldRanges]
}

/// The ranges of one ingress or egress rule.
public struct NetworkPolicyRuleRanges: Sendable {
    /// The sequence item.
    public let rule: SourceRange
    public let peers: [NetworkPolicyPeerRanges]?
    public let ports: [NetworkPolicyPortRanges]?
}

public struct NetworkPolicyPeerRanges: Sendable {
    /// The sequence item.
    public let peer: SourceRange
    public let podSelector: SourceRange?
    public let namespaceSelector: SourceRange?
    public let ipBlock: SourceRange?
    public let cidr: SourceRange?
    /// Parallel to the model's `except`, which is sorted.
    public let except: [SourceRange]
}

public struct NetworkPolicyPortRanges: Sendable {
    /// The sequence item.
    public let port: SourceRange
    public let `protocol`: SourceRange?
    /// The value of the `port` field.
    public let portValue: SourceRange?
    public let endPort: SourceRange?
}

/// The ranges of one field's key and value. A sequence item has no key.
public struct FieldRanges: Sendable {
    public let key: SourceRange?
    public let value: SourceRange
}

/// An object of another kind, which the decoder skipped so that the caller
/// can warn about it.
public struct SkippedObject: Sendable {
    public let apiVersion: String?
    public let kind: String?
    public let name: String?
    public let range: SourceRange
}

/// The policies and other objects that a decoder read from a set of documents.
public struct NetworkPolicyDecodingResult: Sendable {
    /// Policies without errors, in the order written. An object with an
    /// error is reported and left out.
    public var policies: [DecodedNetworkPolicy] = []
    public var skipped: [SkippedObject] = []
}
