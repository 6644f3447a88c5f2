import RampDiagnostics
import RampEvaluator
import RampKube
import RampSource

/// Finds the mistakes people make in hand-written NetworkPolicy and reports
/// each at the YAML that causes it.
///
/// The decoder already rejects what the API server would reject, such as an
/// `except` block outside its `cidr`, `endPort` without a numeric `port` and
/// reversed port ranges. The linter looks at policies that the API server
/// accepts but that do not do what their authors meant.
public struct Linter {
    let policies: [DecodedNetworkPolicy]
    let inventory: WorkloadInventory
    let diagnostics: DiagnosticEngine

    public init(policies: [DecodedNetworkPolicy], inventory: WorkloadInventory = WorkloadInventory(), diagnostics: DiagnosticEngine) {
        self.policies = policies
        self.inventory = inventory
        self.diagnostics = diagnostics
    }

    /// Runs every check. The checks that need workloads run only when some were given.
    public func run() {
        for decoded in policies {
            checkPolicyTypes(decoded)
            for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
                for (index, rule) in rules(decoded.policy, direction).enumerated() {
                    let path = "spec.\(direction == .ingress ? "ingress" : "egress")[\(index)]"
                    checkRuleShape(rule, direction: direction, path: path, in: decoded)
                    checkPeers(rule, path: path + (direction == .ingress ? ".from" : ".to"), in: decoded)
                }
            }
        }
        checkDNS()
        if !inventory.isEmpty {
            WorkloadChecks(policies: policies, inventory: inventory, diagnostics: diagnostics).run()
        }
        RedundancyCheck(policies: policies, diagnostics: diagnostics).run()
    }

    func rules(_ policy: NetworkPolicy, _ direction: NetworkPolicy.PolicyType) -> [NetworkPolicyRule] {
        (direction == .ingress ? policy.ingress : policy.egress) ?? []
    }

    // MARK: - policyTypes

    private func checkPolicyTypes(_ decoded: DecodedNetworkPolicy) {
        let policy = decoded.policy
        let fields = decoded.ranges.fields
        if decoded.ranges.policyTypes != nil {
            for (direction, key) in [(NetworkPolicy.PolicyType.ingress, "ingress"), (.egress, "egress")]
            where !policy.policyTypes.contains(direction) && !rules(policy, direction).isEmpty {
                let range = fields["spec." + key]?.key ?? decoded.ranges.object
                diagnostics.emit(.lintIgnoredRules(direction: key, type: direction.rawValue), at: range,
                                 highlights: [Highlight(decoded.ranges.policyTypes!, label: "policyTypes")])
            }
        } else if fields["spec.ingress"] == nil, !rules(policy, .egress).isEmpty {
            diagnostics.emit(.lintImplicitIngressIsolation, at: fields["spec.egress"]?.key ?? decoded.ranges.object)
        }
    }

    // MARK: - Rules

    private func checkRuleShape(_ rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, path: String, in decoded: DecodedNetworkPolicy) {
        guard isApplied(direction, decoded.policy), rule.peers?.isEmpty ?? true else { return }
        let range = decoded.ranges.fields[path]?.value ?? decoded.ranges.object
        let name = direction == .ingress ? "ingress" : "egress"
        if let ports = rule.ports, !ports.isEmpty {
            diagnostics.emit(.lintPortsWithoutPeers(direction: name, ports: SelectorText.ports(ports)), at: range)
        } else {
            diagnostics.emit(.lintEmptyRule(direction: name), at: range)
        }
    }

    private func isApplied(_ direction: NetworkPolicy.PolicyType, _ policy: NetworkPolicy) -> Bool {
        policy.policyTypes.contains(direction)
    }

    private func checkPeers(_ rule: NetworkPolicyRule, path: String, in decoded: DecodedNetworkPolicy) {
        let peers = rule.peers ?? []
        let fields = decoded.ranges.fields
        let namespaceOnly = peers.indices.filter { peers[$0].namespaceSelector != nil && peers[$0].podSelector == nil }
        let podOnly = peers.indices.filter { peers[$0].podSelector != nil && peers[$0].namespaceSelector == nil }
        if let namespaceIndex = namespaceOnly.first {
            for podIndex in podOnly {
                guard let podRange = fields["\(path)[\(podIndex)]"]?.value else { continue }
                var highlights: [Highlight] = []
                if let other = fields["\(path)[\(namespaceIndex)]"]?.value { highlights.append(Highlight(other, label: "a separate peer")) }
                diagnostics.emit(
                    .lintSplitPeer(
                        namespaces: SelectorText.bracketed(peers[namespaceIndex].namespaceSelector!),
                        pods: SelectorText.bracketed(peers[podIndex].podSelector!)
                    ),
                    at: podRange, highlights: highlights
                )
            }
        }
        for (index, peer) in peers.enumerated() {
            let peerPath = "\(path)[\(index)]"
            checkSingleFamily(peer, peers: peers, path: peerPath, fields: fields)
            if let selector = peer.namespaceSelector { checkMutableLabel(selector, path: peerPath + ".namespaceSelector.matchLabels", fields: fields) }
        }
    }

    private func checkSingleFamily(_ peer: NetworkPolicyPeer, peers: [NetworkPolicyPeer], path: String, fields: [String: FieldRanges]) {
        guard let block = peer.ipBlock, block.cidr.prefixLength == 0 else { return }
        let other = block.cidr.family == .ipv4 ? CIDR.allIPv6 : CIDR.allIPv4
        guard !peers.contains(where: { $0.ipBlock?.cidr == other }), let range = fields[path + ".ipBlock.cidr"]?.value else { return }
        diagnostics.emit(.lintSingleFamilyInternet(block.cidr.description, missing: other.description), at: range)
    }

    /// Labels that people set on namespaces by hand to select them by name.
    private static let nameLikeKeys: Set<String> = ["name", "namespace", "ns", "kubernetes.io/name"]

    private func checkMutableLabel(_ selector: LabelSelector, path: String, fields: [String: FieldRanges]) {
        for (key, value) in selector.matchLabels.sorted(by: { $0.key < $1.key }) where Linter.nameLikeKeys.contains(key) {
            guard let range = fields[path + "[\(key)]"]?.key, KubernetesNames.dns1123LabelError(value) == nil else { continue }
            diagnostics.emit(
                .lintMutableNamespaceLabel(key, value: value), at: range,
                fixIts: [FixIt("select the namespace by its name label", replacing: range, with: "kubernetes.io/metadata.name")]
            )
        }
    }

    // MARK: - DNS

    /// Reports each policy that isolates egress for pods whose egress rules,
    /// from every policy of the namespace that selects at least those pods,
    /// admit no UDP port 53 to any place DNS could run.
    /// A namespace-wide policy is checked first, and when it is reported, the
    /// narrower policies of its namespace are not, because the report covers their pods.
    private func checkDNS() {
        var reportedNamespaces: Set<String> = []
        let ordered = policies.filter { $0.policy.podSelector.isEmpty } + policies.filter { !$0.policy.podSelector.isEmpty }
        // Only egress policies of a policy's own namespace can cover it, so
        // they are grouped once instead of filtered from all for each one.
        let egressPolicies = Dictionary(grouping: policies.lazy.map(\.policy).filter { $0.policyTypes.contains(.egress) }, by: \.namespace)
        for decoded in ordered where decoded.policy.policyTypes.contains(.egress) && !reportedNamespaces.contains(decoded.policy.namespace) {
            let policy = decoded.policy
            let covering = egressPolicies[policy.namespace, default: []].filter {
                $0.podSelector.isEmpty || policy.podSelector.isNarrower(than: $0.podSelector)
            }
            let admitsDNS = covering.contains { other in
                (other.egress ?? []).contains { rule in admitsDNSPort(rule) && mayReachDNS(rule, from: other.namespace) }
            }
            if !admitsDNS {
                if policy.podSelector.isEmpty { reportedNamespaces.insert(policy.namespace) }
                diagnostics.emit(.lintEgressWithoutDNS, at: decoded.ranges.policyTypes ?? decoded.ranges.fields["spec.egress"]?.key ?? decoded.ranges.object)
            }
        }
    }

    private func admitsDNSPort(_ rule: NetworkPolicyRule) -> Bool {
        guard let ports = rule.ports, !ports.isEmpty else { return true }
        return ports.contains { port in
            guard (port.protocol ?? .tcp) == .udp else { return false }
            switch port.port {
            case nil: return true
            case .number(let first): return (first...(port.endPort ?? first)).contains(53)
            case .name(let name): return name.contains("dns")
            }
        }
    }

    /// Returns whether a peer of the rule may match cluster DNS: pods in
    /// `kube-system` (or wherever a namespace selector leads) or any address,
    /// since node-local DNS caches listen on an address.
    private func mayReachDNS(_ rule: NetworkPolicyRule, from namespace: String) -> Bool {
        guard let peers = rule.peers, !peers.isEmpty else { return true }
        return peers.contains { peer in
            if peer.ipBlock != nil { return true }
            guard let namespaceSelector = peer.namespaceSelector else { return namespace == "kube-system" }
            return namespaceSelector.matches(["kubernetes.io/metadata.name": "kube-system"]) || !namespaceSelector.matchLabels.keys.contains("kubernetes.io/metadata.name")
        }
    }
}
