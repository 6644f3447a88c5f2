import RampDiagnostics
import RampSource
import RampYAML

/// A rule with its ranges.
struct DecodedRule {
    let rule: NetworkPolicyRule
    let ranges: NetworkPolicyRuleRanges
}

extension NetworkPolicyObjectDecoder {
    // MARK: - Rules

    /// Decodes `ingress` or `egress`. Null reads as omitted.
    func decodeRules(_ value: YAMLValue, path: String, peersKey: String) -> [DecodedRule]? {
        guard let items = reader.sequence(value, path: path) else { return nil }
        return items.enumerated().compactMap { index, item in
            decodeRule(item, path: ManifestFieldReader.item(path, index), peersKey: peersKey)
        }
    }

    /// Decodes one rule. `from`, `to` and `ports` keep omitted (nil) apart
    /// from empty, because omitted admits everything and empty admits nothing.
    private func decodeRule(_ item: YAMLValue, path: String, peersKey: String) -> DecodedRule? {
        guard let fields = reader.mapping(item, path: path, known: [peersKey, "ports"]) else { return nil }

        var peers: [NetworkPolicyPeer]?
        var peerRanges: [NetworkPolicyPeerRanges]?
        if let entry = fields[peersKey] {
            let peersPath = ManifestFieldReader.child(path, peersKey)
            warnIfNull(entry.value, path: peersPath, meaning: "admits every peer")
            if let items = reader.sequence(entry.value, path: peersPath) {
                let decoded = items.enumerated().compactMap { index, peer in
                    decodePeer(peer, path: ManifestFieldReader.item(peersPath, index))
                }
                peers = decoded.map(\.0)
                peerRanges = decoded.map(\.1)
            }
        }

        var ports: [NetworkPolicyPort]?
        var portRanges: [NetworkPolicyPortRanges]?
        if let entry = fields["ports"] {
            let portsPath = ManifestFieldReader.child(path, "ports")
            warnIfNull(entry.value, path: portsPath, meaning: "admits every port")
            if let items = reader.sequence(entry.value, path: portsPath) {
                let decoded = items.enumerated().compactMap { index, port in
                    decodePort(port, path: ManifestFieldReader.item(portsPath, index))
                }
                ports = decoded.map(\.0)
                portRanges = decoded.map(\.1)
            }
        }

        let rule = NetworkPolicyRule(peers: peers, ports: ports, comments: item.comments)
        return DecodedRule(rule: rule, ranges: NetworkPolicyRuleRanges(rule: item.range, peers: peerRanges, ports: portRanges))
    }

    /// Warns about `from:` with no value, which reads as omitted: the
    /// opposite of the empty list that its author may have meant.
    private func warnIfNull(_ value: YAMLValue, path: String, meaning: String) {
        if value.isNull { reader.warning(.manifestNullList(path, meaning: meaning), at: value.range) }
    }

    // MARK: - Peers

    private static let peerFields = ["podSelector", "namespaceSelector", "ipBlock"]

    private func decodePeer(_ item: YAMLValue, path: String) -> (NetworkPolicyPeer, NetworkPolicyPeerRanges)? {
        guard let fields = reader.mapping(item, path: path, known: NetworkPolicyObjectDecoder.peerFields) else { return nil }
        let podSelector = fields["podSelector"].flatMap { $0.value.isNull ? nil : $0.value }
        let namespaceSelector = fields["namespaceSelector"].flatMap { $0.value.isNull ? nil : $0.value }
        let ipBlock = fields["ipBlock"].flatMap { $0.value.isNull ? nil : $0.value }

        if podSelector == nil && namespaceSelector == nil && ipBlock == nil {
            reader.error(.manifestEmptyPeer, at: item.range)
        } else if ipBlock != nil && (podSelector != nil || namespaceSelector != nil) {
            reader.error(.manifestIPBlockWithSelector, at: item.range)
        }

        var peer = NetworkPolicyPeer()
        peer.podSelector = podSelector.flatMap { decodeLabelSelector($0, path: ManifestFieldReader.child(path, "podSelector")) }
        peer.namespaceSelector = namespaceSelector.flatMap {
            decodeLabelSelector($0, path: ManifestFieldReader.child(path, "namespaceSelector"))
        }
        var block: (IPBlock, SourceRange?, [SourceRange])?
        if let ipBlock { block = decodeIPBlock(ipBlock, path: ManifestFieldReader.child(path, "ipBlock")) }
        peer.ipBlock = block?.0

        let ranges = NetworkPolicyPeerRanges(
            peer: item.range,
            podSelector: podSelector?.range,
            namespaceSelector: namespaceSelector?.range,
            ipBlock: ipBlock?.range,
            cidr: block?.1,
            except: block?.2 ?? []
        )
        return (peer, ranges)
    }

    // MARK: - IP blocks

    /// Decodes an ipBlock and returns it with the ranges of its CIDR and of
    /// its except blocks in sorted order.
    private func decodeIPBlock(_ value: YAMLValue, path: String) -> (IPBlock, SourceRange?, [SourceRange])? {
        guard let fields = reader.mapping(value, path: path, known: ["cidr", "except"]) else { return nil }
        guard let cidrEntry = reader.require("cidr", in: fields, path: path, at: value.range),
              let cidr = parseCIDR(cidrEntry.value, path: ManifestFieldReader.child(path, "cidr")) else { return nil }

        var excepts: [(CIDR, SourceRange)] = []
        if let exceptEntry = fields["except"] {
            for (text, item) in reader.strings(exceptEntry.value, path: ManifestFieldReader.child(path, "except")) {
                guard let except = parseCIDR(item, path: path) else { continue }
                if except.family != cidr.family {
                    reader.error(.exceptFamilyMismatch(text, cidr: cidr.description), at: item.range)
                } else if except == cidr {
                    reader.error(.manifestExceptEqualsCIDR(text), at: item.range)
                } else if !cidr.contains(except) {
                    reader.error(.exceptOutsideCIDR(text, cidr: cidr.description), at: item.range)
                }
                excepts.append((except, item.range))
            }
        }
        excepts.sort { $0.0 < $1.0 }
        return (IPBlock(cidr: cidr, except: excepts.map(\.0)), cidrEntry.value.range, excepts.map(\.1))
    }

    private func parseCIDR(_ value: YAMLValue, path: String) -> CIDR? {
        guard let text = reader.string(value, path: path) else { return nil }
        do {
            let (cidr, hadHostBits) = try CIDR.parseClearingHostBits(text)
            if hadHostBits { reader.warning(.manifestCIDRHostBits(text, network: cidr.description), at: value.range) }
            return cidr
        } catch {
            reader.error(.invalidCIDR(text, reason: error.reason), at: value.range)
            return nil
        }
    }

    // MARK: - Ports

    private func decodePort(_ item: YAMLValue, path: String) -> (NetworkPolicyPort, NetworkPolicyPortRanges)? {
        guard let fields = reader.mapping(item, path: path, known: ["protocol", "port", "endPort"]) else { return nil }
        var port = NetworkPolicyPort(protocol: nil)

        let protocolValue = fields["protocol"]?.value
        if let protocolValue, !protocolValue.isNull, let text = reader.string(protocolValue, path: ManifestFieldReader.child(path, "protocol")) {
            port.protocol = NetworkProtocol(rawValue: text)
            if port.protocol == nil { reader.error(.manifestInvalidProtocol(text), at: protocolValue.range) }
        }

        let portValue = fields["port"]?.value
        if let portValue, !portValue.isNull {
            port.port = decodePortValue(portValue, path: ManifestFieldReader.child(path, "port"))
        }

        let endPortValue = fields["endPort"]?.value
        if let endPortValue, !endPortValue.isNull {
            port.endPort = decodeEndPort(endPortValue, port: port.port, path: ManifestFieldReader.child(path, "endPort"))
        }

        let ranges = NetworkPolicyPortRanges(
            port: item.range, protocol: protocolValue?.range, portValue: portValue?.range, endPort: endPortValue?.range
        )
        return (port, ranges)
    }

    /// Decodes an IntOrString port: a number from 1 to 65535, or a container
    /// port name. `"80"` is a string and so a name, which Kubernetes rejects.
    private func decodePortValue(_ value: YAMLValue, path: String) -> NetworkPolicyPort.Port? {
        switch value.resolvedScalar {
        case .int(let number)?:
            guard (1...65535).contains(number) else {
                reader.error(.invalidPort(String(number)), at: value.range)
                return nil
            }
            return .number(number)
        case .largeInt(let text)?:
            reader.error(.invalidPort(text), at: value.range)
            return nil
        case .string(let name)?:
            reader.warnIfYAML11Boolean(value)
            if let reason = KubernetesNames.portNameError(name) {
                reader.error(.invalidPortName(name, reason: reason), at: value.range)
                return nil
            }
            return .name(name)
        default:
            reader.wrongType(value, path: path, expected: "a port number or name")
            return nil
        }
    }

    private func decodeEndPort(_ value: YAMLValue, port: NetworkPolicyPort.Port?, path: String) -> Int? {
        guard let endPort = reader.integer(value, path: path) else { return nil }
        guard (1...65535).contains(endPort) else {
            reader.error(.invalidPort(String(endPort)), at: value.range)
            return nil
        }
        guard case .number(let first)? = port else {
            reader.error(.manifestEndPortWithoutNumber, at: value.range)
            return nil
        }
        if endPort < first {
            reader.error(.manifestEndPortBelowPort(endPort: endPort, port: first), at: value.range)
        }
        return endPort
    }
}
