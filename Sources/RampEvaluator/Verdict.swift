import RampKube

/// The decision of one side of a connection: the source's egress or the
/// destination's ingress.
public enum DirectionVerdict: Hashable, Sendable {
    /// The endpoint is an IP address outside the cluster, with no policies of its own.
    case external
    /// No policy with this direction in `policyTypes` selects the pod.
    case notIsolated
    /// The pod is isolated, and these rules admit the connection.
    case admitted(by: [RuleReference])
    /// The pod is isolated by these policies, and none of their rules admits the connection.
    case denied(isolatedBy: [PolicyReference])

    public var admits: Bool {
        if case .denied = self { return false }
        return true
    }
}

/// The result of a concrete query, with the reason for each side.
public struct Verdict: Hashable, Sendable, CustomStringConvertible {
    public let connection: Connection
    public let egress: DirectionVerdict
    public let ingress: DirectionVerdict

    /// True when the source's egress and the destination's ingress both admit the connection.
    public var isAllowed: Bool { egress.admits && ingress.admits }

    /// One line such as `denied: x/a -> y/b TCP/80; egress of x/a: not isolated;
    /// ingress of y/b: isolated by y/deny-all, no rule admits it`.
    public var description: String {
        let head = (isAllowed ? "allowed: " : "denied: ") + connection.description
        let egressText = "egress of \(connection.source): " + Verdict.describe(egress)
        let ingressText = "ingress of \(connection.destination): " + Verdict.describe(ingress)
        return [head, egressText, ingressText].joined(separator: "; ")
    }

    private static func describe(_ verdict: DirectionVerdict) -> String {
        switch verdict {
        case .external:
            return "outside the cluster, no policies apply"
        case .notIsolated:
            return "not isolated"
        case .admitted(let rules):
            return "admitted by " + rules.map(\.description).joined(separator: ", ")
        case .denied(let policies):
            return "isolated by " + policies.map(\.description).joined(separator: ", ") + ", no rule admits it"
        }
    }
}
