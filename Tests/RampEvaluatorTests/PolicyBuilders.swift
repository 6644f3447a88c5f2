import RampKube
import XCTest
@testable import RampEvaluator

// Short constructors so that each test reads like the YAML it stands for.

func selector(_ labels: [String: String] = [:], _ expressions: [LabelSelectorRequirement] = []) -> LabelSelector {
    LabelSelector(matchLabels: labels, matchExpressions: expressions)
}

func requirement(_ key: String, _ op: LabelSelectorRequirement.Operator, _ values: [String] = []) -> LabelSelectorRequirement {
    LabelSelectorRequirement(key: key, operator: op, values: values)
}

func policy(
    _ namespace: String,
    _ name: String,
    podSelector: LabelSelector = .everything,
    types: [NetworkPolicy.PolicyType],
    ingress: [NetworkPolicyRule]? = nil,
    egress: [NetworkPolicyRule]? = nil
) -> NetworkPolicy {
    NetworkPolicy(name: name, namespace: namespace, podSelector: podSelector, policyTypes: types, ingress: ingress, egress: egress)
}

func rule(_ peers: [NetworkPolicyPeer]? = nil, ports: [NetworkPolicyPort]? = nil) -> NetworkPolicyRule {
    NetworkPolicyRule(peers: peers, ports: ports)
}

/// Returns a peer with a pod selector only, which matches pods in the policy's namespace.
func podPeer(_ labels: [String: String], _ expressions: [LabelSelectorRequirement] = []) -> NetworkPolicyPeer {
    NetworkPolicyPeer(podSelector: selector(labels, expressions))
}

/// Returns a peer with a namespace selector only, which matches every pod in matching namespaces.
func namespacePeer(_ labels: [String: String], _ expressions: [LabelSelectorRequirement] = []) -> NetworkPolicyPeer {
    NetworkPolicyPeer(namespaceSelector: selector(labels, expressions))
}

/// Returns a peer with both selectors, which matches matching pods in matching namespaces.
func podsInNamespaces(_ pods: LabelSelector, _ namespaces: LabelSelector) -> NetworkPolicyPeer {
    NetworkPolicyPeer(podSelector: pods, namespaceSelector: namespaces)
}

func ipBlockPeer(_ cidr: String, except: [String] = []) -> NetworkPolicyPeer {
    NetworkPolicyPeer(ipBlock: IPBlock(cidr: parseCIDR(cidr), except: except.map(parseCIDR)))
}

func parseCIDR(_ text: String) -> CIDR {
    do { return try CIDR.parse(text) } catch { fatalError("invalid CIDR in test: \(text): \(error.reason)") }
}

func address(_ text: String) -> Endpoint {
    do { return .ipAddress(try IPAddress.parse(text)) } catch { fatalError("invalid address in test: \(text)") }
}

func port(_ number: Int, _ networkProtocol: NetworkProtocol? = .tcp, endPort: Int? = nil) -> NetworkPolicyPort {
    NetworkPolicyPort(protocol: networkProtocol, port: .number(number), endPort: endPort)
}

func namedPort(_ name: String, _ networkProtocol: NetworkProtocol? = .tcp) -> NetworkPolicyPort {
    NetworkPolicyPort(protocol: networkProtocol, port: .name(name))
}

func anyPort(_ networkProtocol: NetworkProtocol) -> NetworkPolicyPort {
    NetworkPolicyPort(protocol: networkProtocol, port: nil)
}

func evaluator(_ policies: [NetworkPolicy], file: StaticString = #filePath, line: UInt = #line) -> NetworkPolicyEvaluator {
    do {
        return try NetworkPolicyEvaluator(policies: policies)
    } catch {
        XCTFail("policies rejected: \(error)", file: file, line: line)
        return try! NetworkPolicyEvaluator(policies: [])
    }
}

/// Returns the cluster of the Kubernetes e2e netpol suite: namespaces x, y
/// and z labelled `ns=<name>`, each with pods a, b and c labelled `pod=<name>`.
/// Every pod serves ports 80 and 81 over TCP, UDP and SCTP, with container
/// ports named like `serve-80-tcp`.
func netpolCluster() -> Cluster {
    var cluster = Cluster()
    let containerPorts = [80, 81].flatMap { number in
        NetworkProtocol.allCases.map { networkProtocol in
            ContainerPort(name: "serve-\(number)-\(networkProtocol.rawValue.lowercased())", protocol: networkProtocol, containerPort: number)
        }
    }
    for namespace in ["x", "y", "z"] {
        cluster.addNamespace(namespace, labels: ["ns": namespace])
        for pod in ["a", "b", "c"] {
            cluster.addPod(pod, namespace: namespace, labels: ["pod": pod], containerPorts: containerPorts)
        }
    }
    return cluster
}

extension Cluster {
    /// Returns the pod at `namespace/name`, which the test expects to exist.
    func pod(_ qualifiedName: String) -> Endpoint {
        guard let endpoint = endpoint(qualifiedName) else { fatalError("no pod \(qualifiedName) in test cluster") }
        return endpoint
    }
}
