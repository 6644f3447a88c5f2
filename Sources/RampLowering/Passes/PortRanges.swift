import RampKube

/// Joins numeric ports of one protocol in a rule that are consecutive or
/// overlap into one `port`/`endPort` range, so `80, 81, 82` becomes `80-82`.
///
/// Exact: a rule admits a port if any of its entries does, and the range
/// admits exactly the union. `endPort` is stable from Kubernetes 1.25, so
/// the pipeline runs this pass only for that version or later.
public struct PortRanges: PlanPass {
    public let name = "port-ranges"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        plan.rewriteEachObject { object in
            // Most rules have one port and stay as they are, so only the others are rewritten.
            for index in object.ingress.indices where needsCompacting(object.ingress[index]) {
                object.ingress[index].ports = PortRanges.compact(object.ingress[index].ports!)
            }
            for index in object.egress.indices where needsCompacting(object.egress[index]) {
                object.egress[index].ports = PortRanges.compact(object.egress[index].ports!)
            }
        }
    }

    /// Returns whether `compact` would change the rule's ports.
    private func needsCompacting(_ rule: PlanRule) -> Bool {
        guard let ports = rule.ports else { return false }
        return !(ports.count == 1 && PortRanges.isCompact(ports[0]))
    }

    /// Returns the ports with numeric ranges of each protocol joined; named
    /// ports and whole-protocol entries keep their place after the numbers.
    static func compact(_ ports: [NetworkPolicyPort]) -> [NetworkPolicyPort] {
        if ports.count == 1, isCompact(ports[0]) { return ports }

        var intervals: [NetworkProtocol: [(Int, Int)]] = [:]
        var others: [NetworkPolicyPort] = []
        for port in ports {
            guard case .number(let first) = port.port else {
                if !others.contains(port) { others.append(port) }
                continue
            }
            intervals[port.protocol ?? .tcp, default: []].append((first, port.endPort ?? first))
        }
        var result: [NetworkPolicyPort] = []
        for networkProtocol in NetworkProtocol.allCases {
            guard let list = intervals[networkProtocol] else { continue }
            for (first, last) in joined(list) {
                result.append(NetworkPolicyPort(protocol: networkProtocol, port: .number(first), endPort: first == last ? nil : last))
            }
        }
        return result + others
    }

    /// Returns whether `compact` returns this port alone unchanged: a named
    /// or whole-protocol port, or a number with its protocol written out and
    /// no `endPort` equal to the port.
    private static func isCompact(_ port: NetworkPolicyPort) -> Bool {
        guard case .number(let first) = port.port else { return true }
        return port.protocol != nil && port.endPort != first
    }

    private static func joined(_ intervals: [(Int, Int)]) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for (first, last) in intervals.sorted(by: { $0 < $1 }) {
            if let previous = result.last, first <= previous.1 + 1 {
                result[result.count - 1].1 = max(previous.1, last)
            } else {
                result.append((first, last))
            }
        }
        return result
    }
}
