import RampKube

extension NetworkPolicyEvaluator {
    /// The part of one namespace's policies that the evaluator reads, with
    /// the policies indexed by a label that their pod selector requires.
    ///
    /// Each evaluation looks for the policies that select one pod. In a
    /// namespace of many services most policies select other pods, and
    /// matching every selector was the largest cost of an evaluation there
    /// (measured with perf on a comparison of environments).
    struct NamespacePolicies: Sendable {
        let policies: [EffectivePolicy]
        /// The distinct port entries of the policies' rules, which
        /// `decidesAlike(_:_:)` compares first.
        let portEntries: [NetworkPolicyPort]
        /// The positions of the policies whose pod selector requires a
        /// label, by the label of the smallest key it requires, and of the
        /// other policies. Nil for a namespace of a few policies, which are
        /// all read.
        private let index: (byLabel: [Label: [Int]], unlabelled: [Int])?

        /// One label as a key and a value.
        struct Label: Hashable, Sendable {
            let key: String
            let value: String
        }

        /// The number of policies from which an index pays for its lookups.
        private static let indexedCount = 8

        static let empty = NamespacePolicies(policies: [], portEntries: [])

        init(policies: [EffectivePolicy], portEntries: [NetworkPolicyPort]) {
            self.policies = policies
            self.portEntries = portEntries
            guard policies.count >= NamespacePolicies.indexedCount else {
                index = nil
                return
            }
            var byLabel: [Label: [Int]] = [:]
            var unlabelled: [Int] = []
            for (position, policy) in policies.enumerated() {
                guard let key = policy.podSelector.matchLabels.keys.min() else {
                    unlabelled.append(position)
                    continue
                }
                byLabel[Label(key: key, value: policy.podSelector.matchLabels[key]!), default: []].append(position)
            }
            index = (byLabel, unlabelled)
        }

        /// Returns, in order, the policies that may select a pod with these
        /// labels: all of those whose selector might match. Callers match
        /// each selector still. A pod has one value per key, so no policy
        /// is listed twice.
        func candidates(selecting labels: [String: String]) -> [EffectivePolicy] {
            guard let index else { return policies }
            var positions = index.unlabelled
            for (key, value) in labels {
                positions += index.byLabel[Label(key: key, value: value)] ?? []
            }
            positions.sort()
            return positions.map { policies[$0] }
        }
    }
}
