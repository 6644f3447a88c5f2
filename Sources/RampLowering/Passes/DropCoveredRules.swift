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
        plan.rewriteEachObject { object in
            object.ingress = dropCovered(object.ingress)
            object.egress = dropCovered(object.egress)
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
        // Object indices per namespace, in plan order, so that each wide
        // object visits only its own namespace.
        var indicesByNamespace: [String: [Int]] = [:]
        for index in plan.objects.indices {
            indicesByNamespace[plan.objects[index].namespace, default: []].append(index)
        }
        for wideIndex in plan.objects.indices where plan.objects[wideIndex].podSelector.isEmpty {
            let wide = plan.objects[wideIndex]
            let directions = wide.policyTypes.sorted()
            for index in indicesByNamespace[wide.namespace]! where index != wideIndex {
                for direction in directions {
                    dropRules(of: index, coveredBy: wideIndex, wide: wide, direction: direction, in: &plan)
                }
            }
        }
        plan.objects.removeAll { $0.policyTypes.isEmpty }
    }

    private func dropRules(
        of index: Int, coveredBy wideIndex: Int, wide: PlanObject, direction: NetworkPolicy.PolicyType, in plan: inout PolicyPlan
    ) {
        var remaining: [PlanRule] = []
        for rule in plan.objects[index].rules(direction) {
            if let covering = wide.rules(direction).firstIndex(where: { covers($0, rule) }) {
                if direction == .ingress {
                    plan.objects[wideIndex].ingress[covering].addOrigins(rule.origins)
                } else {
                    plan.objects[wideIndex].egress[covering].addOrigins(rule.origins)
                }
            } else {
                remaining.append(rule)
            }
        }
        plan.objects[index].setRules(remaining, direction)
        if remaining.isEmpty { plan.objects[index].policyTypes.remove(direction) }
    }
}
