import RampKube

/// The policy types and rules of an object, ignoring rule order and origins,
/// as a dictionary key that hashes a fingerprint computed once.
///
/// Printing every rule to compare objects took most of `MergeObjects` (perf,
/// `ramp build` of the large synthetic system). Equal signatures have equal
/// fingerprints, and `==` still compares the rules, so a collision costs
/// time but never joins objects with different rules.
struct RuleSignature: Hashable {
    /// The rules of one direction, ordered by their fingerprints.
    struct Rules {
        let rules: [PlanRule]
        let fingerprints: [UInt64]

        init(_ rules: [PlanRule]) {
            let fingerprints = rules.map(Rules.fingerprint)
            // Most directions have one rule, which needs no order.
            guard rules.count >= 2 else {
                self.rules = rules
                self.fingerprints = fingerprints
                return
            }

            let order = rules.indices.sorted { fingerprints[$0] < fingerprints[$1] }
            self.rules = order.map { rules[$0] }
            self.fingerprints = order.map { fingerprints[$0] }
        }

        /// Returns whether both contain the same rules the same number of times.
        func hasSameRules(as other: Rules) -> Bool {
            guard fingerprints == other.fingerprints else { return false }
            if zip(rules, other.rules).allSatisfy({ $0.hasSameMatch(as: $1) }) { return true }

            // Different rules with equal fingerprints may sit in either order.
            var unmatched = other.rules
            for rule in rules {
                guard let index = unmatched.firstIndex(where: { $0.hasSameMatch(as: rule) }) else { return false }
                unmatched.remove(at: index)
            }
            return true
        }

        /// Returns a hash that is equal for rules with the same peers and ports, whatever their origins.
        private static func fingerprint(of rule: PlanRule) -> UInt64 {
            var fingerprint: UInt64 = rule.peers == nil ? 1 : 2
            for peerFingerprint in rule.peerFingerprints ?? [] {
                fingerprint = PeerKey.combine(fingerprint, peerFingerprint)
            }
            fingerprint = PeerKey.combine(fingerprint, rule.ports == nil ? 1 : 2)
            for port in rule.ports ?? [] {
                fingerprint = PeerKey.combine(fingerprint, PeerKey.fingerprint(of: port))
            }
            return fingerprint
        }
    }

    let policyTypes: Set<NetworkPolicy.PolicyType>
    let ingress: Rules
    let egress: Rules
    let fingerprint: UInt64

    init(_ object: PlanObject) {
        policyTypes = object.policyTypes
        ingress = Rules(object.ingress)
        egress = Rules(object.egress)
        // Fingerprinting the policy types directly avoids building a string for every object.
        var fingerprint = PeerKey.combine(object.policyTypes.contains(.ingress) ? 1 : 0, object.policyTypes.contains(.egress) ? 1 : 0)
        for direction in [ingress, egress] {
            fingerprint = PeerKey.combine(fingerprint, UInt64(direction.fingerprints.count))
            for ruleFingerprint in direction.fingerprints { fingerprint = PeerKey.combine(fingerprint, ruleFingerprint) }
        }
        self.fingerprint = fingerprint
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(fingerprint)
    }

    static func == (lhs: RuleSignature, rhs: RuleSignature) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.policyTypes == rhs.policyTypes
            && lhs.ingress.hasSameRules(as: rhs.ingress) && lhs.egress.hasSameRules(as: rhs.egress)
    }
}
