import RampKube

/// Prints a plan in its text form:
///
///     object shop/api select {app=api} types ingress,egress
///     object shop/api-ingress-1 subject api select {app=api} types ingress
///       ingress from pod{app=web}, ns{team=x} pod{app=y} ports tcp/8080, udp/53-60
///       egress to ip 10.0.0.0/8 except (10.1.0.0/16) ports any
///
/// Selectors use the contract syntax; `any` is an omitted list and `empty`
/// an empty one, which the API also reads as everything. Origins print as
/// `#` lines when asked for.
public struct PlanPrinter {
    public var includeOrigins: Bool

    public init(includeOrigins: Bool = false) {
        self.includeOrigins = includeOrigins
    }

    public func print(_ plan: PolicyPlan) -> String {
        plan.objects.map(print).joined()
    }

    public func print(_ object: PlanObject) -> String {
        var text = ""
        if includeOrigins { text += object.origins.map { "# \($0)\n" }.joined() }
        let types = object.policyTypes.sorted().map { $0.rawValue.lowercased() }.joined(separator: ",")
        let subject = object.subject == object.name ? "" : " subject \(object.subject)"
        text += "object \(object.namespace)/\(object.name)\(subject) select \(PlanPrinter.selector(object.podSelector)) types \(types)\n"
        for (direction, rules) in [("ingress from", object.ingress), ("egress to", object.egress)] {
            for rule in rules {
                if includeOrigins { text += rule.origins.map { "  # \($0)\n" }.joined() }
                text += "  \(direction) \(PlanPrinter.peers(rule.peers)) ports \(PlanPrinter.ports(rule.ports))\n"
            }
        }
        return text
    }

    // MARK: - Parts

    public static func selector(_ selector: LabelSelector) -> String {
        var parts = selector.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in selector.matchExpressions {
            switch requirement.operator {
            case .in: parts.append("\(requirement.key) in (\(requirement.values.joined(separator: ", ")))")
            case .notIn: parts.append("\(requirement.key) notin (\(requirement.values.joined(separator: ", ")))")
            case .exists: parts.append("\(requirement.key) exists")
            case .doesNotExist: parts.append("!\(requirement.key)")
            }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func peers(_ peers: [NetworkPolicyPeer]?) -> String {
        guard let peers else { return "any" }
        if peers.isEmpty { return "empty" }
        return peers.map(peer).joined(separator: ", ")
    }

    static func peer(_ peer: NetworkPolicyPeer) -> String {
        var parts: [String] = []
        if let namespaceSelector = peer.namespaceSelector { parts.append("ns" + selector(namespaceSelector)) }
        if let podSelector = peer.podSelector { parts.append("pod" + selector(podSelector)) }
        if let block = peer.ipBlock {
            var text = "ip \(block.cidr)"
            if !block.except.isEmpty { text += " except (" + block.except.map(\.description).joined(separator: ", ") + ")" }
            parts.append(text)
        }
        return parts.isEmpty ? "empty" : parts.joined(separator: " ")
    }

    static func ports(_ ports: [NetworkPolicyPort]?) -> String {
        guard let ports else { return "any" }
        if ports.isEmpty { return "empty" }
        return ports.map(port).joined(separator: ", ")
    }

    static func port(_ port: NetworkPolicyPort) -> String {
        let value: String
        switch port.port {
        case .number(let number): value = port.endPort.map { "\(number)-\($0)" } ?? "\(number)"
        case .name(let name): value = name
        case nil: value = "*"
        }
        guard let networkProtocol = port.protocol else { return value }
        return networkProtocol.rawValue.lowercased() + "/" + value
    }
}
