import RampYAML

/// Encodes NetworkPolicy objects as YAML, keys in the order that `kubectl`
/// and the API documentation use. The encoding is written once, as events,
/// and serves both text output and `yamlDocument`.
extension NetworkPolicy {
    public var yamlDocument: YAMLDocument {
        var builder = YAMLTreeBuilder()
        writeYAML(to: &builder)
        return builder.documents[0]
    }

    /// Sends the object as one YAML document, its comments above it.
    public func writeYAML<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginDocument(comments: comments)
        sink.beginMapping()
        sink.key("apiVersion")
        sink.string("networking.k8s.io/v1")
        sink.key("kind")
        sink.string("NetworkPolicy")
        sink.key("metadata")
        sink.beginMapping()
        sink.key("name")
        sink.string(name)
        sink.key("namespace")
        sink.string(namespace)
        sink.endMapping()
        sink.key("spec")
        writeSpec(to: &sink)
        sink.endMapping()
    }

    private func writeSpec<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginMapping()
        sink.key("podSelector")
        podSelector.writeYAML(to: &sink)
        sink.key("policyTypes")
        sink.beginSequence()
        for policyType in policyTypes {
            sink.item()
            sink.string(policyType.rawValue)
        }
        sink.endSequence()
        if let ingress {
            sink.key("ingress")
            NetworkPolicyRule.writeYAML(ingress, peersKey: "from", to: &sink)
        }
        if let egress {
            sink.key("egress")
            NetworkPolicyRule.writeYAML(egress, peersKey: "to", to: &sink)
        }
        sink.endMapping()
    }
}

extension NetworkPolicyRule {
    static func writeYAML<Sink: YAMLEventSink>(_ rules: [NetworkPolicyRule], peersKey: String, to sink: inout Sink) {
        sink.beginSequence()
        for rule in rules {
            sink.item(comments: rule.comments)
            rule.writeYAML(peersKey: peersKey, to: &sink)
        }
        sink.endSequence()
    }

    func writeYAML<Sink: YAMLEventSink>(peersKey: String, to sink: inout Sink) {
        sink.beginMapping()
        if let peers {
            sink.key(peersKey)
            sink.beginSequence()
            for peer in peers {
                sink.item()
                peer.writeYAML(to: &sink)
            }
            sink.endSequence()
        }
        if let ports {
            sink.key("ports")
            sink.beginSequence()
            for port in ports {
                sink.item()
                port.writeYAML(to: &sink)
            }
            sink.endSequence()
        }
        sink.endMapping()
    }
}

extension NetworkPolicyPeer {
    func writeYAML<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginMapping()
        if let namespaceSelector {
            sink.key("namespaceSelector")
            namespaceSelector.writeYAML(to: &sink)
        }
        if let podSelector {
            sink.key("podSelector")
            podSelector.writeYAML(to: &sink)
        }
        if let ipBlock {
            sink.key("ipBlock")
            sink.beginMapping()
            sink.key("cidr")
            sink.string(ipBlock.cidr.description)
            if !ipBlock.except.isEmpty {
                sink.key("except")
                sink.beginSequence()
                for block in ipBlock.except {
                    sink.item()
                    sink.string(block.description)
                }
                sink.endSequence()
            }
            sink.endMapping()
        }
        sink.endMapping()
    }
}

extension NetworkPolicyPort {
    func writeYAML<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginMapping()
        if let `protocol` {
            sink.key("protocol")
            sink.string(`protocol`.rawValue)
        }
        switch port {
        case .number(let number):
            sink.key("port")
            sink.integer(number)
        case .name(let name):
            sink.key("port")
            sink.string(name)
        case nil:
            break
        }
        if let endPort {
            sink.key("endPort")
            sink.integer(endPort)
        }
        sink.endMapping()
    }
}

extension LabelSelector {
    func writeYAML<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginMapping()
        if !matchLabels.isEmpty {
            sink.key("matchLabels")
            sink.beginMapping()
            for (key, value) in matchLabels.sorted(by: { $0.key < $1.key }) {
                sink.key(key)
                sink.string(value)
            }
            sink.endMapping()
        }
        if !matchExpressions.isEmpty {
            sink.key("matchExpressions")
            sink.beginSequence()
            for requirement in matchExpressions {
                sink.item()
                requirement.writeYAML(to: &sink)
            }
            sink.endSequence()
        }
        sink.endMapping()
    }
}

extension LabelSelectorRequirement {
    func writeYAML<Sink: YAMLEventSink>(to sink: inout Sink) {
        sink.beginMapping()
        sink.key("key")
        sink.string(key)
        sink.key("operator")
        sink.string(self.operator.rawValue)
        if !values.isEmpty {
            sink.key("values")
            sink.beginSequence()
            for value in values {
                sink.item()
                sink.string(value)
            }
            sink.endSequence()
        }
        sink.endMapping()
    }
}
