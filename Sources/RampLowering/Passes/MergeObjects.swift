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
        var changed = true
        while changed {
            changed = mergeOneGroup(&plan)
        }
    }

    private struct Key: Hashable {
        let namespace: String
        let rules: String
        let split: SelectorUnion.Split
    }

    /// Merges the largest group that can be merged; returns whether it did.
    private func mergeOneGroup(_ plan: inout PolicyPlan) -> Bool {
        var groups: [Key: [(index: Int, values: [String])]] = [:]
        var order: [Key] = []
        for (index, object) in plan.objects.enumerated() {
            let rules = ruleSignature(object)
            for (split, values) in SelectorUnion.splits(object.podSelector) {
                let key = Key(namespace: object.namespace, rules: rules, split: split)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((index, values))
            }
        }
        guard let key = order.filter({ groups[$0]!.count >= 2 }).max(by: { groups[$0]!.count < groups[$1]!.count }) else {
            return false
        }
        let members = groups[key]!.map(\.index).sorted()
        var merged = plan.objects[members[0]]
        merged.podSelector = SelectorUnion.join(key.split, values: groups[key]!.flatMap(\.values))
        for member in members.dropFirst() {
            let other = plan.objects[member]
            for origin in other.origins where !merged.origins.contains(origin) { merged.origins.append(origin) }
            mergeOrigins(of: other.ingress, into: &merged.ingress)
            mergeOrigins(of: other.egress, into: &merged.egress)
        }
        let names = members.map { plan.objects[$0].name }
        let taken = Set(plan.objects.enumerated().filter { !members.contains($0.offset) && $0.element.namespace == key.namespace }.map(\.element.name))
        merged.name = mergedName(names, taken: taken)
        merged.subject = merged.name
        plan.objects[members[0]] = merged
        for member in members.dropFirst().reversed() { plan.objects.remove(at: member) }
        return true
    }

    /// Returns the rules and policy types as text, independent of rule order and origins.
    private func ruleSignature(_ object: PlanObject) -> String {
        let types = object.policyTypes.sorted().map(\.rawValue).joined(separator: ",")
        let ingress = object.ingress.map(ruleText).sorted().joined(separator: ";")
        let egress = object.egress.map(ruleText).sorted().joined(separator: ";")
        return types + "|" + ingress + "|" + egress
    }

    private func ruleText(_ rule: PlanRule) -> String {
        PlanPrinter.peers(rule.peers) + " ports " + PlanPrinter.ports(rule.ports)
    }

    private func mergeOrigins(of rules: [PlanRule], into target: inout [PlanRule]) {
        for rule in rules {
            if let index = target.firstIndex(where: { ruleText($0) == ruleText(rule) }) {
                target[index].addOrigins(rule.origins)
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
