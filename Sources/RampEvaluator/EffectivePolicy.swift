import RampKube

/// A policy as `namespace/name`, for explanations.
public struct PolicyReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let namespace: String
    public let name: String

    public var description: String { namespace + "/" + name }

    public static func < (lhs: PolicyReference, rhs: PolicyReference) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// One rule of a policy: `spec.ingress[ruleIndex]` or `spec.egress[ruleIndex]`.
public struct RuleReference: Hashable, Sendable, CustomStringConvertible {
    public let policy: PolicyReference
    public let direction: NetworkPolicy.PolicyType
    /// The position in the policy's `ingress` or `egress` list, from 0.
    public let ruleIndex: Int

    public var description: String {
        let list = direction == .ingress ? "ingress" : "egress"
        return "\(policy) \(list)[\(ruleIndex)]"
    }
}

/// A policy with the API defaults applied, as both evaluators read it.
///
/// - `policyTypes`, when empty, defaults to `Ingress`, plus `Egress` when
///   the egress list is non-empty (the API server's defaulting).
/// - Rules of a direction missing from `policyTypes` are ignored.
/// - An empty peer or port list means the same as an omitted one: every
///   peer or every port. The rule field comments in kubernetes/api
///   `networking/v1/types.go` state "If this field is empty or missing, this
///   rule matches all sources", and the fields' `omitempty` JSON tag drops an
///   empty list when the object is written back.
///
/// A class, so that the evaluator's loops over policies retain one
/// reference per policy in place of copying every field.
final class EffectivePolicy: Sendable {
    let reference: PolicyReference
    let podSelector: LabelSelector
    let isolatesIngress: Bool
    let isolatesEgress: Bool
    let ingress: [EffectiveRule]
    let egress: [EffectiveRule]
    private let ingressByPeerNamespace: RulesByPeerNamespace?
    private let egressByPeerNamespace: RulesByPeerNamespace?

    var namespace: String { reference.namespace }

    init(_ policy: NetworkPolicy) {
        reference = PolicyReference(namespace: policy.namespace, name: policy.name)
        podSelector = policy.podSelector
        (isolatesIngress, isolatesEgress) = EffectivePolicy.isolatedDirections(of: policy)
        ingress = isolatesIngress ? EffectiveRule.rules(policy.ingress, direction: .ingress, of: reference) : []
        egress = isolatesEgress ? EffectiveRule.rules(policy.egress, direction: .egress, of: reference) : []
        ingressByPeerNamespace = RulesByPeerNamespace(ingress, policyNamespace: policy.namespace)
        egressByPeerNamespace = RulesByPeerNamespace(egress, policyNamespace: policy.namespace)
    }

    /// Returns the directions that a policy isolates, with the API's
    /// default for an empty `policyTypes`.
    static func isolatedDirections(of policy: NetworkPolicy) -> (ingress: Bool, egress: Bool) {
        var types = Set(policy.policyTypes)
        if types.isEmpty {
            types.insert(.ingress)
            if !(policy.egress ?? []).isEmpty { types.insert(.egress) }
        }
        return (types.contains(.ingress), types.contains(.egress))
    }

    func rules(_ direction: NetworkPolicy.PolicyType) -> [EffectiveRule] {
        direction == .ingress ? ingress : egress
    }

    /// Returns the rules of a direction that can admit `peer`, in no
    /// particular order: every rule, or the indexed ones of a long list.
    func rules(_ direction: NetworkPolicy.PolicyType, couldAdmit peer: Endpoint) -> [EffectiveRule] {
        let index = direction == .ingress ? ingressByPeerNamespace : egressByPeerNamespace
        return index?.rules(couldAdmit: peer) ?? rules(direction)
    }

    func isolates(_ direction: NetworkPolicy.PolicyType) -> Bool {
        direction == .ingress ? isolatesIngress : isolatesEgress
    }

    /// Returns whether the other policy selects, isolates and admits what
    /// this one does, through the same selector and rules. Names differ freely.
    func hasSameEffect(as other: EffectivePolicy) -> Bool {
        podSelector == other.podSelector && isolatesIngress == other.isolatesIngress && isolatesEgress == other.isolatesEgress
            && EffectiveRule.sameRules(ingress, other.ingress) && EffectiveRule.sameRules(egress, other.egress)
    }
}

/// A rule with empty lists folded into nil. A class for the same reason as
/// `EffectivePolicy`.
final class EffectiveRule: Sendable {
    let reference: RuleReference
    /// Nil admits every peer, in the cluster or outside it.
    let peers: [NetworkPolicyPeer]?
    /// Nil admits every port of every protocol.
    let ports: [NetworkPolicyPort]?

    static func rules(
        _ rules: [NetworkPolicyRule]?,
        direction: NetworkPolicy.PolicyType,
        of policy: PolicyReference
    ) -> [EffectiveRule] {
        (rules ?? []).enumerated().map { index, rule in
            EffectiveRule(
                reference: RuleReference(policy: policy, direction: direction, ruleIndex: index),
                peers: (rule.peers?.isEmpty ?? true) ? nil : rule.peers,
                ports: (rule.ports?.isEmpty ?? true) ? nil : rule.ports
            )
        }
    }

    init(reference: RuleReference, peers: [NetworkPolicyPeer]?, ports: [NetworkPolicyPort]?) {
        self.reference = reference
        self.peers = peers
        self.ports = ports
    }

    /// Returns whether two rule lists have the same peers and ports, in order.
    static func sameRules(_ first: [EffectiveRule], _ second: [EffectiveRule]) -> Bool {
        first.count == second.count && zip(first, second).allSatisfy { $0.peers == $1.peers && $0.ports == $1.ports }
    }
}

extension NetworkPolicyPort {
    /// The protocol with the API default applied.
    var effectiveProtocol: NetworkProtocol { self.protocol ?? .tcp }
}
