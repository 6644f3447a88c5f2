import RampDiagnostics
import RampKube
import RampSource

/// The checks of `ramp lint` that compare policies with the workloads,
/// Services and Namespaces of `--workloads`. A namespace counts only when
/// some workload runs in it, so that manifests of part of a cluster do not
/// make every other policy look wrong.
struct WorkloadChecks {
    let policies: [DecodedNetworkPolicy]
    let inventory: WorkloadInventory
    let diagnostics: DiagnosticEngine

    func run() {
        for decoded in policies {
            checkSubjectSelector(decoded)
            for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
                let rules = (direction == .ingress ? decoded.policy.ingress : decoded.policy.egress) ?? []
                for (index, rule) in rules.enumerated() {
                    let path = "spec.\(direction == .ingress ? "ingress" : "egress")[\(index)]"
                    checkPeerSelectors(rule, path: path + (direction == .ingress ? ".from" : ".to"), in: decoded)
                    checkPorts(rule, destinations: destinations(of: rule, direction: direction, in: decoded.policy), path: path, in: decoded)
                }
            }
        }
        checkUnselectedWorkloads()
    }

    // MARK: - Selectors

    private func checkSubjectSelector(_ decoded: DecodedNetworkPolicy) {
        let policy = decoded.policy
        guard !policy.podSelector.isEmpty, inventory.hasWorkloads(in: policy.namespace),
              inventory.workloads(in: policy.namespace, matching: policy.podSelector).isEmpty,
              let range = decoded.ranges.podSelector else { return }
        diagnostics.emit(.lintSelectorMatchesNoWorkload(SelectorText.bracketed(policy.podSelector), namespace: policy.namespace), at: range)
    }

    /// Checks pod selectors of peers whose namespaces are known by name.
    private func checkPeerSelectors(_ rule: NetworkPolicyRule, path: String, in decoded: DecodedNetworkPolicy) {
        for (index, peer) in (rule.peers ?? []).enumerated() {
            guard let podSelector = peer.podSelector, !podSelector.isEmpty else { continue }
            guard let namespace = namedNamespace(peer.namespaceSelector, policyNamespace: decoded.policy.namespace),
                  inventory.hasWorkloads(in: namespace), inventory.workloads(in: namespace, matching: podSelector).isEmpty,
                  let range = decoded.ranges.fields["\(path)[\(index)].podSelector"]?.value else { continue }
            diagnostics.emit(.lintSelectorMatchesNoWorkload(SelectorText.bracketed(podSelector), namespace: namespace), at: range)
        }
    }

    /// Returns the one namespace a peer's namespace selector names, or the
    /// policy's own namespace when there is no selector.
    private func namedNamespace(_ selector: LabelSelector?, policyNamespace: String) -> String? {
        guard let selector else { return policyNamespace }
        guard selector.matchExpressions.isEmpty, selector.matchLabels.count == 1 else { return nil }
        return selector.matchLabels["kubernetes.io/metadata.name"]
    }

    private func checkUnselectedWorkloads() {
        let namespacesWithPolicies = Set(policies.map(\.policy.namespace))
        for workload in inventory.workloads where namespacesWithPolicies.contains(workload.namespace) {
            let selected = policies.contains { $0.policy.namespace == workload.namespace && $0.policy.podSelector.matches(workload.podLabels) }
            if !selected {
                diagnostics.emit(.lintWorkloadNotSelected(workload.description, namespace: workload.namespace), at: workload.range)
            }
        }
    }

    // MARK: - Ports

    /// Returns the workloads that a rule's connections go to: the policy's
    /// own pods for ingress, the pods its peers select for egress.
    private func destinations(of rule: NetworkPolicyRule, direction: NetworkPolicy.PolicyType, in policy: NetworkPolicy) -> [Workload] {
        if direction == .ingress { return inventory.workloads(in: policy.namespace, matching: policy.podSelector) }
        guard let peers = rule.peers, !peers.isEmpty else { return [] }
        return inventory.workloads.filter { workload in
            peers.contains { peer in
                guard peer.ipBlock == nil else { return false }
                let namespaceMatches = peer.namespaceSelector.map { $0.matches(inventory.namespaceLabels(workload.namespace)) }
                    ?? (workload.namespace == policy.namespace)
                return namespaceMatches && (peer.podSelector?.matches(workload.podLabels) ?? true)
            }
        }
    }

    private func checkPorts(_ rule: NetworkPolicyRule, destinations: [Workload], path: String, in decoded: DecodedNetworkPolicy) {
        guard !destinations.isEmpty else { return }
        for (index, port) in (rule.ports ?? []).enumerated() {
            guard let range = decoded.ranges.fields["\(path).ports[\(index)]"]?.value else { continue }
            switch port.port {
            case .name(let name)?:
                checkNamedPort(name, protocol: port.protocol ?? .tcp, destinations: destinations, at: range)
            case .number(let number)? where port.endPort == nil:
                checkServicePort(number, protocol: port.protocol ?? .tcp, destinations: destinations, at: range)
            default:
                continue
            }
        }
    }

    private func checkNamedPort(_ name: String, protocol networkProtocol: NetworkProtocol, destinations: [Workload], at range: SourceRange) {
        var numbers: [Int: [String]] = [:]
        var undefined: [String] = []
        for workload in destinations {
            let matching = Set(workload.ports.filter { $0.name == name && $0.protocol == networkProtocol }.map(\.number))
            if matching.isEmpty { undefined.append(workload.description) }
            for number in matching { numbers[number, default: []].append(workload.description) }
        }
        if numbers.count > 1 {
            let resolutions = numbers.keys.sorted().map { "\($0) on \(numbers[$0]!.joined(separator: ", "))" }.joined(separator: "; ")
            diagnostics.emit(.lintNamedPortAmbiguous(name, resolutions: resolutions), at: range)
        }
        if !undefined.isEmpty {
            diagnostics.emit(.lintNamedPortUndefined(name, workloads: undefined.joined(separator: ", ")), at: range)
        }
    }

    /// Reports a number that no destination listens on but that a Service
    /// in front of them exposes as its `port`. The check is skipped when a
    /// destination declares no ports, because then its ports are unknown.
    private func checkServicePort(_ number: Int, protocol networkProtocol: NetworkProtocol, destinations: [Workload], at range: SourceRange) {
        guard destinations.allSatisfy({ !$0.ports.isEmpty }),
              !destinations.contains(where: { $0.ports.contains { $0.number == number && $0.protocol == networkProtocol } }) else { return }
        for service in inventory.services {
            guard let selector = service.selector, !selector.isEmpty,
                  let workload = destinations.first(where: { $0.namespace == service.namespace && LabelSelector(matchLabels: selector).matches($0.podLabels) }),
                  let servicePort = service.ports.first(where: { $0.port == number && $0.protocol == networkProtocol }) else { continue }
            let target: String
            switch servicePort.targetPort {
            case nil: continue
            case .number(let value)?: target = String(value)
            case .name(let name)?:
                target = workload.ports.first { $0.name == name }.map { "\($0.number) (\(QuotedText.quote(name)))" } ?? QuotedText.quote(name)
            }
            diagnostics.emit(.lintServicePort(number, service: service.name, containerPort: target), at: range)
            return
        }
    }
}
