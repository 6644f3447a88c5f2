import RampKube

/// Drops rules whose every allow another rule already grants: within one
/// object and direction, and across a namespace when an object with an empty
/// pod selector isolates the direction for every pod and grants the allow.
/// An object left without rules for a direction that the namespace object
/// isolates anyway loses that direction, and an object left with none is
/// dropped. The dropped rule's contract locations move to the covering rule.
///
/// Exact: allows are a union, so removing a member that another member
/// contains keeps the union. A pod that the namespace object isolates stays
/// isolated without its own object.
public struct DropCoveredRules: PlanPass {
    public let name = "drop-covered"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        for index in plan.objects.indices {
            for direction in [NetworkPolicy.PolicyType.ingress, .egress] {
                plan.objects[index].setRules(dropCovered(plan.objects[index].rules(direction)), direction)
            }
        }
        dropCoveredByNamespaceObjects(&plan)
    }

    /// Keeps the first of equal rules and drops any rule contained in another.
    private func dropCovered(_ rules: [PlanRule]) -> [PlanRule] {
        var kept = rules
        var index = 0
        while index < kept.count {
            let rule = kept[index]
            let coveringIndex = kept.indices.first { other in
                other != index && covers(kept[other], rule) && (!covers(rule, kept[other]) || other < index)
            }
            if let coveringIndex {
                kept[coveringIndex].addOrigins(rule.origins)
                kept.remove(at: index)
            } else {
                index += 1
            }
        }
        return kept
    }

    private func covers(_ outer: PlanRule, _ inner: PlanRule) -> Bool {
        Containment.peers(inner.peers, within: outer.peers) && Containment.ports(inner.ports, within: outer.ports)
    }

    private func dropCoveredByNamespaceObjects(_ plan: inout PolicyPlan) {
        for wideIndex in plan.objects.indices where plan.objects[wideIndex].podSelector.isEmpty {
            let wide = plan.objects[wideIndex]
            for index in plan.objects.indices where index != wideIndex && plan.objects[index].namespace == wide.namespace {
                for direction in wide.policyTypes.sorted() {
                    var remaining: [PlanRule] = []
                    for rule in plan.objects[index].rules(direction) {
                        if let covering = wide.rules(direction).firstIndex(where: { covers($0, rule) }) {
                            plan.objects[wideIndex].setRules(withOrigins(rule.origins, at: covering, in: plan.objects[wideIndex].rules(direction)), direction)
                        } else {
                            remaining.append(rule)
                        }
                    }
                    plan.objects[index].setRules(remaining, direction)
                    if remaining.isEmpty { plan.objects[index].policyTypes.remove(direction) }
                }
            }
        }
        plan.objects.removeAll { $0.policyTypes.isEmpty }
    }

    private func withOrigins(_ origins: [String], at index: Int, in rules: [PlanRule]) -> [PlanRule] {
        var rules = rules
        rules[index].addOrigins(origins)
        return rules
    }
}
