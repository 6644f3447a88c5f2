import RampKube

/// Joins objects of one namespace that have the same policy types and the
/// same rules and whose pod selectors differ only in one label's value, into
/// one object whose pod selector uses `In`.
///
/// Exact: each pod of the joined selector is selected by an object with the
/// same isolation and the same rules as before.
public struct MergeObjects: PlanPass {
    public let name = "merge-objects"
    /// Kubernetes object names may be longer, but a label-length name keeps
    /// the output readable and fits every tool.
    static let maximumNameLength = 63

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        // Each round merges disjoint groups; a merged object can join another
        // group in the next round, which rarely happens, so rounds are few.
        // Fingerprinting the rules takes most of a round and is independent
        // per object, so it runs on all cores. Objects that a round leaves
        // alone keep their keys for the next round.
        var keysOfObjects = plan.mapEachObject(MergeObjects.keys)
        while mergeRound(&plan, keysOfObjects: &keysOfObjects) {}
    }

    /// Returns the groups that `object` can join, with the label values it brings to each.
    private static func keys(of object: PlanObject) -> [(key: Key, values: [String])] {
        let splits = SelectorUnion.splits(object.podSelector)
        guard !splits.isEmpty else { return [] }

        let rules = RuleSignature(object)
        return splits.map { (Key(namespace: object.namespace, rules: rules, split: $0.split), $0.values) }
    }

    /// A group of objects that can join, hashed by a fingerprint computed
    /// once for the reason that `PeerKey` gives.
    private struct Key: Hashable {
        let namespace: String
        let rules: RuleSignature
        let split: SelectorUnion.Split
        let fingerprint: UInt64

        init(namespace: String, rules: RuleSignature, split: SelectorUnion.Split) {
            self.namespace = namespace
            self.rules = rules
            self.split = split
            let fingerprint = PeerKey.combine(PeerKey.fnv1a(namespace), rules.fingerprint)
            self.fingerprint = PeerKey.combine(fingerprint, split.fingerprint)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(fingerprint)
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.fingerprint == rhs.fingerprint && lhs.namespace == rhs.namespace && lhs.split == rhs.split
                && lhs.rules == rhs.rules
        }
    }

    /// Merges every group it can, each object joining at most one group, the
    /// largest groups first. Returns whether anything merged.
    /// `keysOfObjects` contains `keys(of:)` of every object, and the round keeps it up to date.
    private func mergeRound(_ plan: inout PolicyPlan, keysOfObjects: inout [[(key: Key, values: [String])]]) -> Bool {
        // Groups are numbered in order of first appearance, which breaks ties between equal sizes.
        var numbers: [Key: Int] = [:]
        var keys: [Key] = []
        var groups: [[(index: Int, values: [String])]] = []
        for (index, keysOfObject) in keysOfObjects.enumerated() {
            for (key, values) in keysOfObject {
                if let number = numbers[key] {
                    groups[number].append((index, values))
                } else {
                    numbers[key] = keys.count
                    keys.append(key)
                    groups.append([(index, values)])
                }
            }
        }
        let candidates = groups.indices
            .filter { groups[$0].count >= 2 }
            .sorted { (groups[$0].count, -$0) > (groups[$1].count, -$1) }
        var used: Set<Int> = []
        var replacements: [Int: PlanObject] = [:]
        var removed: Set<Int> = []
        var namesByNamespace: [String: Set<String>] = [:]
        for object in plan.objects { namesByNamespace[object.namespace, default: []].insert(object.name) }
        for group in candidates {
            let key = keys[group]
            let members = groups[group].filter { !used.contains($0.index) }
            guard members.count >= 2 else { continue }
            let indices = members.map(\.index).sorted()
            used.formUnion(indices)
            var names = namesByNamespace[key.namespace]!
            for index in indices { names.remove(plan.objects[index].name) }
            let merged = merge(indices.map { plan.objects[$0] }, key: key, values: members.flatMap(\.values), taken: names)
            names.insert(merged.name)
            namesByNamespace[key.namespace] = names
            replacements[indices[0]] = merged
            removed.formUnion(indices.dropFirst())
        }
        guard !replacements.isEmpty else { return false }

        var keptKeys: [[(key: Key, values: [String])]] = []
        plan.objects = plan.objects.enumerated().compactMap { index, object in
            guard !removed.contains(index) else { return nil }

            if let replacement = replacements[index] {
                keptKeys.append(MergeObjects.keys(of: replacement))
                return replacement
            }
            keptKeys.append(keysOfObjects[index])
            return object
        }
        keysOfObjects = keptKeys
        return true
    }

    private func merge(_ objects: [PlanObject], key: Key, values: [String], taken: Set<String>) -> PlanObject {
        var merged = objects[0]
        merged.podSelector = SelectorUnion.join(key.split, values: values)
        // The origins of all members are collected first and added once, so
        // that a merge of thousands of objects stays linear.
        var origins: [String] = []
        var ingressOrigins = [[String]](repeating: [], count: merged.ingress.count)
        var egressOrigins = [[String]](repeating: [], count: merged.egress.count)
        for other in objects.dropFirst() {
            origins += other.origins
            collectOrigins(of: other.ingress, matching: merged.ingress, into: &ingressOrigins)
            collectOrigins(of: other.egress, matching: merged.egress, into: &egressOrigins)
        }
        PlanRule.append(origins, toUnique: &merged.origins)
        for index in merged.ingress.indices { merged.ingress[index].addOrigins(ingressOrigins[index]) }
        for index in merged.egress.indices { merged.egress[index].addOrigins(egressOrigins[index]) }
        merged.name = mergedName(objects.map(\.name), taken: taken)
        merged.subject = merged.name
        return merged
    }

    /// Adds the origins of each rule to those collected for the first
    /// target rule with the same match.
    private func collectOrigins(of rules: [PlanRule], matching targets: [PlanRule], into collected: inout [[String]]) {
        for rule in rules {
            if let index = targets.firstIndex(where: { $0.hasSameMatch(as: rule) }) {
                collected[index] += rule.origins
            }
        }
    }

    /// Names a merged object after its members: `a-b-c`, or `a-and-2-more`
    /// when that is too long, with a number added if the name is taken.
    private func mergedName(_ names: [String], taken: Set<String>) -> String {
        var base = names.joined(separator: "-")
        if base.count > MergeObjects.maximumNameLength {
            let suffix = "-and-\(names.count - 1)-more"
            base = String(names[0].prefix(MergeObjects.maximumNameLength - suffix.count)) + suffix
        }
        var name = base
        var number = 2
        while taken.contains(name) {
            let suffix = "-\(number)"
            name = String(base.prefix(MergeObjects.maximumNameLength - suffix.count)) + suffix
            number += 1
        }
        return name
    }
}
