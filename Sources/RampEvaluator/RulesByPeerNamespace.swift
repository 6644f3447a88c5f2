import RampKube

/// The rules of one direction of a policy, by the namespace that their
/// peers can match, for the checks that only ask whether some rule admits a
/// connection.
///
/// A peer without a namespace selector matches pods of the policy's own
/// namespace, and one whose namespace selector requires a name matches pods
/// of that namespace only. A rule whose peers are all of these kinds can
/// admit a pod of those namespaces only. Generated policies give a service
/// one such rule per namespace it calls, so without the index every check of
/// a connection read every one of them.
struct RulesByPeerNamespace: Sendable {
    /// Policies with fewer rules in a direction keep no index: reading their
    /// rules costs less than a lookup.
    static let minimumRules = 8

    /// For each namespace named by a rule: the rules that can admit a pod
    /// there, which are its own and the unpinned ones.
    private let byNamespace: [String: [EffectiveRule]]
    /// The rules that can admit a pod of any namespace or an address.
    private let unpinned: [EffectiveRule]

    init?(_ rules: [EffectiveRule], policyNamespace: String) {
        guard rules.count >= RulesByPeerNamespace.minimumRules else { return nil }
        var pinned: [String: [EffectiveRule]] = [:]
        var unpinned: [EffectiveRule] = []
        for rule in rules {
            guard let names = RulesByPeerNamespace.namespaces(of: rule, policyNamespace: policyNamespace) else {
                unpinned.append(rule)
                continue
            }
            for name in Set(names) { pinned[name, default: []].append(rule) }
        }
        byNamespace = pinned.mapValues { $0 + unpinned }
        self.unpinned = unpinned
    }

    /// Returns the rules that can admit `peer`, in no particular order.
    func rules(couldAdmit peer: Endpoint) -> [EffectiveRule] {
        guard case .pod(let pod) = peer else { return unpinned }
        return byNamespace[pod.namespace.name] ?? unpinned
    }

    /// Returns the namespaces whose pods the rule's peers can match, or nil
    /// when a peer can match an address or pods of namespaces chosen by
    /// other labels. A rule without peers admits everything.
    private static func namespaces(of rule: EffectiveRule, policyNamespace: String) -> [String]? {
        guard let peers = rule.peers else { return nil }
        var names: [String] = []
        for peer in peers {
            if peer.ipBlock != nil { return nil }
            guard let selector = peer.namespaceSelector else {
                names.append(policyNamespace)
                continue
            }
            guard let name = selector.matchLabels[Namespace.nameLabel] else { return nil }
            names.append(name)
        }
        return names
    }
}
