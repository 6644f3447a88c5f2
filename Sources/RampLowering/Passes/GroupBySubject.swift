import RampKube

/// Merges the objects of one subject (same namespace and subject name) into
/// one object carrying all their rules, ingress and egress together. The
/// namespace posture, DNS and namespace-wide rules thereby share one object
/// with an empty pod selector.
///
/// Exact: a pod's isolation is the union of the isolation of the objects that
/// select it, and its allows are the union of their rules; merging objects
/// with one pod selector changes neither.
public struct GroupBySubject: PlanPass {
    public let name = "group-by-subject"

    public init() {}

    public func run(_ plan: inout PolicyPlan) {
        var grouped: [PlanObject] = []
        var indexByKey: [String: Int] = [:]
        for object in plan.objects {
            let key = object.namespace + "/" + object.subject
            guard let index = indexByKey[key] else {
                indexByKey[key] = grouped.count
                var first = object
                first.name = object.subject
                grouped.append(first)
                continue
            }
            precondition(grouped[index].podSelector == object.podSelector, "objects of one subject select the same pods")
            grouped[index].policyTypes.formUnion(object.policyTypes)
            grouped[index].ingress += object.ingress
            grouped[index].egress += object.egress
            for origin in object.origins where !grouped[index].origins.contains(origin) {
                grouped[index].origins.append(origin)
            }
        }
        plan.objects = grouped
    }
}
