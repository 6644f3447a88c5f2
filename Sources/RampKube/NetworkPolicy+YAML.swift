import RampYAML

/// Encodes NetworkPolicy objects as YAML nodes, keys in the order that
/// `kubectl` and the API documentation use.
extension NetworkPolicy {
    public var yamlDocument: YAMLDocument {
        YAMLDocument(.mapping([
            YAMLEntry("apiVersion", .string("networking.k8s.io/v1")),
            YAMLEntry("kind", .string("NetworkPolicy")),
            YAMLEntry("metadata", metadataNode),
            YAMLEntry("spec", specNode),
        ]), comments: comments)
    }

    /// The metadata in the field order of `ObjectMeta`: name, namespace,
    /// labels, annotations. Empty label and annotation maps are left out.
    private var metadataNode: YAMLNode {
        var entries = [
            YAMLEntry("name", .string(name)),
            YAMLEntry("namespace", .string(namespace)),
        ]
        if !labels.isEmpty {
            entries.append(YAMLEntry("labels", .mapping(labels.sorted { $0.key < $1.key }.map { YAMLEntry($0.key, .string($0.value)) })))
        }
        if !annotations.isEmpty {
            entries.append(YAMLEntry("annotations", .mapping(annotations.sorted { $0.key < $1.key }.map { YAMLEntry($0.key, .string($0.value)) })))
        }
        return .mapping(entries)
    }

    private var specNode: YAMLNode {
        var entries = [
            YAMLEntry("podSelector", podSelector.yamlNode),
            YAMLEntry("policyTypes", .sequence(policyTypes.map { YAMLItem(.string($0.rawValue)) })),
        ]
        if let ingress {
            entries.append(YAMLEntry("ingress", .sequence(ingress.map { $0.yamlItem(peersKey: "from") })))
        }
        if let egress {
            entries.append(YAMLEntry("egress", .sequence(egress.map { $0.yamlItem(peersKey: "to") })))
        }
        return .mapping(entries)
    }
}

extension NetworkPolicyRule {
    func yamlItem(peersKey: String) -> YAMLItem {
        var entries: [YAMLEntry] = []
        if let peers {
            entries.append(YAMLEntry(peersKey, .sequence(peers.map { YAMLItem($0.yamlNode) })))
        }
        if let ports {
            entries.append(YAMLEntry("ports", .sequence(ports.map { YAMLItem($0.yamlNode) })))
        }
        return YAMLItem(.mapping(entries), comments: comments)
    }
}

extension NetworkPolicyPeer {
    var yamlNode: YAMLNode {
        var entries: [YAMLEntry] = []
        if let namespaceSelector { entries.append(YAMLEntry("namespaceSelector", namespaceSelector.yamlNode)) }
        if let podSelector { entries.append(YAMLEntry("podSelector", podSelector.yamlNode)) }
        if let ipBlock {
            var block = [YAMLEntry("cidr", .string(ipBlock.cidr.description))]
            if !ipBlock.except.isEmpty {
                block.append(YAMLEntry("except", .sequence(ipBlock.except.map { YAMLItem(.string($0.description)) })))
            }
            entries.append(YAMLEntry("ipBlock", .mapping(block)))
        }
        return .mapping(entries)
    }
}

extension NetworkPolicyPort {
    var yamlNode: YAMLNode {
        var entries: [YAMLEntry] = []
        if let `protocol` { entries.append(YAMLEntry("protocol", .string(`protocol`.rawValue))) }
        switch port {
        case .number(let number): entries.append(YAMLEntry("port", .integer(number)))
        case .name(let name): entries.append(YAMLEntry("port", .string(name)))
        case nil: break
        }
        if let endPort { entries.append(YAMLEntry("endPort", .integer(endPort))) }
        return .mapping(entries)
    }
}

extension LabelSelector {
    var yamlNode: YAMLNode {
        var entries: [YAMLEntry] = []
        if !matchLabels.isEmpty {
            let labels = matchLabels.sorted { $0.key < $1.key }.map { YAMLEntry($0.key, .string($0.value)) }
            entries.append(YAMLEntry("matchLabels", .mapping(labels)))
        }
        if !matchExpressions.isEmpty {
            entries.append(YAMLEntry("matchExpressions", .sequence(matchExpressions.map { YAMLItem($0.yamlNode) })))
        }
        return .mapping(entries)
    }
}

extension LabelSelectorRequirement {
    var yamlNode: YAMLNode {
        var entries = [
            YAMLEntry("key", .string(key)),
            YAMLEntry("operator", .string(self.operator.rawValue)),
        ]
        if !values.isEmpty {
            entries.append(YAMLEntry("values", .sequence(values.map { YAMLItem(.string($0)) })))
        }
        return .mapping(entries)
    }
}
