import RampYAML

/// Writes NetworkPolicy objects straight to YAML bytes, without building
/// `YAMLNode`s. The text is the one that `YAMLEmitter` writes for
/// `yamlDocument`, because a build writes tens of megabytes of it and the
/// node tree costs more than the text.
extension NetworkPolicy {
    /// Writes the document as `YAMLEmitter` does: `---`, the comments, then the object.
    public func writeYAMLDocument(to buffer: inout YAMLBuffer) {
        buffer.append("---\n")
        writeYAMLComments(to: &buffer)
        writeYAMLHead(to: &buffer)
        writeYAMLSpec(to: &buffer)
    }

    /// Writes the comment lines printed above the object.
    public func writeYAMLComments(to buffer: inout YAMLBuffer) {
        for line in comments { buffer.comment(line, indent: 0) }
    }

    /// Writes `apiVersion`, `kind` and `metadata`, in the field order of
    /// `ObjectMeta`: name, namespace, labels, annotations. Empty label and
    /// annotation maps are left out.
    public func writeYAMLHead(to buffer: inout YAMLBuffer) {
        buffer.append("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ")
        buffer.scalar(name)
        buffer.append("\n  namespace: ")
        buffer.scalar(namespace)
        buffer.newline()
        if !labels.isEmpty {
            buffer.append("  labels:\n")
            PolicyYAMLWriter.writeStringMap(labels, indent: 4, to: &buffer)
        }
        if !annotations.isEmpty {
            buffer.append("  annotations:\n")
            PolicyYAMLWriter.writeStringMap(annotations, indent: 4, to: &buffer)
        }
    }

    /// Writes `spec` and everything in it, with the comments of the rules.
    public func writeYAMLSpec(to buffer: inout YAMLBuffer) {
        // The bytes move into the writer and back, so they are never copied.
        var writer = PolicyYAMLWriter(buffer: buffer)
        buffer = YAMLBuffer()
        writer.writeSpec(of: self)
        buffer = writer.buffer
    }
}

/// The writing of a policy's spec. Each function writes one kind of value
/// at a known column, so indentation needs no stack of open collections.
/// A mapping after `key:` opens on the next line with its keys two columns
/// in. A sequence after `key:` keeps the key's column, and a mapping that is
/// a sequence item puts its first key after the dash.
struct PolicyYAMLWriter {
    var buffer: YAMLBuffer

    /// Writes the entries of a map of strings in key order. A map of one
    /// entry, the usual selector, is written without sorting a copy.
    static func writeStringMap(_ map: [String: String], indent: Int, to buffer: inout YAMLBuffer) {
        if map.count == 1, let (key, value) = map.first {
            return writeStringEntry(key, value, indent: indent, to: &buffer)
        }
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            writeStringEntry(key, value, indent: indent, to: &buffer)
        }
    }

    private static func writeStringEntry(_ key: String, _ value: String, indent: Int, to buffer: inout YAMLBuffer) {
        buffer.spaces(indent)
        buffer.scalar(key)
        buffer.append(": ")
        buffer.scalar(value)
        buffer.newline()
    }

    mutating func writeSpec(of policy: NetworkPolicy) {
        buffer.append("spec:\n  podSelector:")
        writeSelectorValue(policy.podSelector, keyIndent: 2)

        buffer.append("  policyTypes:")
        if policy.policyTypes.isEmpty {
            buffer.append(" []\n")
        } else {
            buffer.newline()
            for type in policy.policyTypes {
                buffer.append(type == .ingress ? "  - Ingress\n" : "  - Egress\n")
            }
        }

        if let ingress = policy.ingress {
            buffer.append("  ingress:")
            writeRules(ingress, peersKey: "from")
        }
        if let egress = policy.egress {
            buffer.append("  egress:")
            writeRules(egress, peersKey: "to")
        }
    }

    // MARK: - Mapping entries

    /// Writes the start of an entry whose key is at `indent`. When `dash` is
    /// set, the entry is the first of a sequence item: the dash takes the two
    /// columns before the key, and `dash` is cleared.
    private mutating func key(_ key: StaticString, indent: Int, dash: inout Bool) {
        if dash {
            buffer.spaces(indent - 2)
            buffer.append("- ")
            dash = false
        } else {
            buffer.spaces(indent)
        }
        buffer.append(key)
        buffer.byte(UInt8(ascii: ":"))
    }

    private mutating func stringValue(_ value: String) {
        buffer.byte(UInt8(ascii: " "))
        buffer.scalar(value)
        buffer.newline()
    }

    private mutating func integerValue(_ value: Int) {
        buffer.byte(UInt8(ascii: " "))
        buffer.integer(value)
        buffer.newline()
    }

    /// Writes a sequence after `key:`, as ` []` when it is empty, or else
    /// with `writeItem` writing each item on the lines that follow.
    private mutating func sequence<Element>(_ items: [Element], _ writeItem: (inout PolicyYAMLWriter, Element) -> Void) {
        guard !items.isEmpty else { return buffer.append(" []\n") }
        buffer.newline()
        for item in items { writeItem(&self, item) }
    }

    /// Writes a sequence of strings after `key:`, its dashes at `indent`.
    private mutating func stringSequence(_ values: [String], indent: Int) {
        sequence(values) { writer, value in
            writer.buffer.spaces(indent)
            writer.buffer.append("- ")
            writer.buffer.scalar(value)
            writer.buffer.newline()
        }
    }

    // MARK: - Rules

    /// Writes the rules after `ingress:` or `egress:`, at column 2.
    private mutating func writeRules(_ rules: [NetworkPolicyRule], peersKey: StaticString) {
        sequence(rules) { writer, rule in
            for line in rule.comments { writer.buffer.comment(line, indent: 2) }
            writer.writeRule(rule, peersKey: peersKey)
        }
    }

    private mutating func writeRule(_ rule: NetworkPolicyRule, peersKey: StaticString) {
        guard rule.peers != nil || rule.ports != nil else { return buffer.append("  - {}\n") }
        var dash = true
        if let peers = rule.peers {
            key(peersKey, indent: 4, dash: &dash)
            sequence(peers) { $0.writePeer($1, dashIndent: 4) }
        }
        if let ports = rule.ports {
            key("ports", indent: 4, dash: &dash)
            sequence(ports) { $0.writePort($1, dashIndent: 4) }
        }
    }

    private mutating func writePeer(_ peer: NetworkPolicyPeer, dashIndent: Int) {
        guard peer.namespaceSelector != nil || peer.podSelector != nil || peer.ipBlock != nil else {
            buffer.spaces(dashIndent)
            return buffer.append("- {}\n")
        }
        let indent = dashIndent + 2
        var dash = true
        if let namespaceSelector = peer.namespaceSelector {
            key("namespaceSelector", indent: indent, dash: &dash)
            writeSelectorValue(namespaceSelector, keyIndent: indent)
        }
        if let podSelector = peer.podSelector {
            key("podSelector", indent: indent, dash: &dash)
            writeSelectorValue(podSelector, keyIndent: indent)
        }
        if let ipBlock = peer.ipBlock {
            key("ipBlock", indent: indent, dash: &dash)
            buffer.newline()
            var blockDash = false
            key("cidr", indent: indent + 2, dash: &blockDash)
            stringValue(ipBlock.cidr.description)
            if !ipBlock.except.isEmpty {
                key("except", indent: indent + 2, dash: &blockDash)
                stringSequence(ipBlock.except.map(\.description), indent: indent + 2)
            }
        }
    }

    private mutating func writePort(_ port: NetworkPolicyPort, dashIndent: Int) {
        guard port.protocol != nil || port.port != nil || port.endPort != nil else {
            buffer.spaces(dashIndent)
            return buffer.append("- {}\n")
        }
        let indent = dashIndent + 2
        var dash = true
        if let networkProtocol = port.protocol {
            key("protocol", indent: indent, dash: &dash)
            stringValue(networkProtocol.rawValue)
        }
        switch port.port {
        case .number(let number):
            key("port", indent: indent, dash: &dash)
            integerValue(number)
        case .name(let name):
            key("port", indent: indent, dash: &dash)
            stringValue(name)
        case nil:
            break
        }
        if let endPort = port.endPort {
            key("endPort", indent: indent, dash: &dash)
            integerValue(endPort)
        }
    }

    // MARK: - Selectors

    /// Writes a selector after `key:`, whose key is at `keyIndent`.
    private mutating func writeSelectorValue(_ selector: LabelSelector, keyIndent: Int) {
        guard !selector.isEmpty else { return buffer.append(" {}\n") }
        buffer.newline()
        let indent = keyIndent + 2
        var dash = false
        if !selector.matchLabels.isEmpty {
            key("matchLabels", indent: indent, dash: &dash)
            buffer.newline()
            PolicyYAMLWriter.writeStringMap(selector.matchLabels, indent: indent + 2, to: &buffer)
        }
        if !selector.matchExpressions.isEmpty {
            key("matchExpressions", indent: indent, dash: &dash)
            buffer.newline()
            for requirement in selector.matchExpressions { writeRequirement(requirement, dashIndent: indent) }
        }
    }

    private mutating func writeRequirement(_ requirement: LabelSelectorRequirement, dashIndent: Int) {
        let indent = dashIndent + 2
        var dash = true
        key("key", indent: indent, dash: &dash)
        stringValue(requirement.key)
        key("operator", indent: indent, dash: &dash)
        stringValue(requirement.operator.rawValue)
        if !requirement.values.isEmpty {
            key("values", indent: indent, dash: &dash)
            stringSequence(requirement.values, indent: indent)
        }
    }
}
